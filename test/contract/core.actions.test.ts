// The core's clients against the emulator over real HTTP: every action, round trips and paging.
import { strict as assert } from 'node:assert';
import { CloudError } from '../../src/cloud/errors';
import { demoState, demoUserId } from '../emulator/demoState';
import { emulatorPerTest } from './core.helpers';

describe('core clients against the emulator', () => {
  const ctx = emulatorPerTest();

  it('bind → list → unbind → list', async () => {
    const mps = ctx.h.mps();
    const outputs = async () => (await mps.listAllMediaBuckets()).buckets.filter((b) => b.type === 'Output').map((b) => b.bucket);
    assert.ok(!(await outputs()).includes('media-output-unbound'));
    const bound = await mps.bindOutputBucket('media-output-unbound');
    assert.match(bound.requestId, /^[0-9A-F-]{36}$/);
    assert.ok((await outputs()).includes('media-output-unbound'));
    const unbound = await mps.unbindOutputBucket('media-output-unbound');
    assert.notEqual(unbound.requestId, bound.requestId);
    assert.ok(!(await outputs()).includes('media-output-unbound'));
    assert.equal(ctx.em.state.isBound('media-output-unbound'), false);
    assert.deepEqual(ctx.h.records.map((r) => [r.action, r.outcome, r.attempts]), [
      ['ListAllMediaBucket', 'succeeded', 1],
      ['BindOutputBucket', 'succeeded', 1],
      ['ListAllMediaBucket', 'succeeded', 1],
      ['UnbindOutputBucket', 'succeeded', 1],
      ['ListAllMediaBucket', 'succeeded', 1],
    ]);
    assert.equal(ctx.h.records[1]!.requestId, bound.requestId);
    assert.equal(ctx.h.records[1]!.maskedAccessKeyId, 'LTAI****0001');
  });

  it('reports the emulator’s documented bind/unbind errors as CloudErrors', async () => {
    const mps = ctx.h.mps();
    await assert.rejects(mps.bindOutputBucket('media-output-demo'), { code: 'Bucket.AlreadyBind', kind: 'invalid-input', httpStatus: 400 });
    await assert.rejects(mps.unbindOutputBucket('media-output-unbound'), { code: 'Bucket.NotBind' });
    assert.equal(ctx.h.records.every((r) => r.attempts === 1 && r.outcome === 'failed' && r.requestId), true);
  });

  it('lists every media bucket across pages', async () => {
    const state = demoState();
    state.mediaBuckets = Array.from({ length: 230 }, (_, i) => ({ bucket: `page-out-${String(i).padStart(3, '0')}`, type: 'Output' as const }));
    await ctx.restart(state);
    const list = await ctx.h.mps().listAllMediaBuckets();
    assert.equal(list.buckets.length, 230);
    assert.equal(new Set(list.buckets.map((b) => b.bucket)).size, 230);
    assert.equal(ctx.h.records.length, 3, 'one record per page');
    assert.equal(ctx.em.stats().byAction.ListAllMediaBucket!.accepted, 3);
  });

  it('attach → list → detach → list', async () => {
    const vod = ctx.h.vod();
    const bot = { identityType: 'RamUser', identityName: demoUserId('build-bot') } as const;
    const names = async () => (await vod.listAppPoliciesForIdentity(bot)).policies.map((p) => p.policyName).sort();
    assert.deepEqual(await names(), ['VODAppReadOnlyAccess']);
    const attached = await vod.attachAppPolicyToIdentity(bot, ['VODAppFullAccess']);
    assert.deepEqual([attached.nonExistPolicyNames, attached.failedPolicyNames], [[], []]);
    assert.deepEqual(await names(), ['VODAppFullAccess', 'VODAppReadOnlyAccess']);
    const detached = await vod.detachAppPolicyFromIdentity(bot, ['VODAppFullAccess', 'VODAppReadOnlyAccess']);
    assert.deepEqual([detached.nonExistPolicyNames, detached.failedPolicyNames], [[], []]);
    assert.deepEqual(await names(), []);
    const again = await vod.detachAppPolicyFromIdentity(bot, ['VODAppFullAccess']);
    assert.deepEqual(again.nonExistPolicyNames, ['VODAppFullAccess']);
    const record = ctx.h.records.at(-1)!;
    assert.deepEqual([record.target, record.nonExistPolicyNames, record.params.PolicyNames], [`RamUser ${bot.identityName} in app-1000000`, ['VODAppFullAccess'], 'VODAppFullAccess']);
  });

  it('reads policy details and the protected administrator policy', async () => {
    const vod = ctx.h.vod();
    const alice = await vod.listAppPoliciesForIdentity({ identityType: 'RamUser', identityName: demoUserId('alice') });
    const custom = alice.policies.find((p) => p.policyName === 'VODCustomUploadOnly');
    assert.equal(custom?.policyType, 'Custom');
    assert.equal(custom?.appId, 'app-1000000');
    const inOtherApp = await vod.listAppPoliciesForIdentity({ identityType: 'RamUser', identityName: demoUserId('alice'), appId: 'app-2000001' });
    assert.deepEqual(inOtherApp.policies.map((p) => p.policyName), ['VODAppReadOnlyAccess']);
    const role = { identityType: 'RamRole', identityName: 'TranscodeRole' } as const;
    const result = await vod.detachAppPolicyFromIdentity(role, ['VODAppAdministratorAccess']);
    assert.deepEqual(result.failedPolicyNames, ['VODAppAdministratorAccess']);
  });

  it('refuses a custom policy for detach and attach before the wire, with the API’s reason', async () => {
    const vod = ctx.h.vod();
    const alice = { identityType: 'RamUser', identityName: demoUserId('alice') } as const;
    for (const call of [vod.detachAppPolicyFromIdentity(alice, ['VODCustomUploadOnly']), vod.attachAppPolicyToIdentity(alice, ['VODAppFullAccess', 'VODCustomUploadOnly'])]) {
      await assert.rejects(call, (e: unknown) => e instanceof CloudError && e.kind === 'invalid-input' && /"VODCustomUploadOnly" is not a system policy: only system policies are supported/.test(e.message));
    }
    assert.equal(ctx.em.stats().received, 0, 'nothing sent');
    assert.deepEqual(ctx.h.records.map((r) => [r.outcome, r.attempts, r.error?.kind]), [['failed', 0, 'invalid-input'], ['failed', 0, 'invalid-input']]);
    assert.deepEqual(ctx.em.state.policiesOf({ type: 'RamUser', name: demoUserId('alice') }).sort(), ['VODAppFullAccess', 'VODCustomUploadOnly']);
  });

  it('lists applications with filters and across pages', async () => {
    const vod = ctx.h.vod();
    const all = await vod.listAppInfo();
    assert.deepEqual([all.total, all.apps.map((a) => a.appId)], [8, ['app-1000000', 'app-2000001', 'app-2000002', 'app-2000003', 'app-2000004', 'app-2000005', 'app-2000006', 'app-2000007']]);
    const disabled = await vod.listAppInfo({ status: 'Disable' });
    assert.deepEqual(disabled.apps.map((a) => a.appName), ['Legacy', 'Internal Training']);

    const state = demoState();
    state.apps = Array.from({ length: 150 }, (_, i) => ({ appId: `app-${3000000 + i}`, appName: `App ${i}`, status: 'Normal' as const }));
    state.customPolicies = [];
    state.identities = [];
    await ctx.restart(state);
    const many = await ctx.h.vod().listAppInfo();
    assert.deepEqual([many.total, many.apps.length, new Set(many.apps.map((a) => a.appId)).size], [150, 150, 150]);
    assert.equal(ctx.em.stats().byAction.ListAppInfo!.accepted, 2);
  });
});
