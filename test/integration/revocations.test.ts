// Both revocation commands through executeCommand, checked at the SERVER: each revocation arrives once, signed
// with the profile's key, with the right parameters, and changes the emulator's state. A command that is registered
// but never sends its request, sends the wrong target or sends it twice fails here.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  DEMO_ACCESS_KEY,
  assertAcceptedAndSigned,
  clearCredentials,
  detach,
  emulatorProfile,
  extensionApi,
  requestsOf,
  setCredentials,
  setProfiles,
  startTestEmulator,
  unbind,
  unbindMany,
  type RunningEmulator,
} from './support/harness';
import { demoUserId } from '../emulator/demoState';

const ALICE = demoUserId('alice');
const BUILD_BOT = demoUserId('build-bot');

const PROFILE = 'revoke-it';

describe('revocation commands', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startTestEmulator();
    await extensionApi();
    await setProfiles([emulatorProfile(emulator, { name: PROFILE })]);
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
  });

  after(async () => {
    await clearCredentials(PROFILE);
    await setProfiles(undefined);
    await emulator?.close();
  });

  beforeEach(() => {
    emulator.clearFaults();
    emulator.setLatency(0);
    emulator.resetStats();
  });

  describe('unbindOutputBucket', () => {
    it('unbinds one bucket: one signed UnbindOutputBucket at the server, whose RequestId the result returns', async () => {
      const since = emulator.requests().length;
      assert.equal(emulator.state.isBound('media-output-demo'), true);
      const result = await unbind({ profile: PROFILE, bucket: 'media-output-demo' });
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.equal(result.profile, PROFILE);
      assert.equal(result.bucket, 'media-output-demo');

      const sent = requestsOf(emulator, 'UnbindOutputBucket', since);
      assert.equal(sent.length, 1, 'exactly one request');
      assertAcceptedAndSigned(sent[0], DEMO_ACCESS_KEY.accessKeyId);
      assert.equal(sent[0]?.params.Bucket, 'media-output-demo');
      assert.equal(sent[0]?.params.Version, '2014-06-18');
      assert.equal(result.requestId, sent[0]?.requestId, 'the result carries the server RequestId');
      assert.equal(emulator.state.isBound('media-output-demo'), false, 'the bucket is no longer bound at the server');
      assert.ok(emulator.state.mediaBuckets().some((b) => b.bucket === 'media-input-demo'), 'other buckets are untouched');
    });

    it('reports the server error for a bucket that is not bound (Bucket.NotBind) and changes nothing', async () => {
      const before = emulator.state.toJSON();
      const result = await unbind({ profile: PROFILE, bucket: 'media-output-unbound' });
      assert.equal(result.ok, false);
      assert.equal(result.error?.code, 'Bucket.NotBind');
      assert.equal(result.error?.httpStatus, 400);
      assert.equal(result.error?.requestId, requestsOf(emulator, 'UnbindOutputBucket').at(-1)?.requestId);
      assert.equal(emulator.stats().byAction.UnbindOutputBucket?.received, 1, 'a definite answer is not retried');
      assert.deepEqual(emulator.state.toJSON(), before);
    });

    it('unbinds several buckets: one request per distinct bucket, every one unbound, per-bucket results', async () => {
      const since = emulator.requests().length;
      const buckets = ['media-output-archive', 'media-output-thumbs'];
      const result = await unbindMany({ profile: PROFILE, buckets: [...buckets, 'media-output-archive'] });
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.equal(result.succeeded, 2);
      assert.equal(result.failed, 0);
      assert.equal(result.skipped, 0);
      assert.equal(result.cancelled, false);
      assert.deepEqual(result.results.map((r) => r.bucket).sort(), [...buckets].sort());

      const sent = requestsOf(emulator, 'UnbindOutputBucket', since);
      assert.equal(sent.length, 2, 'one request per distinct bucket (the duplicate is dropped before sending)');
      for (const r of sent) assertAcceptedAndSigned(r, DEMO_ACCESS_KEY.accessKeyId);
      assert.deepEqual(sent.map((r) => r.params.Bucket).sort(), [...buckets].sort());
      for (const outcome of result.results) {
        assert.equal(outcome.status, 'succeeded');
        assert.equal(outcome.requestId, sent.find((r) => r.params.Bucket === outcome.bucket)?.requestId);
      }
      for (const b of buckets) assert.equal(emulator.state.isBound(b), false, `${b} still bound`);
    });

    it('bulk with a failing bucket: the others are still unbound, the failure carries its code and RequestId', async () => {
      emulator.state.replace({
        ...emulator.state.toJSON(),
        mediaBuckets: [
          { bucket: 'bulk-a', type: 'Output' },
          { bucket: 'bulk-c', type: 'Output' },
        ],
      });
      const result = await unbindMany({ profile: PROFILE, buckets: ['bulk-a', 'bulk-b', 'bulk-c'] });
      assert.equal(result.ok, false);
      assert.equal(result.succeeded, 2);
      assert.equal(result.failed, 1);
      const failed = result.results.find((r) => r.bucket === 'bulk-b');
      assert.equal(failed?.status, 'failed');
      assert.equal(failed?.error?.code, 'Bucket.NotBind');
      const atServer = requestsOf(emulator, 'UnbindOutputBucket').find((r) => r.params.Bucket === 'bulk-b');
      assert.equal(failed?.requestId, atServer?.requestId);
      assert.equal(emulator.state.isBound('bulk-a'), false);
      assert.equal(emulator.state.isBound('bulk-c'), false);
      assert.equal(emulator.stats().byAction.UnbindOutputBucket?.received, 3);
    });

    it('two concurrent unbinds of the same bucket send ONE request and both get its result', async () => {
      emulator.state.replace({ ...emulator.state.toJSON(), mediaBuckets: [{ bucket: 'dedupe-bucket', type: 'Output' }] });
      emulator.setLatency(300); // both calls are certainly in flight together
      const [first, second] = await Promise.all([
        unbind({ profile: PROFILE, bucket: 'dedupe-bucket' }),
        unbind({ profile: PROFILE, bucket: 'dedupe-bucket' }),
      ]);
      assert.equal(first.ok, true, JSON.stringify(first));
      assert.equal(second.ok, true, JSON.stringify(second));
      assert.equal(first.requestId, second.requestId);
      assert.equal(emulator.stats().byAction.UnbindOutputBucket?.received, 1, 'the second call joined the first');
      assert.equal(emulator.state.isBound('dedupe-bucket'), false);
    });

    it('once the first call has finished, the same unbind is sent again (dedupe only while in flight)', async () => {
      emulator.state.replace({ ...emulator.state.toJSON(), mediaBuckets: [{ bucket: 'again-bucket', type: 'Output' }] });
      assert.equal((await unbind({ profile: PROFILE, bucket: 'again-bucket' })).ok, true);
      const second = await unbind({ profile: PROFILE, bucket: 'again-bucket' });
      assert.equal(second.error?.code, 'Bucket.NotBind');
      assert.equal(emulator.stats().byAction.UnbindOutputBucket?.received, 2);
    });
  });

  describe('answers lost after the server acted', () => {
    it('an unbind whose connection reset after acting is confirmed by a listing, not reported as Bucket.NotBind, and stays undoable', async () => {
      emulator.state.bind('media-output-demo', 'Output');
      const api = await extensionApi();
      const records: { id?: string; action: string; target: string; outcome?: string }[] = [];
      const subscription = api.onDidRecordCall((r) => records.push(r as (typeof records)[number]));
      try {
        emulator.setFault('UnbindOutputBucket', { kind: 'reset-after-action', times: 1 });
        const since = emulator.requests().length;
        const result = (await unbind({ profile: PROFILE, bucket: 'media-output-demo' })) as { ok: boolean; confirmedBy?: { action: string; requestId: string } };
        assert.equal(result.ok, true, JSON.stringify(result));
        assert.equal(result.confirmedBy?.action, 'ListAllMediaBucket');
        assert.equal(result.confirmedBy?.requestId, requestsOf(emulator, 'ListAllMediaBucket', since).at(0)?.requestId, "the listing's RequestId");
        assert.equal(requestsOf(emulator, 'UnbindOutputBucket', since).length, 1, 'the write was not sent again');
        assert.equal(emulator.state.isBound('media-output-demo'), false);

        const record = records.find((r) => r.action === 'UnbindOutputBucket' && r.target === 'media-output-demo');
        assert.equal(record?.outcome, 'succeeded');
        const undo = await vscode.commands.executeCommand<{ ok: boolean; reason?: string }>('alicloudMedia.undo', { recordId: record?.id });
        assert.equal(undo?.ok, true, undo?.reason);
        assert.equal(emulator.state.isBound('media-output-demo'), true, 'the confirmed unbind was undone');
      } finally {
        subscription.dispose();
      }
    });
  });

  describe('detachAppPolicy', () => {
    it('detaches from a RAM user: one signed DetachAppPolicyFromIdentity, NonExist names reported, state changed', async () => {
      const alice = { type: 'RamUser' as const, name: ALICE, appId: 'app-1000000' };
      const since = emulator.requests().length;
      const result = await detach({
        profile: PROFILE,
        identityType: 'RamUser',
        identityName: ALICE,
        appId: 'app-1000000',
        policyNames: ['VODAppFullAccess', 'VODAppReadOnlyAccess'],
      });
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.deepEqual(result.nonExistPolicyNames, ['VODAppReadOnlyAccess'], 'alice never had read-only access');
      assert.deepEqual(result.failedPolicyNames, []);

      const sent = requestsOf(emulator, 'DetachAppPolicyFromIdentity', since);
      assert.equal(sent.length, 1);
      assertAcceptedAndSigned(sent[0], DEMO_ACCESS_KEY.accessKeyId);
      assert.equal(sent[0]?.params.IdentityType, 'RamUser');
      assert.equal(sent[0]?.params.IdentityName, ALICE);
      assert.equal(sent[0]?.params.AppId, 'app-1000000');
      assert.deepEqual(sent[0]?.params.PolicyNames?.split(',').sort(), ['VODAppFullAccess', 'VODAppReadOnlyAccess']);
      assert.equal(sent[0]?.params.Version, '2017-03-21');
      assert.equal(result.requestId, sent[0]?.requestId);
      assert.deepEqual(emulator.state.policiesOf(alice), ['VODCustomUploadOnly'], 'only the attached name was detached');
      assert.deepEqual(emulator.state.policiesOf({ type: 'RamUser', name: ALICE, appId: 'app-2000001' }), ['VODAppReadOnlyAccess'], 'other apps untouched');
    });

    it('detaches from a RAM role: a protected policy comes back in failedPolicyNames and stays attached', async () => {
      const role = { type: 'RamRole' as const, name: 'TranscodeRole', appId: 'app-1000000' };
      const result = await detach({
        profile: PROFILE,
        identityType: 'RamRole',
        identityName: 'TranscodeRole',
        policyNames: ['VODAppAdministratorAccess', 'VODAppReadOnlyAccess'],
      });
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.deepEqual(result.failedPolicyNames, ['VODAppAdministratorAccess']);
      assert.deepEqual(result.nonExistPolicyNames, []);
      assert.equal(requestsOf(emulator, 'DetachAppPolicyFromIdentity').at(-1)?.params.AppId, 'app-1000000', 'appId defaults to the default app');
      assert.deepEqual(emulator.state.policiesOf(role), ['VODAppAdministratorAccess']);
    });

    it('two concurrent detaches of the same policies (in any order) send ONE request', async () => {
      emulator.setLatency(300);
      const target = { profile: PROFILE, identityType: 'RamUser', identityName: BUILD_BOT, appId: 'app-1000000' };
      const [first, second] = await Promise.all([
        detach({ ...target, policyNames: ['VODAppReadOnlyAccess', 'VODAppFullAccess'] }),
        detach({ ...target, policyNames: ['VODAppFullAccess', 'VODAppReadOnlyAccess'] }),
      ]);
      assert.equal(first.ok, true, JSON.stringify(first));
      assert.equal(first.requestId, second.requestId);
      assert.equal(emulator.stats().byAction.DetachAppPolicyFromIdentity?.received, 1);
      assert.deepEqual(emulator.state.policiesOf({ type: 'RamUser', name: BUILD_BOT, appId: 'app-1000000' }), []);
    });

    it('reports call events for every revocation it sent', async () => {
      const api = await extensionApi();
      const seen: { action: string; requestId?: string }[] = [];
      const subscription = api.onDidRecordCall((r) => seen.push({ action: r.action, requestId: r.requestId }));
      try {
        emulator.state.replace({ ...emulator.state.toJSON(), mediaBuckets: [{ bucket: 'event-bucket', type: 'Output' }] });
        const result = await unbind({ profile: PROFILE, bucket: 'event-bucket' });
        assert.equal(result.ok, true);
        assert.deepEqual(seen, [{ action: 'UnbindOutputBucket', requestId: result.requestId }]);
      } finally {
        subscription.dispose();
      }
    });
  });
});
