import { strict as assert } from 'node:assert';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { demoUserId } from '../emulator/demoState';
import { MPS_VERSION, expectError, mpsClient, post, signedCall, vodClient } from './emulator.helpers';

describe('emulator fault injection', () => {
  let em: RunningEmulator;
  beforeEach(async () => {
    em = await startEmulator({ quiet: true, qpsLimits: false });
  });
  afterEach(() => em.close());

  it('server-error: 500 InternalError, then normal answers after `times`', async () => {
    em.setFault('ListAllMediaBucket', { kind: 'server-error', times: 1 });
    await expectError(post(mpsClient(em), 'ListAllMediaBucket'), 'InternalError', 500);
    await post(mpsClient(em), 'ListAllMediaBucket');
  });

  it('server-error with status 503: ServiceUnavailable', async () => {
    em.setFault('ListAllMediaBucket', { kind: 'server-error', status: 503 });
    await expectError(post(mpsClient(em), 'ListAllMediaBucket'), 'ServiceUnavailable', 503);
    await expectError(post(mpsClient(em), 'ListAllMediaBucket'), 'ServiceUnavailable', 503);
    em.clearFaults();
    await post(mpsClient(em), 'ListAllMediaBucket');
  });

  it('applies before any state change', async () => {
    em.setFault('UnbindOutputBucket', { kind: 'server-error' });
    await expectError(post(mpsClient(em), 'UnbindOutputBucket', { Bucket: 'media-output-demo' }), 'InternalError', 500);
    assert.ok(em.state.isBound('media-output-demo'));
    assert.equal(em.stats().byAction.UnbindOutputBucket.failed, 1);
  });

  it('match: only requests with those parameter values get the fault; the others pass and use up no `times`', async () => {
    const vod = vodClient(em);
    const bob = demoUserId('bob');
    em.setFault('ListAppPoliciesForIdentity', { kind: 'server-error', times: 1, match: { IdentityName: bob } });
    await post(vod, 'ListAppPoliciesForIdentity', { IdentityType: 'RamUser', IdentityName: demoUserId('alice'), AppId: 'app-1000000' });
    await post(vod, 'ListAppPoliciesForIdentity', { IdentityType: 'RamRole', IdentityName: 'TranscodeRole', AppId: 'app-1000000' });
    assert.equal(em.stats().byAction.ListAppPoliciesForIdentity.failed, 0, 'other identities are answered');
    await expectError(post(vod, 'ListAppPoliciesForIdentity', { IdentityType: 'RamUser', IdentityName: bob, AppId: 'app-1000000' }), 'InternalError', 500);
    await post(vod, 'ListAppPoliciesForIdentity', { IdentityType: 'RamUser', IdentityName: bob, AppId: 'app-1000000' });
    assert.deepEqual(em.requests().map((r) => r.outcome), ['OK', 'OK', 'InternalError', 'OK']);
  });

  it('match must map parameter names to strings', () => {
    assert.throws(() => em.setFault('ListAppInfo', { kind: 'throttle', match: { PageNo: 1 } as unknown as Record<string, string> }), /fault\.match/);
  });

  it('throttle: a burst of Throttling.User on the next N', async () => {
    em.setFault('UnbindOutputBucket', { kind: 'throttle', times: 2 });
    for (let i = 0; i < 2; i++) {
      const e = await expectError(post(mpsClient(em), 'UnbindOutputBucket', { Bucket: 'media-output-demo' }), 'Throttling.User', 400);
      assert.equal(e.data.Message, 'Request was denied due to user flow control.');
    }
    await post(mpsClient(em), 'UnbindOutputBucket', { Bucket: 'media-output-demo' });
    assert.equal(em.stats().byAction.UnbindOutputBucket.throttled, 2);
  });

  it('error: any Alibaba code with its status, before any state change; a recommend replaces the Recommend link', async () => {
    em.setFault('UnbindOutputBucket', { kind: 'error', code: 'Forbidden.RAM', status: 403, times: 1, recommend: 'http://evil.example/t?q={Code}&requestId={RequestId}' });
    const e = await expectError(post(mpsClient(em), 'UnbindOutputBucket', { Bucket: 'media-output-demo' }), 'Forbidden.RAM', 403);
    assert.equal(e.data.Recommend, `http://evil.example/t?q=Forbidden.RAM&requestId=${e.data.RequestId}`);
    assert.ok(em.state.isBound('media-output-demo'), 'nothing was unbound');
    em.setFault('UnbindOutputBucket', { kind: 'error', code: 'Forbidden.RAM', times: 1 });
    const plain = await expectError(post(mpsClient(em), 'UnbindOutputBucket', { Bucket: 'media-output-demo' }), 'Forbidden.RAM', 400);
    assert.equal(plain.data.Recommend, `https://api.aliyun.com/troubleshoot?q=Forbidden.RAM&product=Mts&requestId=${plain.data.RequestId}`);
  });

  it('error needs a code, and code/message/recommend only go with the kinds that answer an error body', () => {
    assert.throws(() => em.setFault('ListAllMediaBucket', { kind: 'error' }), /fault\.code is required/);
    assert.throws(() => em.setFault('ListAllMediaBucket', { kind: 'reset', code: 'X' }), /fault\.code applies/);
    assert.throws(() => em.setFault('ListAllMediaBucket', { kind: 'html', recommend: 'https://x' }), /fault\.recommend applies/);
  });

  it('rewrite: the action runs, and its successful answer is altered on the way back', async () => {
    const vod = vodClient(em);
    const alice = demoUserId('alice');
    const params = { IdentityType: 'RamUser', IdentityName: alice, AppId: 'app-1000000' };
    const real = await post<{ AppPolicyList: { PolicyName: string }[] }>(vod, 'ListAppPoliciesForIdentity', params);
    const policy = real.AppPolicyList[0]?.PolicyName;
    assert.ok(policy, 'alice holds a policy in the default app');
    em.setFault('ListAppPoliciesForIdentity', { kind: 'rewrite', rewrite: [[`"PolicyName":"${policy}"`, '"PolicyName":"Forged"']], times: 1 });
    const forged = await post<{ AppPolicyList: { PolicyName: string }[] }>(vod, 'ListAppPoliciesForIdentity', params);
    assert.deepEqual(forged.AppPolicyList.map((p) => p.PolicyName), real.AppPolicyList.map((p) => (p.PolicyName === policy ? 'Forged' : p.PolicyName)));
    const again = await post<{ AppPolicyList: { PolicyName: string }[] }>(vod, 'ListAppPoliciesForIdentity', params);
    assert.deepEqual(again.AppPolicyList, real.AppPolicyList, 'after `times` the answer is the real one');
    // An error answer passes unchanged.
    em.setFault('UnbindOutputBucket', { kind: 'rewrite', rewrite: [['Bucket', 'Forged']], times: 1 });
    await expectError(post(mpsClient(em), 'UnbindOutputBucket', { Bucket: 'no-such-bucket' }), 'Bucket.NotBind', 400);
    assert.throws(() => em.setFault('ListUsers', { kind: 'rewrite' }), /fault\.rewrite is required/);
    assert.throws(() => em.setFault('ListUsers', { kind: 'rewrite', rewrite: [['', 'x']] }), /fault\.rewrite must be/);
    assert.throws(() => em.setFault('ListUsers', { kind: 'throttle', rewrite: [['a', 'b']] }), /fault\.rewrite applies/);
  });

  it('reset: the socket is destroyed', async () => {
    em.setFault('*', { kind: 'reset', times: 1 });
    await assert.rejects(post(mpsClient(em), 'ListAllMediaBucket'), (e: NodeJS.ErrnoException) => /ECONNRESET|socket hang up/.test(`${e.code} ${e.message}`));
    await post(mpsClient(em), 'ListAllMediaBucket');
  });

  it('no-answer: the request hangs until the client times out', async () => {
    em.setFault('ListAppInfo', { kind: 'no-answer' });
    const c = mpsClient(em);
    await assert.rejects(c.request('ListAppInfo', {}, { method: 'POST', timeout: 300 }), /timeout/i);
    assert.equal(em.requests().at(-1)?.outcome, 'fault:no-answer');
  });

  it('reset-after-action: the action runs and changes the state, then the socket is destroyed', async () => {
    em.setFault('UnbindOutputBucket', { kind: 'reset-after-action', times: 1 });
    await assert.rejects(post(mpsClient(em), 'UnbindOutputBucket', { Bucket: 'media-output-demo' }), (e: NodeJS.ErrnoException) => /ECONNRESET|socket hang up/.test(`${e.code} ${e.message}`));
    assert.equal(em.state.isBound('media-output-demo'), false);
    assert.deepEqual([em.requests().at(-1)?.outcome, em.stats().byAction.UnbindOutputBucket!.failed], ['fault:reset-after-action', 1]);
    // Only the next `times` requests: the next one is answered (and says what the lost answer would not).
    await expectError(post(mpsClient(em), 'UnbindOutputBucket', { Bucket: 'media-output-demo' }), 'Bucket.NotBind', 400);
  });

  it('no-answer-after-action: the action runs, the answer never comes; an error answer is lost too', async () => {
    em.setFault('BindOutputBucket', { kind: 'no-answer-after-action', times: 2 });
    const c = mpsClient(em);
    await assert.rejects(c.request('BindOutputBucket', { Bucket: 'media-output-unbound' }, { method: 'POST', timeout: 300 }), /timeout/i);
    assert.equal(em.state.isBound('media-output-unbound'), true);
    // The second bind would answer Bucket.AlreadyBind; that answer is held as well.
    await assert.rejects(c.request('BindOutputBucket', { Bucket: 'media-output-unbound' }, { method: 'POST', timeout: 300 }), /timeout/i);
    assert.equal(em.requests().at(-1)?.outcome, 'fault:no-answer-after-action');
  });

  it('the …-after-action kinds can be armed through the admin API', async () => {
    const res = await fetch(`${em.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ action: 'DetachAppPolicyFromIdentity', fault: { kind: 'reset-after-action', times: 1 } }) });
    assert.equal(res.status, 200);
    const listed = (await (await fetch(`${em.url}/__emulator/faults`)).json()) as { action: string; fault: { kind: string } }[];
    assert.deepEqual(listed.map((f) => [f.action, f.fault.kind]), [['DetachAppPolicyFromIdentity', 'reset-after-action']]);
  });

  it('no-answer: close() ends held requests and returns promptly', async () => {
    em.setFault('*', { kind: 'no-answer' });
    const pending = fetch(`${em.url}/`, { method: 'POST', body: 'Action=ListAllMediaBucket', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const settled = pending.then(() => 'answered', () => 'failed');
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await em.close();
    assert.ok(Date.now() - t0 < 1000);
    assert.equal(await settled, 'failed');
  });

  it('html: a 502 HTML page that pop-core cannot parse', async () => {
    em.setFault('ListAllMediaBucket', { kind: 'html' });
    let thrown: unknown;
    try {
      await post(mpsClient(em), 'ListAllMediaBucket');
    } catch (e) {
      thrown = e;
    }
    assert.equal((thrown as { name?: string }).name, 'SyntaxError');
    const res = await fetch(`${em.url}/?Action=ListAllMediaBucket`);
    assert.equal(res.status, 502);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await res.text(), /502 Bad Gateway/);
  });

  it('status-without-code: an HTTP error whose JSON body has no Code', async () => {
    em.setFault('ListAllMediaBucket', { kind: 'status-without-code', status: 500 });
    const r = await signedCall(em, 'ListAllMediaBucket', MPS_VERSION, {});
    assert.equal(r.status, 500);
    assert.equal(r.body.Code, undefined);
    assert.ok(r.body.RequestId);
    // pop-core resolves such bodies: that is the quirk clients must handle.
    const resolved = await post(mpsClient(em), 'ListAllMediaBucket');
    assert.equal(resolved.Code, undefined);
  });

  it('latency: per-fault and global', async () => {
    em.setFault('ListAllMediaBucket', { latencyMs: 150, times: 1 });
    let t0 = Date.now();
    await post(mpsClient(em), 'ListAllMediaBucket');
    assert.ok(Date.now() - t0 >= 140);
    em.setLatency(120);
    t0 = Date.now();
    await post(mpsClient(em), 'ListAllMediaBucket');
    assert.ok(Date.now() - t0 >= 110);
    em.setLatency(0);
  });

  it('an action-specific fault wins over "*"', async () => {
    em.setFault('*', { kind: 'server-error' });
    em.setFault('ListAllMediaBucket', { kind: 'throttle' });
    await expectError(post(mpsClient(em), 'ListAllMediaBucket'), 'Throttling.User', 400);
    await expectError(post(mpsClient(em), 'UnbindOutputBucket', { Bucket: 'x' }), 'InternalError', 500);
  });

  it('rejects malformed faults', () => {
    assert.throws(() => em.setFault('X', { kind: 'explode' as never }), /kind/);
    assert.throws(() => em.setFault('X', {}), /kind or latencyMs/);
  });
});
