// RAM writes (AttachPolicyToUser/Role, DetachPolicyFromUser/Role, AddUserToGroup, RemoveUserFromGroup) through the
// official @alicloud/ram20150501 SDK against the demo account: each write shows in the reads, each twin restores
// it, and the codes for unknown entities, repeats, refused callers and the 20/s rate.
import { strict as assert } from 'node:assert';
import { demoState } from '../emulator/demoState';
import { withRamGrants } from '../emulator/ramGrants';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../emulator/server';
import { RamModule, expectSdkError, ramSdk } from './sdk.helpers';

const RAM_HOST = 'ram.aliyuncs.com';

describe('emulator RAM writes (official @alicloud/ram20150501 SDK)', () => {
  let em: RunningEmulator;
  beforeEach(async () => {
    em = await startEmulator({ quiet: true, qpsLimits: false });
  });
  afterEach(() => em.close());

  const userPolicies = async (userName: string) =>
    (await ramSdk(em).listPoliciesForUser(new RamModule.ListPoliciesForUserRequest({ userName }))).body?.policies?.policy?.map((p) => `${p.policyType}/${p.policyName}`);
  const groupsOf = async (userName: string) =>
    (await ramSdk(em).listGroupsForUser(new RamModule.ListGroupsForUserRequest({ userName }))).body?.groups?.group?.map((g) => g.groupName);

  it('AttachPolicyToUser / DetachPolicyFromUser change what ListPoliciesForUser answers; repeats are 409 / 404', async () => {
    const attach = await ramSdk(em).attachPolicyToUser(new RamModule.AttachPolicyToUserRequest({ policyType: 'System', policyName: 'AliyunVODFullAccess', userName: 'dave' }));
    assert.match(String(attach.body?.requestId), /^[0-9A-F-]{36}$/);
    assert.deepEqual(await userPolicies('dave'), ['System/AliyunVODFullAccess']);
    await expectSdkError(ramSdk(em).attachPolicyToUser(new RamModule.AttachPolicyToUserRequest({ policyType: 'System', policyName: 'AliyunVODFullAccess', userName: 'dave' })), 'EntityAlreadyExists.User.Policy', 409, RAM_HOST);
    await ramSdk(em).detachPolicyFromUser(new RamModule.DetachPolicyFromUserRequest({ policyType: 'System', policyName: 'AliyunVODFullAccess', userName: 'dave' }));
    assert.deepEqual(await userPolicies('dave'), []);
    await expectSdkError(ramSdk(em).detachPolicyFromUser(new RamModule.DetachPolicyFromUserRequest({ policyType: 'System', policyName: 'AliyunVODFullAccess', userName: 'dave' })), 'EntityNotExist.User.Policy', 404, RAM_HOST);
    // The write is kept in the state the emulator would save.
    await ramSdk(em).attachPolicyToUser(new RamModule.AttachPolicyToUserRequest({ policyType: 'Custom', policyName: 'vod-upload-only', userName: 'dave' }));
    assert.ok(em.state.toJSON().ramGrants?.accounts[0].attachments.some((t) => t.policyName === 'vod-upload-only' && t.principal === '2037164829300006'));
  });

  it('AttachPolicyToRole / DetachPolicyFromRole on TranscodeRole; unknown role, user, policy and a bad PolicyType', async () => {
    await ramSdk(em).detachPolicyFromRole(new RamModule.DetachPolicyFromRoleRequest({ policyType: 'System', policyName: 'AliyunMTSFullAccess', roleName: 'TranscodeRole' }));
    const roles = async () => (await ramSdk(em).listPoliciesForRole(new RamModule.ListPoliciesForRoleRequest({ roleName: 'TranscodeRole' }))).body?.policies?.policy?.map((p) => p.policyName);
    assert.deepEqual(await roles(), []);
    await expectSdkError(ramSdk(em).detachPolicyFromRole(new RamModule.DetachPolicyFromRoleRequest({ policyType: 'System', policyName: 'AliyunMTSFullAccess', roleName: 'TranscodeRole' })), 'EntityNotExist.Role.Policy', 404);
    await ramSdk(em).attachPolicyToRole(new RamModule.AttachPolicyToRoleRequest({ policyType: 'System', policyName: 'AliyunMTSFullAccess', roleName: 'TranscodeRole' }));
    assert.deepEqual(await roles(), ['AliyunMTSFullAccess']);
    await expectSdkError(ramSdk(em).attachPolicyToRole(new RamModule.AttachPolicyToRoleRequest({ policyType: 'System', policyName: 'AliyunMTSFullAccess', roleName: 'TranscodeRole' })), 'EntityAlreadyExists.Role.Policy', 409);
    await expectSdkError(ramSdk(em).attachPolicyToRole(new RamModule.AttachPolicyToRoleRequest({ policyType: 'System', policyName: 'AliyunMTSFullAccess', roleName: 'NoRole' })), 'EntityNotExist.Role', 404, RAM_HOST);
    await expectSdkError(ramSdk(em).attachPolicyToUser(new RamModule.AttachPolicyToUserRequest({ policyType: 'System', policyName: 'AliyunVODFullAccess', userName: 'nobody' })), 'EntityNotExist.User', 404);
    await expectSdkError(ramSdk(em).attachPolicyToUser(new RamModule.AttachPolicyToUserRequest({ policyType: 'System', policyName: 'NoSuchPolicy', userName: 'dave' })), 'EntityNotExist.Policy', 404);
    await expectSdkError(ramSdk(em).detachPolicyFromUser(new RamModule.DetachPolicyFromUserRequest({ policyType: 'Other', policyName: 'AliyunVODFullAccess', userName: 'dave' })), 'InvalidParameter', 400);
    await expectSdkError(ramSdk(em).detachPolicyFromUser(new RamModule.DetachPolicyFromUserRequest({ policyName: 'AliyunVODFullAccess', userName: 'dave' })), 'MissingPolicyType', 400);
  });

  it('RemoveUserFromGroup / AddUserToGroup: alice leaves and rejoins media-devs; repeats and unknown groups', async () => {
    assert.deepEqual(await groupsOf('alice'), ['media-devs']);
    await ramSdk(em).removeUserFromGroup(new RamModule.RemoveUserFromGroupRequest({ userName: 'alice', groupName: 'media-devs' }));
    assert.deepEqual(await groupsOf('alice'), []);
    await expectSdkError(ramSdk(em).removeUserFromGroup(new RamModule.RemoveUserFromGroupRequest({ userName: 'alice', groupName: 'media-devs' })), 'EntityNotExist.User.Group', 404, RAM_HOST);
    await ramSdk(em).addUserToGroup(new RamModule.AddUserToGroupRequest({ userName: 'alice', groupName: 'media-devs' }));
    assert.deepEqual(await groupsOf('alice'), ['media-devs']);
    await expectSdkError(ramSdk(em).addUserToGroup(new RamModule.AddUserToGroupRequest({ userName: 'alice', groupName: 'media-devs' })), 'EntityAlreadyExists.User.Group', 409);
    await expectSdkError(ramSdk(em).addUserToGroup(new RamModule.AddUserToGroupRequest({ userName: 'alice', groupName: 'nogroup' })), 'EntityNotExist.Group', 404);
  });

  it('a key marked ramDenied for a write gets NoPermission (403) and nothing changes', async () => {
    em.state.replace(withRamGrants(demoState(), { groups: [{ name: 'g', members: ['alice'] }], ramDenied: { [DEMO_ACCESS_KEY.accessKeyId]: ['RemoveUserFromGroup'] } }));
    await expectSdkError(ramSdk(em).removeUserFromGroup(new RamModule.RemoveUserFromGroupRequest({ userName: 'alice', groupName: 'g' })), 'NoPermission', 403);
    assert.deepEqual(await groupsOf('alice'), ['g']);
  });

  it('writes are limited to 20 per second per key and action (Throttling.User beyond)', async () => {
    await em.close();
    em = await startEmulator({ quiet: true });
    const calls = Array.from({ length: 30 }, () => ramSdk(em).detachPolicyFromUser(new RamModule.DetachPolicyFromUserRequest({ policyType: 'System', policyName: 'AliyunVODFullAccess', userName: 'dave' }))
      .then(() => 'ok', (e: { code?: string }) => String(e.code)));
    const codes = await Promise.all(calls);
    assert.equal(codes.filter((c) => c === 'EntityNotExist.User.Policy').length, 20, codes.join(','));
    assert.equal(codes.filter((c) => c === 'Throttling.User').length, 10);
  });
});
