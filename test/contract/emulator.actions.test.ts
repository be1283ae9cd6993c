import { strict as assert } from 'node:assert';
import { demoState, demoUserId } from '../emulator/demoState';
import { DEMO_ACCESS_KEY, DEMO_PARTNER_KEY, startEmulator, type RunningEmulator } from '../emulator/server';
import type { EmulatorStateJson } from '../emulator/state';
import { expectError, mpsClient, post, vodClient } from './emulator.helpers';

interface BucketList { NextPageToken?: string; MediaBucketList: { MediaBucket: { Bucket: string; Type: string; Referer: string }[] } }
interface PolicyChange { NonExistPolicyNames: string[]; FailedPolicyNames: string[] }
interface PolicyList { AppPolicyList: { AppId: string; PolicyName: string; PolicyType: string }[] }
interface AppList { Total: number; AppInfoList: { AppId: string; AppName: string; Status: string }[] }

describe('emulator actions (MPS)', () => {
  let em: RunningEmulator;
  beforeEach(async () => {
    em = await startEmulator({ quiet: true, qpsLimits: false });
  });
  afterEach(() => em.close());

  async function listAll(size?: number): Promise<{ pages: number; buckets: string[] }> {
    const out: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await post<BucketList>(mpsClient(em), 'ListAllMediaBucket', { ...(size ? { MaximumPageSize: size } : {}), ...(token ? { NextPageToken: token } : {}) });
      pages++;
      out.push(...r.MediaBucketList.MediaBucket.map((b) => `${b.Type}:${b.Bucket}`));
      token = r.NextPageToken;
    } while (token);
    return { pages, buckets: out };
  }

  it('lists the demo media buckets with Type and Referer', async () => {
    const r = await post<BucketList>(mpsClient(em), 'ListAllMediaBucket');
    assert.equal(r.NextPageToken, undefined);
    const thumbs = r.MediaBucketList.MediaBucket.find((b) => b.Bucket === 'media-output-thumbs');
    assert.deepEqual(thumbs, { Bucket: 'media-output-thumbs', Type: 'Output', Referer: 'https://cdn.example.com' });
    assert.deepEqual(r.MediaBucketList.MediaBucket.filter((b) => b.Type === 'Input').map((b) => b.Bucket).sort(), ['media-input-demo', 'media-input-uploads']);
  });

  it('unbind → list → bind → list round-trips', async () => {
    const c = mpsClient(em);
    await post(c, 'UnbindOutputBucket', { Bucket: 'media-output-archive' });
    assert.ok(!(await listAll()).buckets.includes('Output:media-output-archive'));
    assert.deepEqual(em.state.outputBuckets(), ['media-output-demo', 'media-output-thumbs']);
    await post(c, 'BindOutputBucket', { Bucket: 'media-output-archive' });
    assert.ok((await listAll()).buckets.includes('Output:media-output-archive'));
  });

  it('answers Bucket.AlreadyBind when binding a bound bucket', async () => {
    await expectError(post(mpsClient(em), 'BindOutputBucket', { Bucket: 'media-output-demo' }), 'Bucket.AlreadyBind', 400);
  });

  it('answers Bucket.NotBind (the emulator\'s choice) when unbinding a bucket that is not an output bucket', async () => {
    await expectError(post(mpsClient(em), 'UnbindOutputBucket', { Bucket: 'media-input-demo' }), 'Bucket.NotBind', 400);
    assert.ok(em.state.isBound('media-input-demo', 'Input'));
  });

  it('rejects a bucket name over 64 bytes', async () => {
    await expectError(post(mpsClient(em), 'BindOutputBucket', { Bucket: 'é'.repeat(33) }), 'InvalidParameter', 400);
  });

  it('answers InvalidBucket.NotFound for a name missing from ossBuckets', async () => {
    await expectError(post(mpsClient(em), 'BindOutputBucket', { Bucket: 'no-such-bucket' }), 'InvalidBucket.NotFound', 404);
  });

  it('pages for real: clients must follow NextPageToken', async () => {
    const state = demoState();
    state.ossBuckets = undefined;
    for (let i = 0; i < 120; i++) state.mediaBuckets.push({ bucket: `bulk-${String(i).padStart(3, '0')}`, type: 'Output' });
    em.state.replace(state);
    const first = await post<BucketList>(mpsClient(em), 'ListAllMediaBucket');
    assert.equal(first.MediaBucketList.MediaBucket.length, 50, 'default page size');
    assert.ok(first.NextPageToken);
    const all = await listAll(100);
    assert.equal(all.pages, 2);
    assert.equal(all.buckets.length, 125);
    assert.equal(new Set(all.buckets).size, 125);
    const small = await listAll(7);
    assert.equal(small.pages, Math.ceil(125 / 7));
    assert.deepEqual(small.buckets, all.buckets);
  });

  it('keeps paging consistent when a bucket is unbound between pages', async () => {
    const p1 = await post<BucketList>(mpsClient(em), 'ListAllMediaBucket', { MaximumPageSize: 2 });
    const seen = p1.MediaBucketList.MediaBucket.map((b) => b.Bucket);
    await post(mpsClient(em), 'UnbindOutputBucket', { Bucket: seen[0] === 'media-output-demo' ? 'media-output-thumbs' : 'media-output-demo' });
    const p2 = await post<BucketList>(mpsClient(em), 'ListAllMediaBucket', { MaximumPageSize: 100, NextPageToken: p1.NextPageToken });
    for (const b of p2.MediaBucketList.MediaBucket) assert.ok(!seen.includes(b.Bucket));
  });

  it('validates MaximumPageSize 1–100 and the token', async () => {
    for (const bad of [0, 101, 'x']) {
      await expectError(post(mpsClient(em), 'ListAllMediaBucket', { MaximumPageSize: bad }), 'InvalidParameter', 400);
    }
    await expectError(post(mpsClient(em), 'ListAllMediaBucket', { NextPageToken: 'garbage!' }), 'InvalidParameter', 400);
  });
});

