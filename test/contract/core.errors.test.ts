// How the core reports each failure the emulator can produce, what it retries, and that no secret leaks.
import { strict as assert } from 'node:assert';
import { CloudError, describeError } from '../../src/cloud/errors';
import { closeIdleConnections } from '../../src/cloud/rpc';
import { demoUserId } from '../emulator/demoState';
import { sign } from '../emulator/signature';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../emulator/server';
import { harness, printable, rejection, type Harness } from './core.helpers';

const STS_KEY = {
  accessKeyId: 'STS.NUcontractTemporaryKey01',
  accessKeySecret: 'StsContractSecretValue0123456789',
  securityToken: 'CAIScontractSecurityTokenValue+/=42',
};

describe('core error handling against the emulator', () => {
  let em: RunningEmulator;
  let h: Harness;
  beforeEach(async () => {
    em = await startEmulator({ quiet: true, accessKeys: [DEMO_ACCESS_KEY, STS_KEY] });
    h = harness(em);
  });
  afterEach(async () => {
    closeIdleConnections();
    await em.close();
  });

  it('wrong secret: auth, not retried, and neither the secret nor the Signature appears in any error text', async () => {
    const wrong = { accessKeyId: DEMO_ACCESS_KEY.accessKeyId, accessKeySecret: 'WrongSecretValueForContract0001' };
    const err = await rejection(harness(em, wrong).mps().unbindOutputBucket('media-output-demo'));
    assert.ok(err instanceof CloudError);
    assert.deepEqual([err.kind, err.code, err.httpStatus, err.retryable], ['auth', 'SignatureDoesNotMatch', 400, false]);
    assert.match(err.requestId ?? '', /^[0-9A-F-]{36}$/);
    assert.equal(em.stats().received, 1);
    const [request] = em.requests();
    const signature = sign('POST', request!.params, wrong.accessKeySecret);
    const text = printable(err) + describeError(err);
    for (const secret of [wrong.accessKeySecret, signature, encodeURIComponent(signature), DEMO_ACCESS_KEY.accessKeyId]) {
      assert.ok(!text.includes(secret), `error text leaks ${secret.slice(0, 6)}…`);
    }
    assert.match(describeError(err), /^SignatureDoesNotMatch \(HTTP 400\): Specified signature is not matched.* RequestId [0-9A-F-]{36}$/);
  });

  it('unknown AccessKeyId: auth, not retried', async () => {
    const unknown = { accessKeyId: 'LTAI5tUnknownKey00000001', accessKeySecret: 'UnknownKeySecretValue000000001' };
    const h2 = harness(em, unknown);
    await assert.rejects(h2.vod().listAppInfo(), { kind: 'auth', code: 'InvalidAccessKeyId.NotFound', httpStatus: 404 });
    assert.equal(em.stats().received, 1);
    assert.equal(h2.records[0]!.maskedAccessKeyId, 'LTAI****0001');
  });

  it('STS: a wrong SecurityToken is an auth error that never shows the token', async () => {
    const err = await rejection(harness(em, { ...STS_KEY, securityToken: 'CAISwrongTokenValue1234567' }).mps().unbindOutputBucket('media-output-demo'));
    assert.ok(err instanceof CloudError && err.kind === 'auth');
    assert.ok(!printable(err).includes('CAISwrongTokenValue1234567'));
    await harness(em, STS_KEY).mps().unbindOutputBucket('media-output-demo');
  });

  it('throttling is retried for a time, not a number of attempts, and surfaced only when the budget is spent', async () => {
    em.setFault('UnbindOutputBucket', { kind: 'throttle' });
    const started = Date.now();
    const retry = { maxAttempts: 2, throttleBudgetMs: 400, baseDelayMs: 5, maxDelayMs: 10 };
    const err = await rejection(h.mps({ retry }).unbindOutputBucket('media-output-demo'));
    const took = Date.now() - started;
    assert.ok(err instanceof CloudError);
    assert.deepEqual([err.kind, err.code, err.retryable], ['throttled', 'Throttling.User', true]);
    const throttled = em.stats().byAction.UnbindOutputBucket!.throttled;
    assert.ok(throttled > retry.maxAttempts, `${throttled} attempts: throttling counted against maxAttempts`);
    assert.ok(took >= retry.throttleBudgetMs && took < 5000, `surfaced after ${took} ms`);
    assert.equal(h.retries.length, throttled - 1);
    assert.deepEqual([h.records.length, h.records[0]!.attempts, h.records[0]!.error?.kind], [1, throttled, 'throttled']);
  });

  it('throttling does not use up the attempts of other faults', async () => {
    em.setFault('UnbindOutputBucket', { kind: 'throttle', times: 3 });
    const ack = await h.mps({ retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } }).unbindOutputBucket('media-output-demo');
    assert.match(ack.requestId, /^[0-9A-F-]{36}$/);
    assert.deepEqual([h.records[0]!.attempts, h.records[0]!.outcome], [4, 'succeeded']);
    assert.equal(em.state.isBound('media-output-demo'), false);
  });

  it('a 5xx is retried and then succeeds', async () => {
    em.setFault('UnbindOutputBucket', { kind: 'server-error', status: 503, times: 2 });
    const ack = await h.mps().unbindOutputBucket('media-output-demo');
    assert.match(ack.requestId, /^[0-9A-F-]{36}$/);
    assert.deepEqual([h.records[0]!.attempts, h.records[0]!.outcome], [3, 'succeeded']);
    assert.equal(em.stats().byAction.UnbindOutputBucket!.accepted, 1);
    assert.equal(em.state.isBound('media-output-demo'), false);
  });

  it('an unanswered request times out with the short per-call timeout', async () => {
    em.setFault('ListAllMediaBucket', { kind: 'no-answer' });
    const started = Date.now();
    const err = await rejection(h.mps({ retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } }).listAllMediaBuckets({ timeoutMs: 150 }));
    assert.ok(err instanceof CloudError);
    assert.deepEqual([err.kind, err.retryable], ['timeout', true]);
    assert.equal(em.stats().byAction.ListAllMediaBucket!.received, 2);
    assert.ok(Date.now() - started < 1500);
  });

  it('a connection reset is retried; a persistent one surfaces as network', async () => {
    em.setFault('BindOutputBucket', { kind: 'reset', times: 1 });
    await h.mps().bindOutputBucket('media-output-unbound');
    // The reset came before the bind ran: the read-back shows it unbound, so the bind is retried.
    assert.deepEqual(h.records.map((r) => [r.action, r.outcome, r.attempts]), [
      ['ListAllMediaBucket', 'succeeded', 1],
      ['BindOutputBucket', 'succeeded', 2],
    ]);
    em.setFault('UnbindOutputBucket', { kind: 'reset' });
    await assert.rejects(h.mps({ retry: { maxAttempts: 2, baseDelayMs: 5 } }).unbindOutputBucket('media-output-unbound'), { kind: 'network' });
    assert.equal(em.stats().byAction.UnbindOutputBucket!.received, 2);
  });

  it('an HTML 502 page is retried; a persistent one is bad-response with HTTP 502', async () => {
    em.setFault('ListAppInfo', { kind: 'html', times: 1 });
    const apps = await h.vod().listAppInfo();
    assert.equal(apps.total, 8);
    em.setFault('ListAppInfo', { kind: 'html' });
    await assert.rejects(h.vod({ retry: { maxAttempts: 2, baseDelayMs: 5 } }).listAppInfo(), { kind: 'bad-response', httpStatus: 502 });
  });

  it('an error status without a Code still fails, with its status and RequestId', async () => {
    em.setFault('ListAppPoliciesForIdentity', { kind: 'status-without-code', status: 404 });
    const err = await rejection(h.vod().listAppPoliciesForIdentity({ identityType: 'RamUser', identityName: demoUserId('alice') }));
    assert.ok(err instanceof CloudError);
    assert.deepEqual([err.kind, err.httpStatus, err.code], ['not-found', 404, 'HTTP404']);
    assert.match(err.requestId ?? '', /^[0-9A-F-]{36}$/);
  });

  it('bad input sends nothing', async () => {
    const mps = h.mps();
    const vod = h.vod();
    const bob = { identityType: 'RamUser', identityName: 'bob' } as const;
    const attempts = [
      mps.unbindOutputBucket('UPPER'),
      mps.bindOutputBucket('a'),
      vod.detachAppPolicyFromIdentity(bob, []),
      vod.detachAppPolicyFromIdentity(bob, ['VODAppFullAccess,VODAppReadOnlyAccess']),
      vod.attachAppPolicyToIdentity({ identityType: 'RamGroup' as 'RamUser', identityName: 'x' }, ['VODAppFullAccess']),
      vod.listAppPoliciesForIdentity({ ...bob, appId: 'default' }),
      vod.listAppInfo({ status: 'no such' }),
      mps.unbindOutputBucket('media-output-demo', { timeoutMs: -1 }),
      harness(em, { accessKeyId: 'LTAI5tEmuDemoKey0000001', accessKeySecret: 'short' }).mps().unbindOutputBucket('media-output-demo'),
    ];
    for (const p of attempts) await assert.rejects(p, { kind: 'invalid-input' });
    assert.equal(em.stats().received, 0);
    assert.equal(h.records.length, 8);
    assert.ok(h.records.every((r) => r.attempts === 0 && r.outcome === 'failed' && r.error?.kind === 'invalid-input'));
  });
});
