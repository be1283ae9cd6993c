// RAM policies and groups (ListPoliciesFor{User,Role,Group}, ListGroupsForUser, ListUsersForGroup, ListPolicies,
// GetPolicy, GetPolicyVersion, ListEntitiesForPolicy) through the official @alicloud/ram20150501 SDK, against the
// demo account's grants and against fixtures built with withRamGrants.
import { strict as assert } from 'node:assert';
import { DEMO_ACCOUNT_ID, demoState } from '../emulator/demoState';
import { withRamGrants } from '../emulator/ramGrants';
import { RAM_SYSTEM_POLICIES } from '../emulator/ramSystemPolicies';
import { DEMO_ACCESS_KEY, DEMO_PARTNER_KEY, startEmulator, type RunningEmulator } from '../emulator/server';
import { StateError } from '../emulator/state';
import { RamModule, expectSdkError, ramSdk } from './sdk.helpers';

const RAM_HOST = 'ram.aliyuncs.com';

describe('emulator RAM grants (official @alicloud/ram20150501 SDK)', () => {
  let em: RunningEmulator;
  beforeEach(async () => {
    em = await startEmulator({ quiet: true, qpsLimits: false });
  });
  afterEach(() => em.close());

  it('ListGroupsForUser and ListPoliciesForGroup: alice gets AliyunVODFullAccess through group media-devs', async () => {
    const groups = await ramSdk(em).listGroupsForUser(new RamModule.ListGroupsForUserRequest({ userName: 'alice' }));
    assert.deepEqual(groups.body?.groups?.group?.map((g) => g.groupName), ['media-devs']);
    assert.match(String(groups.body?.groups?.group?.[0].joinDate), /^\d{4}-\d{2}-\d{2}T/);
    const policies = await ramSdk(em).listPoliciesForGroup(new RamModule.ListPoliciesForGroupRequest({ groupName: 'media-devs' }));
    assert.deepEqual(policies.body?.policies?.policy?.map((p) => [p.policyName, p.policyType, p.defaultVersion]),
      [['AliyunVODFullAccess', 'System', 'v1'], ['AliyunOSSFullAccess', 'System', 'v1']]);
    const direct = await ramSdk(em).listPoliciesForUser(new RamModule.ListPoliciesForUserRequest({ userName: 'alice' }));
    assert.deepEqual(direct.body?.policies?.policy, [], 'alice holds nothing directly');
    const walter = await ramSdk(em).listPoliciesForUser(new RamModule.ListPoliciesForUserRequest({ userName: 'walter' }));
    assert.deepEqual(walter.body?.policies?.policy?.map((p) => p.policyName), ['AdministratorAccess']);
  });

  it('ListPoliciesForRole, and EntityNotExist.User / .Role / .Group (404) for unknown names', async () => {
    const r = await ramSdk(em).listPoliciesForRole(new RamModule.ListPoliciesForRoleRequest({ roleName: 'TranscodeRole' }));
    assert.deepEqual(r.body?.policies?.policy?.map((p) => `${p.policyType}/${p.policyName}`), ['System/AliyunMTSFullAccess']);
    await expectSdkError(ramSdk(em).listPoliciesForUser(new RamModule.ListPoliciesForUserRequest({ userName: 'nobody' })), 'EntityNotExist.User', 404, RAM_HOST);
    await expectSdkError(ramSdk(em).listPoliciesForRole(new RamModule.ListPoliciesForRoleRequest({ roleName: 'NoRole' })), 'EntityNotExist.Role', 404, RAM_HOST);
    await expectSdkError(ramSdk(em).listPoliciesForGroup(new RamModule.ListPoliciesForGroupRequest({ groupName: 'nogroup' })), 'EntityNotExist.Group', 404, RAM_HOST);
    await expectSdkError(ramSdk(em).listGroupsForUser(new RamModule.ListGroupsForUserRequest({ userName: 'nobody' })), 'EntityNotExist.User', 404, RAM_HOST);
  });

  it('GetPolicy answers DefaultPolicyVersion.PolicyDocument; GetPolicyVersion reads older versions', async () => {
    const sys = await ramSdk(em).getPolicy(new RamModule.GetPolicyRequest({ policyName: 'AliyunVODFullAccess', policyType: 'System' }));
    assert.equal(sys.body?.policy?.policyType, 'System');
    assert.deepEqual(JSON.parse(String(sys.body?.defaultPolicyVersion?.policyDocument)), JSON.parse(RAM_SYSTEM_POLICIES.AliyunVODFullAccess.document));
    const custom = await ramSdk(em).getPolicy(new RamModule.GetPolicyRequest({ policyName: 'vod-upload-only', policyType: 'Custom' }));
    assert.deepEqual([custom.body?.policy?.defaultVersion, custom.body?.defaultPolicyVersion?.versionId, custom.body?.defaultPolicyVersion?.isDefaultVersion], ['v3', 'v3', true]);
    assert.match(String(custom.body?.defaultPolicyVersion?.policyDocument), /vod:CreateUploadImage/);
    const v1 = await ramSdk(em).getPolicyVersion(new RamModule.GetPolicyVersionRequest({ policyName: 'vod-upload-only', policyType: 'Custom', versionId: 'v1' }));
    assert.equal(v1.body?.policyVersion?.isDefaultVersion, false);
    assert.deepEqual(JSON.parse(String(v1.body?.policyVersion?.policyDocument)).Statement[0].Action, 'vod:CreateUploadVideo');
    await expectSdkError(ramSdk(em).getPolicyVersion(new RamModule.GetPolicyVersionRequest({ policyName: 'vod-upload-only', policyType: 'Custom', versionId: 'v9' })), 'EntityNotExist.PolicyVersion', 404);
    await expectSdkError(ramSdk(em).getPolicy(new RamModule.GetPolicyRequest({ policyName: 'vod-upload-only', policyType: 'System' })), 'EntityNotExist.Policy', 404, RAM_HOST);
    await expectSdkError(ramSdk(em).getPolicy(new RamModule.GetPolicyRequest({ policyName: 'x', policyType: 'Other' })), 'InvalidParameter', 400);
    await expectSdkError(ramSdk(em).getPolicy(new RamModule.GetPolicyRequest({ policyName: 'x' })), 'MissingPolicyType', 400);
  });

  it('the demo serves an invalid-JSON custom document as stored (RAM would refuse it; clients must cope)', async () => {
    const r = await ramSdk(em).getPolicy(new RamModule.GetPolicyRequest({ policyName: 'frank-draft', policyType: 'Custom' }));
    assert.throws(() => JSON.parse(String(r.body?.defaultPolicyVersion?.policyDocument)));
  });

  it('ListPolicies pages system then custom policies with Marker; PolicyType filters', async () => {
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const r = await ramSdk(em).listPolicies(new RamModule.ListPoliciesRequest({ maxItems: 4, ...(marker ? { marker } : {}) }));
      pages++;
      seen.push(...(r.body?.policies?.policy ?? []).map((p) => `${p.policyType}/${p.policyName}`));
      marker = r.body?.isTruncated ? r.body.marker : undefined;
      if (r.body?.isTruncated) assert.ok(marker);
    } while (marker);
    const customs = demoState().ramGrants!.accounts[0].policies.map((p) => `Custom/${p.policyName}`).sort();
    const systems = Object.keys(RAM_SYSTEM_POLICIES).sort().map((n) => `System/${n}`);
    assert.deepEqual(seen, [...systems, ...customs]);
    assert.equal(pages, Math.ceil(seen.length / 4));
    const custom = await ramSdk(em).listPolicies(new RamModule.ListPoliciesRequest({ policyType: 'Custom' }));
    assert.deepEqual(custom.body?.policies?.policy?.map((p) => `Custom/${p.policyName}`), customs);
    assert.equal(custom.body?.isTruncated, false);
    const count = custom.body?.policies?.policy?.find((p) => p.policyName === 'vod-upload-only')?.attachmentCount;
    assert.equal(count, 1);
  });

  it('ListEntitiesForPolicy names users (with UserId), groups and roles; ListUsersForGroup pages members', async () => {
    const vod = await ramSdk(em).listEntitiesForPolicy(new RamModule.ListEntitiesForPolicyRequest({ policyName: 'AliyunVODFullAccess', policyType: 'System' }));
    assert.deepEqual(vod.body?.groups?.group?.map((g) => g.groupName), ['media-devs']);
    assert.deepEqual(vod.body?.users?.user, []);
    const mts = await ramSdk(em).listEntitiesForPolicy(new RamModule.ListEntitiesForPolicyRequest({ policyName: 'AliyunMTSFullAccess', policyType: 'System' }));
    assert.deepEqual(mts.body?.roles?.role?.map((r) => [r.roleName, r.arn]), [['TranscodeRole', `acs:ram::${DEMO_ACCOUNT_ID}:role/transcoderole`]]);
    const admin = await ramSdk(em).listEntitiesForPolicy(new RamModule.ListEntitiesForPolicyRequest({ policyName: 'AdministratorAccess', policyType: 'System' }));
    assert.deepEqual(admin.body?.users?.user?.map((u) => [u.userName, u.userId]), [['walter', '2037164829300021']]);
    const one = await ramSdk(em).listUsersForGroup(new RamModule.ListUsersForGroupRequest({ groupName: 'media-devs', maxItems: 1 }));
    assert.deepEqual([one.body?.users?.user?.map((u) => u.userName), one.body?.isTruncated], [['alice'], true]);
    const two = await ramSdk(em).listUsersForGroup(new RamModule.ListUsersForGroupRequest({ groupName: 'media-devs', maxItems: 1, marker: one.body?.marker }));
    assert.deepEqual([two.body?.users?.user?.map((u) => u.userName), two.body?.isTruncated, two.body?.marker], [['carol'], false, undefined]);
  });

  it('a key marked ramDenied gets NoPermission (403) for exactly the listed reads', async () => {
    em.state.replace(withRamGrants(demoState(), { ramDenied: { [DEMO_ACCESS_KEY.accessKeyId]: ['ListEntitiesForPolicy'], [DEMO_PARTNER_KEY.accessKeyId]: ['*'] } }));
    await expectSdkError(ramSdk(em).listEntitiesForPolicy(new RamModule.ListEntitiesForPolicyRequest({ policyName: 'AdministratorAccess', policyType: 'System' })), 'NoPermission', 403, RAM_HOST);
    await ramSdk(em).listPolicies(new RamModule.ListPoliciesRequest({}));
    await expectSdkError(ramSdk(em, DEMO_PARTNER_KEY).listPolicies(new RamModule.ListPoliciesRequest({})), 'NoPermission', 403);
  });

  it('withRamGrants takes login names, replaces the home account\'s grants, and each account sees only its own', async () => {
    em.state.replace(withRamGrants(demoState(), {
      groups: [{ name: 'editors', members: ['bob', 'dave'] }],
      policies: [{ name: 'p', versions: [{ Version: '1', Statement: [] }, { Version: '1', Statement: [{ Effect: 'Allow', Action: 'vod:Get*', Resource: '*' }] }] }],
      attachments: [{ policy: 'p', group: 'editors' }, { policy: 'AliyunVODReadOnlyAccess', role: 'ReviewerRole' }],
    }));
    const members = await ramSdk(em).listUsersForGroup(new RamModule.ListUsersForGroupRequest({ groupName: 'editors' }));
    assert.deepEqual(members.body?.users?.user?.map((u) => u.userName), ['bob', 'dave']);
    const p = await ramSdk(em).getPolicy(new RamModule.GetPolicyRequest({ policyName: 'p', policyType: 'Custom' }));
    assert.equal(p.body?.defaultPolicyVersion?.versionId, 'v2');
    await expectSdkError(ramSdk(em).listPoliciesForGroup(new RamModule.ListPoliciesForGroupRequest({ groupName: 'media-devs' })), 'EntityNotExist.Group', 404);
    const partner = await ramSdk(em, DEMO_PARTNER_KEY).listPolicies(new RamModule.ListPoliciesRequest({ policyType: 'Custom' }));
    assert.deepEqual(partner.body?.policies?.policy, []);
    assert.throws(() => withRamGrants(demoState(), { groups: [{ name: 'g', members: ['nobody'] }] }), /no user nobody/);
  });

  it('state validation refuses grants naming unknown users, policies or versions', () => {
    const base = demoState();
    const bad = (ramGrants: unknown) => () => em.state.replace({ ...base, ramGrants });
    assert.throws(bad({ accounts: [{ accountId: DEMO_ACCOUNT_ID, groups: [{ groupName: 'g', members: ['alice'] }] }] }), StateError);
    assert.throws(bad({ accounts: [{ accountId: DEMO_ACCOUNT_ID, attachments: [{ policyType: 'System', policyName: 'NoSuch', principalType: 'Role', principal: 'EditorRole' }] }] }), /no System policy NoSuch/);
    assert.throws(bad({ accounts: [{ accountId: DEMO_ACCOUNT_ID, policies: [{ policyName: 'x', defaultVersion: 'v2', versions: [{ versionId: 'v1', document: '{}' }] }] }] }), /no version v2/);
  });
});