describe('emulator actions (VOD)', () => {
  let em: RunningEmulator;
  beforeEach(async () => {
    em = await startEmulator({ quiet: true, qpsLimits: false });
  });
  afterEach(() => em.close());

  // VOD names a RAM user by its UserId; the demo directory maps login names to ids.
  const ALICE = demoUserId('alice');
  const BOB = demoUserId('bob');
  const alice = { IdentityType: 'RamUser', IdentityName: ALICE, AppId: 'app-1000000' };
  const names = async (id: Record<string, string>) =>
    (await post<PolicyList>(vodClient(em), 'ListAppPoliciesForIdentity', id)).AppPolicyList.map((p) => p.PolicyName).sort();

  it('lists app policies with System/Custom types', async () => {
    const r = await post<PolicyList>(vodClient(em), 'ListAppPoliciesForIdentity', alice);
    assert.deepEqual(r.AppPolicyList.map((p) => [p.PolicyName, p.PolicyType, p.AppId]).sort(), [
      ['VODAppFullAccess', 'System', 'app-1000000'], ['VODCustomUploadOnly', 'Custom', 'app-1000000'],
    ]);
  });

  it('detach → list → attach → list round-trips, per app', async () => {
    const d = await post<PolicyChange>(vodClient(em), 'DetachAppPolicyFromIdentity', { ...alice, PolicyNames: 'VODAppFullAccess' });
    assert.deepEqual(d, { RequestId: (d as unknown as { RequestId: string }).RequestId, NonExistPolicyNames: [], FailedPolicyNames: [] });
    assert.deepEqual(await names(alice), ['VODCustomUploadOnly']);
    assert.deepEqual(await names({ ...alice, AppId: 'app-2000001' }), ['VODAppReadOnlyAccess'], 'other app untouched');
    const a = await post<PolicyChange>(vodClient(em), 'AttachAppPolicyToIdentity', { ...alice, PolicyNames: 'VODAppFullAccess' });
    assert.deepEqual([a.NonExistPolicyNames, a.FailedPolicyNames], [[], []]);
    assert.deepEqual(await names(alice), ['VODAppFullAccess', 'VODCustomUploadOnly']);
    assert.deepEqual(em.state.policiesOf({ type: 'RamUser', name: ALICE }).sort(), ['VODAppFullAccess', 'VODCustomUploadOnly']);
  });

  it('reports NonExist and Failed names by the documented rule on detach', async () => {
    const r = await post<PolicyChange>(vodClient(em), 'DetachAppPolicyFromIdentity', {
      IdentityType: 'RamRole', IdentityName: 'TranscodeRole', AppId: 'app-1000000',
      PolicyNames: 'VODAppReadOnlyAccess, VODAppFullAccess,VODAppAdministratorAccess',
    });
    assert.deepEqual(r.NonExistPolicyNames, ['VODAppFullAccess']);
    assert.deepEqual(r.FailedPolicyNames, ['VODAppAdministratorAccess']);
    assert.deepEqual(em.state.policiesOf({ type: 'RamRole', name: 'TranscodeRole' }), ['VODAppAdministratorAccess']);
  });

  it('refuses custom and unknown policy names on attach and detach: only system policies are supported', async () => {
    for (const action of ['AttachAppPolicyToIdentity', 'DetachAppPolicyFromIdentity']) {
      const err = await expectError(post(vodClient(em), action, { ...alice, PolicyNames: 'VODAppFullAccess,VODCustomUploadOnly,Bogus' }), 'InvalidParameter.PolicyNames', 400);
      assert.match(String(err.data.Message), /VODCustomUploadOnly,Bogus .*Only system policies are supported/);
    }
    assert.deepEqual(em.state.policiesOf({ type: 'RamUser', name: ALICE }).sort(), ['VODAppFullAccess', 'VODCustomUploadOnly'], 'nothing changed');
  });

  it('reports Failed names by the documented rule on attach (10-policy limit)', async () => {
    const state = demoState();
    const customs = Array.from({ length: 7 }, (_, i) => `Custom${i}`); // alice then holds 9
    for (const policyName of customs) state.customPolicies!.push({ appId: 'app-1000000', policyName });
    state.identities.find((d) => d.name === ALICE && d.appId === 'app-1000000')!.policies.push(...customs);
    em.state.replace(state);
    const r = await post<PolicyChange>(vodClient(em), 'AttachAppPolicyToIdentity', { ...alice, PolicyNames: 'VODAppReadOnlyAccess,VODAppAdministratorAccess' });
    assert.deepEqual(r.NonExistPolicyNames, []);
    assert.deepEqual(r.FailedPolicyNames, ['VODAppAdministratorAccess'], 'alice had 10 with the first one');
    assert.equal(em.state.policiesOf({ type: 'RamUser', name: ALICE }).length, 10);
  });

  it('attaches to a RAM user that holds no app policy yet', async () => {
    const id = { IdentityType: 'RamUser', IdentityName: demoUserId('olivia'), AppId: 'app-2000001' };
    assert.deepEqual(await names(id), []);
    await post(vodClient(em), 'AttachAppPolicyToIdentity', { ...id, PolicyNames: 'VODAppReadOnlyAccess' });
    assert.deepEqual(await names(id), ['VODAppReadOnlyAccess']);
  });

  it('treats a RAM user named by anything but its UserId as unknown: EntityNotExist.User (the emulator\'s choice)', async () => {
    const before = em.state.toJSON().identities;
    for (const wrong of ['alice', '2037164829399999', ALICE.slice(0, -1)]) {
      const id = { ...alice, IdentityName: wrong };
      await expectError(post(vodClient(em), 'ListAppPoliciesForIdentity', id), 'EntityNotExist.User', 404);
      await expectError(post(vodClient(em), 'DetachAppPolicyFromIdentity', { ...id, PolicyNames: 'VODAppFullAccess' }), 'EntityNotExist.User', 404);
      await expectError(post(vodClient(em), 'AttachAppPolicyToIdentity', { ...id, PolicyNames: 'VODAppFullAccess' }), 'EntityNotExist.User', 404);
    }
    assert.deepEqual(em.state.toJSON().identities, before, 'nothing was created or detached');
  });

  it('treats an unknown role name as EntityNotExist.Role; role names are matched exactly', async () => {
    for (const wrong of ['NoSuchRole', 'transcoderole']) {
      const id = { IdentityType: 'RamRole', IdentityName: wrong, AppId: 'app-1000000' };
      await expectError(post(vodClient(em), 'ListAppPoliciesForIdentity', id), 'EntityNotExist.Role', 404);
      await expectError(post(vodClient(em), 'AttachAppPolicyToIdentity', { ...id, PolicyNames: 'VODAppFullAccess' }), 'EntityNotExist.Role', 404);
    }
    assert.equal(em.state.policiesOf({ type: 'RamRole', name: 'NoSuchRole' }).length, 0);
  });

  it('resolves UserIds in the caller\'s own account: another account\'s key does not see them', async () => {
    // An administrator's names are honoured; partner-admin is made one (it holds no VODAppAdministratorAccess).
    const state = demoState();
    state.callers = { [DEMO_PARTNER_KEY.accessKeyId]: { appAdministrator: true } };
    em.state.replace(state);
    await expectError(post(vodClient(em, DEMO_PARTNER_KEY), 'ListAppPoliciesForIdentity', alice), 'EntityNotExist.User', 404);
    const partnerUser = { IdentityType: 'RamUser', IdentityName: demoUserId('partner-uploader'), AppId: 'app-2000005' };
    assert.deepEqual(await post<PolicyList>(vodClient(em, DEMO_PARTNER_KEY), 'ListAppPoliciesForIdentity', partnerUser).then((r) => r.AppPolicyList), []);
    await expectError(post(vodClient(em), 'ListAppPoliciesForIdentity', partnerUser), 'EntityNotExist.User', 404);
  });

  it('rejects a state whose RamUser identity is not a known UserId', () => {
    const state = demoState();
    state.identities.push({ type: 'RamUser', name: 'alice', appId: 'app-1000000', policies: [] });
    assert.throws(() => em.state.replace(state), /identities\[\d+\]\.name: no RAM user has UserId alice/);
  });

  it('lets AppId be omitted only for VODAppAdministratorAccess (default app-1000000)', async () => {
    await expectError(post(vodClient(em), 'AttachAppPolicyToIdentity', { IdentityType: 'RamUser', IdentityName: BOB, PolicyNames: 'VODAppFullAccess' }), 'MissingAppId', 400);
    await post(vodClient(em), 'AttachAppPolicyToIdentity', { IdentityType: 'RamUser', IdentityName: BOB, PolicyNames: 'VODAppAdministratorAccess' });
    assert.deepEqual(em.state.policiesOf({ type: 'RamUser', name: BOB, appId: 'app-1000000' }), ['VODAppAdministratorAccess']);
    assert.deepEqual(await names({ IdentityType: 'RamUser', IdentityName: BOB }), ['VODAppAdministratorAccess']);
  });

  it('validates IdentityType and the app', async () => {
    await expectError(post(vodClient(em), 'ListAppPoliciesForIdentity', { ...alice, IdentityType: 'Group' }), 'InvalidParameter', 400);
    await expectError(post(vodClient(em), 'ListAppPoliciesForIdentity', { ...alice, AppId: 'app-404' }), 'InvalidAppId.NotFound', 404);
  });

  it('answers OperationDenied.NotOpenAppService (403) when the app service is off', async () => {
    em.state.appServiceOpen = false;
    await expectError(post(vodClient(em), 'ListAppInfo'), 'OperationDenied.NotOpenAppService', 403);
    await expectError(post(vodClient(em), 'DetachAppPolicyFromIdentity', { ...alice, PolicyNames: 'VODAppFullAccess' }), 'OperationDenied.NotOpenAppService', 403);
    assert.ok(em.state.policiesOf({ type: 'RamUser', name: ALICE }).includes('VODAppFullAccess'));
  });

  it('answers Forbidden.OperateApp (403) for an app forbidden to the caller', async () => {
    const state = demoState();
    state.callers = { [DEMO_ACCESS_KEY.accessKeyId]: { forbiddenApps: ['app-2000001'] } };
    em.state.replace(state);
    await expectError(post(vodClient(em), 'DetachAppPolicyFromIdentity', { ...alice, AppId: 'app-2000001', PolicyNames: 'VODAppReadOnlyAccess' }), 'Forbidden.OperateApp', 403);
    await post(vodClient(em), 'ListAppPoliciesForIdentity', alice);
  });

  it('ignores IdentityType/IdentityName for a caller that is not an app administrator', async () => {
    const state = demoState();
    state.callers = { '*': { appAdministrator: false, identity: { type: 'RamUser', name: demoUserId('build-bot') } } };
    em.state.replace(state);
    assert.deepEqual(await names(alice), ['VODAppReadOnlyAccess']);
  });

  it('lists apps with Status filter, paging and Total', async () => {
    const all = await post<AppList>(vodClient(em), 'ListAppInfo');
    assert.equal(all.Total, 8);
    assert.deepEqual(all.AppInfoList.map((a) => a.AppId), ['app-1000000', 'app-2000001', 'app-2000002', 'app-2000003', 'app-2000004', 'app-2000005', 'app-2000006', 'app-2000007']);
    assert.equal(all.AppInfoList[0].AppName, 'Default');
    const normal = await post<AppList>(vodClient(em), 'ListAppInfo', { Status: 'Normal' });
    assert.equal(normal.Total, 6);
    const disabled = await post<AppList>(vodClient(em), 'ListAppInfo', { Status: 'Disable' });
    assert.deepEqual(disabled.AppInfoList.map((a) => a.AppName), ['Legacy', 'Internal Training']);
    const page4 = await post<AppList>(vodClient(em), 'ListAppInfo', { PageNo: 4, PageSize: 2 });
    assert.equal(page4.Total, 8);
    assert.deepEqual(page4.AppInfoList.map((a) => a.AppId), ['app-2000006', 'app-2000007']);
    assert.deepEqual((await post<AppList>(vodClient(em), 'ListAppInfo', { PageNo: 5, PageSize: 2 })).AppInfoList, []);
    await expectError(post(vodClient(em), 'ListAppInfo', { PageSize: 101 }), 'InvalidParameter', 400);
    await expectError(post(vodClient(em), 'ListAppInfo', { Status: 'Gone' }), 'InvalidParameter', 400);
  });
});

