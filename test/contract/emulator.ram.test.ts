// RAM GetUser / ListUsers / GetRole / ListRoles through the official @alicloud/ram20150501 SDK, plus signed v1
// requests for what the SDK never sends (a forged Marker, the wrong Version).
import { strict as assert } from 'node:assert';
import { DEMO_ACCOUNT_ID, DEMO_PARTNER_ACCOUNT_ID, demoState, demoUserId } from '../emulator/demoState';
import { DEMO_PARTNER_KEY, startEmulator, type RunningEmulator } from '../emulator/server';
import { assertErrorBody, signedCall } from './emulator.helpers';
import { RamModule, expectSdkError, ramSdk } from './sdk.helpers';

const RAM_HOST = 'ram.aliyuncs.com';

describe('emulator RAM (official @alicloud/ram20150501 SDK)', () => {
  let em: RunningEmulator;
  beforeEach(async () => {
    em = await startEmulator({ quiet: true, qpsLimits: false });
  });
  afterEach(() => em.close());

  it('GetUser returns the documented User shape, keyed by login name', async () => {
    const r = await ramSdk(em).getUser(new RamModule.GetUserRequest({ userName: 'alice' }));
    const u = r.body?.user;
    assert.deepEqual([u?.userId, u?.userName, u?.displayName, u?.email], [demoUserId('alice'), 'alice', 'Alice Chen', 'alice@example.com']);
    assert.match(String(u?.createDate), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.match(String(r.body?.requestId), /^[0-9A-F-]{36}$/);
    assert.ok(em.requests().every((q) => q.signatureVersion === 'v3'));
  });

  it('GetUser by UserId (not a login name) is EntityNotExist.User (404)', async () => {
    await expectSdkError(ramSdk(em).getUser(new RamModule.GetUserRequest({ userName: demoUserId('alice') })), 'EntityNotExist.User', 404, RAM_HOST);
    await expectSdkError(ramSdk(em).getUser(new RamModule.GetUserRequest({ userName: 'nobody' })), 'EntityNotExist.User', 404, RAM_HOST);
  });

  it('ListUsers pages with Marker while IsTruncated, every user exactly once, sorted by name', async () => {
    const expected = demoState().accounts![0].users.map((u) => u.userName).sort();
    assert.ok(expected.length >= 24, 'the demo directory has a few dozen users');
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const r = await ramSdk(em).listUsers(new RamModule.ListUsersRequest({ maxItems: 7, ...(marker ? { marker } : {}) }));
      const users = r.body?.users?.user ?? [];
      pages++;
      seen.push(...users.map((u) => String(u.userName)));
      assert.ok(users.every((u) => /^\d+$/.test(String(u.userId))));
      marker = r.body?.isTruncated ? r.body.marker : undefined;
      if (r.body?.isTruncated) assert.ok(marker, 'a truncated page carries a Marker');
      else assert.equal(r.body?.marker, undefined, 'the last page has no Marker');
    } while (marker);
    assert.deepEqual(seen, expected);
    assert.equal(pages, Math.ceil(expected.length / 7));
  });

  it('ListUsers defaults to 100 items and accepts MaxItems 1..1000 only', async () => {
    const all = await ramSdk(em).listUsers(new RamModule.ListUsersRequest({}));
    assert.equal(all.body?.isTruncated, false);
    assert.equal(all.body?.users?.user?.length, demoState().accounts![0].users.length);
    const one = await ramSdk(em).listUsers(new RamModule.ListUsersRequest({ maxItems: 1 }));
    assert.deepEqual([one.body?.users?.user?.length, one.body?.isTruncated], [1, true]);
    await ramSdk(em).listUsers(new RamModule.ListUsersRequest({ maxItems: 1000 }));
    await expectSdkError(ramSdk(em).listUsers(new RamModule.ListUsersRequest({ maxItems: 1001 })), 'InvalidParameter', 400);
    await expectSdkError(ramSdk(em).listUsers(new RamModule.ListUsersRequest({ maxItems: 0 })), 'InvalidParameter', 400);
  });

  it('GetRole returns RoleId, Arn (lower-cased name) and MaxSessionDuration; unknown is EntityNotExist.Role (404)', async () => {
    const r = await ramSdk(em).getRole(new RamModule.GetRoleRequest({ roleName: 'TranscodeRole' }));
    assert.deepEqual([r.body?.role?.roleName, r.body?.role?.arn, r.body?.role?.maxSessionDuration],
      ['TranscodeRole', `acs:ram::${DEMO_ACCOUNT_ID}:role/transcoderole`, 3600]);
    assert.match(String(r.body?.role?.roleId), /^\d+$/);
    assert.match(String(r.body?.role?.assumeRolePolicyDocument), /sts:AssumeRole/);
    const long = await ramSdk(em).getRole(new RamModule.GetRoleRequest({ roleName: 'LongSessionRole' }));
    assert.equal(long.body?.role?.maxSessionDuration, 43200);
    await expectSdkError(ramSdk(em).getRole(new RamModule.GetRoleRequest({ roleName: 'NoSuchRole' })), 'EntityNotExist.Role', 404, RAM_HOST);
  });

  it('ListRoles pages through every role with Marker', async () => {
    const expected = demoState().accounts![0].roles.map((r) => r.roleName);
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const r = await ramSdk(em).listRoles(new RamModule.ListRolesRequest({ maxItems: 5, ...(marker ? { marker } : {}) }));
      for (const role of r.body?.roles?.role ?? []) {
        seen.push(String(role.roleName));
        assert.equal(role.arn, `acs:ram::${DEMO_ACCOUNT_ID}:role/${String(role.roleName).toLowerCase()}`);
      }
      marker = r.body?.isTruncated ? r.body.marker : undefined;
    } while (marker);
    assert.deepEqual([...seen].sort(), [...expected].sort());
    assert.equal(new Set(seen).size, expected.length);
  });

  it('each key sees its own account\'s directory', async () => {
    const partner = await ramSdk(em, DEMO_PARTNER_KEY).listUsers(new RamModule.ListUsersRequest({}));
    assert.deepEqual(partner.body?.users?.user?.map((u) => u.userName), ['partner-admin', 'partner-uploader', 'partner-viewer']);
    await expectSdkError(ramSdk(em, DEMO_PARTNER_KEY).getUser(new RamModule.GetUserRequest({ userName: 'alice' })), 'EntityNotExist.User', 404);
    const role = await ramSdk(em, DEMO_PARTNER_KEY).getRole(new RamModule.GetRoleRequest({ roleName: 'PartnerIngestRole' }));
    assert.equal(role.body?.role?.arn, `acs:ram::${DEMO_PARTNER_ACCOUNT_ID}:role/partneringestrole`);
  });

  it('signed v1 requests: GET works, a forged Marker is InvalidParameter, UserName is required, Version must be RAM\'s', async () => {
    const ok = await signedCall(em, 'GetUser', '2015-05-01', { UserName: 'bob' }, { mode: 'query' });
    assert.equal(ok.status, 200);
    assert.equal((ok.body.User as { UserId: string }).UserId, demoUserId('bob'));
    const marker = await signedCall(em, 'ListUsers', '2015-05-01', { Marker: 'not-a-marker' });
    assert.equal(marker.status, 400);
    assertErrorBody(marker.body, 'InvalidParameter');
    const missing = await signedCall(em, 'GetUser', '2015-05-01', {});
    assertErrorBody(missing.body, 'MissingUserName');
    const version = await signedCall(em, 'ListUsers', '2015-04-01', {});
    assert.equal(version.status, 400);
    assertErrorBody(version.body, 'InvalidVersion');
    assert.equal(version.body.HostId, RAM_HOST);
    assert.match(String(version.body.Recommend), /product=Ram/);
  });
});
