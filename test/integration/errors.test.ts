// Every kind of failure through the real commands, with the emulator's real errors and injected faults: each
// result names the kind and code people act on, carries the server's RequestId when there is one, retries only
// what is worth retrying (counted at the server), and changes no state. Bad input is refused before anything is
// sent (the server's received count does not move).
import * as assert from 'node:assert/strict';
import {
  DEMO_ACCESS_KEY,
  clearCredentials,
  detach,
  emulatorProfile,
  extensionApi,
  requestsOf,
  setCredentials,
  setProfiles,
  setSetting,
  startTestEmulator,
  unbind,
  unbindMany,
  type ReceivedRequest,
  type RunningEmulator,
} from './support/harness';
import { demoUserId } from '../emulator/demoState';

const ALICE = demoUserId('alice');

const PROFILE = 'errors-it';
const BUCKET = 'media-output-demo';
/** DEFAULT_RETRY_POLICY.maxAttempts in src/cloud/retry.ts. */
const MAX_ATTEMPTS = 4;

describe('error kinds', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startTestEmulator();
    await extensionApi();
    await setProfiles([emulatorProfile(emulator, { name: PROFILE })]);
  });

  after(async () => {
    await clearCredentials(PROFILE);
    await setProfiles(undefined);
    await setSetting('requestTimeoutSeconds', undefined);
    await emulator?.close();
  });

  let since = 0;
  beforeEach(async () => {
    emulator.clearFaults();
    emulator.resetStats();
    since = emulator.requests().length;
    if (!emulator.state.isBound(BUCKET)) emulator.state.bind(BUCKET, 'Output');
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
  });

  function unbindAttempts(): ReceivedRequest[] {
    return requestsOf(emulator, 'UnbindOutputBucket', since).filter((r) => r.params.Bucket === BUCKET);
  }

  function assertStillBound(): void {
    assert.equal(emulator.state.isBound(BUCKET), true, 'a failed call changed the state');
  }

  describe('answers from the server', () => {
    it('wrong secret → auth / SignatureDoesNotMatch with the RequestId, not retried', async () => {
      await setCredentials(PROFILE, { accessKeyId: DEMO_ACCESS_KEY.accessKeyId, accessKeySecret: 'WrongSecretForDemoKeyNotReal00001' });
      const result = await unbind({ profile: PROFILE, bucket: BUCKET });
      assert.equal(result.ok, false);
      assert.equal(result.error?.kind, 'auth');
      assert.equal(result.error?.code, 'SignatureDoesNotMatch');
      assert.equal(result.error?.httpStatus, 400);
      const sent = requestsOf(emulator, 'UnbindOutputBucket', since);
      assert.equal(sent.length, 1, 'an auth failure is not retried');
      assert.equal(result.error?.requestId, sent[0]?.requestId);
      assert.ok(!result.error?.message.includes('WrongSecretForDemoKey'), 'the secret is echoed in the error');
      assertStillBound();
    });

    it('unknown AccessKeyId → auth / InvalidAccessKeyId.NotFound (HTTP 404) with the RequestId', async () => {
      await setCredentials(PROFILE, { accessKeyId: 'LTAI5tUnknownKey00000009', accessKeySecret: DEMO_ACCESS_KEY.accessKeySecret });
      const result = await unbind({ profile: PROFILE, bucket: BUCKET });
      assert.equal(result.error?.kind, 'auth');
      assert.equal(result.error?.code, 'InvalidAccessKeyId.NotFound');
      assert.equal(result.error?.httpStatus, 404);
      assert.equal(result.error?.requestId, unbindAttempts()[0]?.requestId);
      assert.equal(unbindAttempts().length, 1);
      assertStillBound();
    });

    it('throttled more often than the attempts other faults get → still retried (a time budget), and succeeds', async () => {
      // Throttling is another client's use of the quota: it is retried for a time (60 s), not MAX_ATTEMPTS times.
      emulator.setFault('UnbindOutputBucket', { kind: 'throttle', times: MAX_ATTEMPTS + 1 });
      const result = await unbind({ profile: PROFILE, bucket: BUCKET });
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.deepEqual(unbindAttempts().map((r) => r.outcome), [...Array<string>(MAX_ATTEMPTS + 1).fill('Throttling.User'), 'OK']);
      assert.equal(emulator.stats().byAction.UnbindOutputBucket?.throttled, MAX_ATTEMPTS + 1);
      assert.equal(result.requestId, unbindAttempts().at(-1)?.requestId, 'the answering attempt\'s RequestId');
      assert.equal(emulator.state.isBound(BUCKET), false);
    });

    it('throttled once → retried and succeeds', async () => {
      emulator.setFault('UnbindOutputBucket', { kind: 'throttle', times: 1 });
      const result = await unbind({ profile: PROFILE, bucket: BUCKET });
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.deepEqual(unbindAttempts().map((r) => r.outcome), ['Throttling.User', 'OK']);
      assert.equal(emulator.state.isBound(BUCKET), false);
    });

    it('5xx once → retried with a fresh signature and succeeds', async () => {
      emulator.setFault('UnbindOutputBucket', { kind: 'server-error', times: 1 });
      const result = await unbind({ profile: PROFILE, bucket: BUCKET });
      assert.equal(result.ok, true, JSON.stringify(result));
      const attempts = unbindAttempts();
      assert.deepEqual(attempts.map((r) => r.status), [500, 200]);
      assert.notEqual(attempts[0]?.params.SignatureNonce, attempts[1]?.params.SignatureNonce, 'a retry reuses the nonce');
      assert.equal(result.requestId, attempts[1]?.requestId);
      assert.equal(emulator.state.isBound(BUCKET), false);
    });

    it('5xx on every attempt → server / ServiceUnavailable (HTTP 503) with its code and RequestId', async () => {
      emulator.setFault('UnbindOutputBucket', { kind: 'server-error', status: 503 });
      const result = await unbind({ profile: PROFILE, bucket: BUCKET });
      assert.equal(result.error?.kind, 'server');
      assert.equal(result.error?.code, 'ServiceUnavailable');
      assert.equal(result.error?.httpStatus, 503);
      assert.equal(unbindAttempts().length, MAX_ATTEMPTS);
      assert.equal(result.error?.requestId, unbindAttempts().at(-1)?.requestId);
      assertStillBound();
    });

    it('an HTML gateway page → bad-response / InvalidResponse (retried, then surfaced)', async () => {
      emulator.setFault('UnbindOutputBucket', { kind: 'html' });
      const result = await unbind({ profile: PROFILE, bucket: BUCKET });
      assert.equal(result.error?.kind, 'bad-response');
      assert.equal(result.error?.code, 'InvalidResponse');
      assert.equal(result.error?.httpStatus, 502);
      assert.equal(unbindAttempts().length, MAX_ATTEMPTS, 'a gateway page is retried');
      assert.ok(unbindAttempts().every((r) => r.outcome === 'fault:html'));
      assertStillBound();
    });

    it('a dropped connection → network / ECONNRESET', async () => {
      emulator.setFault('UnbindOutputBucket', { kind: 'reset' });
      const result = await unbind({ profile: PROFILE, bucket: BUCKET });
      assert.equal(result.error?.kind, 'network');
      assert.equal(result.error?.code, 'ECONNRESET');
      assert.equal(unbindAttempts().length, MAX_ATTEMPTS, 'a reset is retried');
      assertStillBound();
    });

    it('no answer within alicloudMedia.requestTimeoutSeconds → timeout / RequestTimeout on every attempt', async function () {
      this.timeout(20_000);
      await setSetting('requestTimeoutSeconds', 1);
      try {
        emulator.setFault('UnbindOutputBucket', { kind: 'no-answer' });
        const started = Date.now();
        const result = await unbind({ profile: PROFILE, bucket: BUCKET });
        const elapsed = Date.now() - started;
        assert.equal(result.error?.kind, 'timeout');
        assert.equal(result.error?.code, 'RequestTimeout');
        assert.match(result.error?.message ?? '', /1000 ms/);
        assert.equal(unbindAttempts().length, MAX_ATTEMPTS);
        assert.ok(elapsed >= MAX_ATTEMPTS * 1000 && elapsed < 15_000, `took ${elapsed} ms for ${MAX_ATTEMPTS} one-second attempts`);
      } finally {
        emulator.clearFaults();
        await setSetting('requestTimeoutSeconds', undefined);
      }
      assertStillBound();
    });

    it('VOD app service not open → permission / OperationDenied.NotOpenAppService (HTTP 403)', async () => {
      emulator.state.appServiceOpen = false;
      try {
        const result = await detach({ profile: PROFILE, identityType: 'RamUser', identityName: ALICE, policyNames: ['VODAppFullAccess'] });
        assert.equal(result.ok, false);
        assert.equal(result.error?.kind, 'permission');
        assert.equal(result.error?.code, 'OperationDenied.NotOpenAppService');
        assert.equal(result.error?.httpStatus, 403);
        assert.equal(result.error?.requestId, requestsOf(emulator, 'DetachAppPolicyFromIdentity').at(-1)?.requestId);
      } finally {
        emulator.state.appServiceOpen = true;
      }
      assert.ok(emulator.state.policiesOf({ type: 'RamUser', name: ALICE, appId: 'app-1000000' }).includes('VODAppFullAccess'));
    });

    it('unknown VOD application → not-found / InvalidAppId.NotFound', async () => {
      const result = await detach({ profile: PROFILE, identityType: 'RamUser', identityName: ALICE, appId: 'app-9999999', policyNames: ['VODAppFullAccess'] });
      assert.equal(result.error?.kind, 'not-found');
      assert.equal(result.error?.code, 'InvalidAppId.NotFound');
      assert.equal(emulator.stats().byAction.DetachAppPolicyFromIdentity?.received, 1, 'not-found is not retried');
    });
  });

  describe('bad input sends nothing', () => {
    const cases: [string, unknown, string][] = [
      ['an invalid bucket name', { profile: PROFILE, bucket: 'Bad_Bucket!' }, 'InvalidArgument'],
      ['a missing bucket', { profile: PROFILE }, 'InvalidArgument'],
      ['both bucket and buckets', { profile: PROFILE, bucket: BUCKET, buckets: [BUCKET] }, 'InvalidArgument'],
      ['an empty bucket list', { profile: PROFILE, buckets: [] }, 'InvalidArgument'],
      ['one bad name in a bulk list', { profile: PROFILE, buckets: [BUCKET, 'UPPER-case'] }, 'InvalidArgument'],
      ['an unknown profile', { profile: 'no-such-profile', bucket: BUCKET }, 'UnknownProfile'],
      ['no profile', { bucket: BUCKET }, 'InvalidArgument'],
      ['a string instead of an object', 'media-output-demo', 'InvalidArgument'],
    ];
    for (const [what, arg, code] of cases) {
      it(`unbind with ${what} → invalid-input / ${code}`, async () => {
        const result = (await (Array.isArray((arg as { buckets?: unknown })?.buckets) ? unbindMany(arg as never) : unbind(arg))) as {
          ok: boolean;
          error?: { kind: string; code: string };
        };
        assert.equal(result.ok, false);
        assert.equal(result.error?.kind, 'invalid-input');
        assert.equal(result.error?.code, code);
        assert.equal(emulator.stats().received, 0, 'a request was sent for bad input');
      });
    }

    const detachCases: [string, Record<string, unknown>][] = [
      ['an invalid policy name', { policyNames: ['not a policy!'] }],
      ['no policy names', { policyNames: [] }],
      ['a policy listed twice', { policyNames: ['VODAppFullAccess', 'VODAppFullAccess'] }],
      ['an unknown identity type', { identityType: 'RamGroup' }],
      ['an invalid identity name', { identityName: 'has space' }],
      ['an invalid app id', { appId: 'application-1' }],
      ['an unknown profile', { profile: 'no-such-profile' }],
    ];
    for (const [what, change] of detachCases) {
      it(`detach with ${what} → invalid-input`, async () => {
        const result = await detach({
          profile: PROFILE, identityType: 'RamUser', identityName: ALICE, appId: 'app-1000000', policyNames: ['VODAppFullAccess'],
          ...change,
        });
        assert.equal(result.ok, false);
        assert.equal(result.error?.kind, 'invalid-input');
        assert.equal(emulator.stats().received, 0, 'a request was sent for bad input');
      });
    }

    it('the same well-formed call does reach the server (the cases above are not refused for another reason)', async () => {
      const result = await detach({ profile: PROFILE, identityType: 'RamUser', identityName: ALICE, appId: 'app-1000000', policyNames: ['VODAppFullAccess'] });
      assert.equal(result.ok, true, JSON.stringify(result));
      // The detach, and before its confirmation the account it happens in (STS GetCallerIdentity), the name of
      // the UserId it names (RAM ListUsers) and what RAM grants alice besides (#20: her policies, her group's, and
      // the documents of the two policies group media-devs holds).
      const by = emulator.stats().byAction;
      assert.equal(by.DetachAppPolicyFromIdentity?.received, 1);
      assert.equal(by.GetCallerIdentity?.received, 1);
      assert.equal(by.ListUsers?.received, 1);
      assert.deepEqual([by.ListPoliciesForUser?.received, by.ListGroupsForUser?.received, by.ListPoliciesForGroup?.received, by.GetPolicy?.received], [1, 1, 1, 2]);
      assert.equal(emulator.stats().received, 8);
    });
  });
});