describe('emulator state loading', () => {
  let em: RunningEmulator | undefined;
  afterEach(async () => {
    await em?.close();
    em = undefined;
  });

  it('starts from a given state instead of the demo', async () => {
    const state: EmulatorStateJson = {
      mediaBuckets: [{ bucket: 'only-one', type: 'Output' }], apps: [{ appId: 'app-1000000', appName: 'Default' }], identities: [],
    };
    em = await startEmulator({ quiet: true, state });
    const r = await post<BucketList>(mpsClient(em), 'ListAllMediaBucket');
    assert.deepEqual(r.MediaBucketList.MediaBucket, [{ Bucket: 'only-one', Type: 'Output', Referer: '' }]);
    await post(mpsClient(em), 'BindOutputBucket', { Bucket: 'anything-goes' }); // no ossBuckets → any name
    assert.equal(state.mediaBuckets.length, 1, 'the caller\'s object is not mutated');
  });

  it('rejects an invalid state with a path to the problem', async () => {
    await assert.rejects(startEmulator({ quiet: true, state: { mediaBuckets: [{ bucket: 'x', type: 'Sideways' }], apps: [], identities: [] } as unknown as EmulatorStateJson }), /mediaBuckets\[0\]\.type/);
  });

  it('ships demo-state.json as the built-in state', async () => {
    em = await startEmulator({ quiet: true });
    assert.deepEqual(em.state.toJSON(), demoState());
    assert.deepEqual(em.state.outputBuckets(), ['media-output-archive', 'media-output-demo', 'media-output-thumbs']);
  });
});
