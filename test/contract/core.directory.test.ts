// The core's RAM and STS clients against the emulator over real HTTP: resolving user names, paging the directory,
// naming the caller's account, and the account label each CallRecord carries.
import { strict as assert } from 'node:assert';
import { CloudError } from '../../src/cloud/errors';
import { ACTION_QPS } from '../../src/cloud/quotas';
import { RamClient } from '../../src/cloud/ram';
import { StsClient } from '../../src/cloud/sts';
import { DEMO_ACCOUNT_ID, DEMO_PARTNER_ACCOUNT_ID, demoState, demoUserId } from '../emulator/demoState';
import { DEMO_ACCESS_KEY, DEMO_PARTNER_KEY, DEMO_RAM_USER_KEY } from '../emulator/server';
import { emulatorPerTest, harness, rejection } from './core.helpers';

describe('RAM and STS clients against the emulator', () => {
  const ctx = emulatorPerTest();

  it('GetUser turns a login name into the UserId, signed as RAM 2015-05-01', async () => {
    const ram = new RamClient(ctx.h.options());
    const { user, requestId } = await ram.getUser('alice');
    assert.equal(user.userId, demoUserId('alice'));
    assert.equal(user.userName, 'alice');
    assert.equal(user.displayName, 'Alice Chen');
    const sent = ctx.em.requests().find((r) => r.action === 'GetUser');
    assert.deepEqual(sent?.params.UserName, 'alice');
    assert.equal(sent?.params.Version, '2015-05-01');
    assert.equal(ctx.h.records[0]?.product, 'ram');
    assert.equal(ctx.h.records[0]?.requestId, requestId);
    assert.equal(ctx.h.records[0]?.target, 'RAM user alice');
  });

  it('an unknown name, or a UserId given as a name, is EntityNotExist.User with its RequestId', async () => {
    const ram = new RamClient(ctx.h.options());
    for (const name of ['nobody', demoUserId('alice')]) {
      const err = (await rejection(ram.getUser(name))) as CloudError;
      assert.ok(err instanceof CloudError);
      assert.equal(err.code, 'EntityNotExist.User');
      assert.equal(err.httpStatus, 404);
      assert.match(err.requestId ?? '', /^[0-9A-F-]{36}$/);
    }
    assert.equal(ctx.h.records.every((r) => r.outcome === 'failed' && r.attempts === 1), true, 'a 404 is not retried');
  });

  it('refuses a name RAM cannot hold without sending it', async () => {
    const ram = new RamClient(ctx.h.options());
    await assert.rejects(ram.getUser('-bad'), { kind: 'invalid-input' });
    assert.equal(ctx.em.requests().filter((r) => r.action === 'GetUser').length, 0);
  });

  it('GetRole and ListRoles name roles with their ARN', async () => {
    const ram = new RamClient(ctx.h.options());
    const { role } = await ram.getRole('TranscodeRole');
    assert.equal(role.arn, `acs:ram::${DEMO_ACCOUNT_ID}:role/transcoderole`);
    await assert.rejects(ram.getRole('NoSuchRole'), { code: 'EntityNotExist.Role' });
    const roles = await ram.listRoles();
    assert.equal(roles.roles.length, demoState().accounts?.[0]?.roles?.length);
    assert.ok(roles.roles.some((r) => r.roleName === 'TranscodeRole'));
  });

  it('ListUsers follows Marker while IsTruncated, one record per page', async () => {
    const state = demoState();
    const account = state.accounts![0]!;
    // The demo's own users stay (its RAM user key belongs to one of them), plus enough to need three pages.
    account.users = [...account.users, ...Array.from({ length: 230 }, (_, i) => ({ userId: String(2037164829400000 + i), userName: `user-${String(i).padStart(3, '0')}`, displayName: `User ${i}` }))];
    await ctx.restart(state);
    const list = await new RamClient(ctx.h.options()).listUsers();
    const total = account.users.length;
    assert.ok(total > 200 && total <= 300);
    assert.equal(list.users.length, total);
    assert.equal(new Set(list.users.map((u) => u.userId)).size, total);
    assert.deepEqual(ctx.h.records.map((r) => r.target), ['RAM users', 'RAM users (page 2)', 'RAM users (page 3)']);
    assert.equal(list.requestId, ctx.h.records[0]?.requestId);
  });

  it('ListRoles follows Marker too: every role, with its ARN, for the Add Identity pick', async () => {
    const state = demoState();
    const account = state.accounts![0]!;
    account.roles = [...(account.roles ?? []), ...Array.from({ length: 120 }, (_, i) => ({ roleId: String(3094417288100000 + i), roleName: `PickRole${String(i).padStart(3, '0')}` }))];
    await ctx.restart(state);
    const list = await new RamClient(ctx.h.options()).listRoles();
    assert.equal(list.roles.length, account.roles.length);
    assert.equal(new Set(list.roles.map((r) => r.roleName)).size, account.roles.length);
    assert.ok(list.roles.every((r) => r.arn === `acs:ram::${DEMO_ACCOUNT_ID}:role/${r.roleName.toLowerCase()}`), 'each role has its ARN');
    assert.deepEqual(ctx.h.records.map((r) => r.target), ['RAM roles', 'RAM roles (page 2)']);
    const markers = ctx.em.requests().filter((r) => r.action === 'ListRoles').map((r) => r.params.Marker);
    assert.equal(markers.length, 2);
    assert.equal(markers[0], undefined, 'the first page is asked without a Marker');
    assert.ok(markers[1], 'the second page is asked with the Marker the first returned');
  });

  it('GetCallerIdentity names the account and the principal of each kind of key', async () => {
    const asAccount = await new StsClient(ctx.h.options()).getCallerIdentity();
    assert.equal(asAccount.accountId, DEMO_ACCOUNT_ID);
    assert.equal(asAccount.arn, `acs:ram::${DEMO_ACCOUNT_ID}:root`);
    assert.equal(asAccount.identityType, 'Account');

    const user = harness(ctx.em, DEMO_RAM_USER_KEY);
    const asUser = await new StsClient(user.options()).getCallerIdentity();
    assert.equal(asUser.accountId, DEMO_ACCOUNT_ID);
    assert.equal(asUser.arn, `acs:ram::${DEMO_ACCOUNT_ID}:user/media-operator`);
    assert.equal(asUser.identityType, 'RAMUser');

    const partner = harness(ctx.em, DEMO_PARTNER_KEY);
    assert.equal((await new StsClient(partner.options()).getCallerIdentity()).accountId, DEMO_PARTNER_ACCOUNT_ID);
    assert.equal(ctx.em.requests().filter((r) => r.action === 'GetCallerIdentity').every((r) => r.params.Version === '2015-04-01'), true);
  });

  it('labels each CallRecord with the account its signing key belongs to', async () => {
    const accounts = new Map([[DEMO_ACCESS_KEY.accessKeyId, DEMO_ACCOUNT_ID]]);
    const ram = new RamClient(ctx.h.options({ account: (keyId) => accounts.get(keyId) }));
    await ram.getUser('alice');
    await rejection(ram.getUser('nobody'));
    assert.deepEqual(ctx.h.records.map((r) => r.account), [DEMO_ACCOUNT_ID, DEMO_ACCOUNT_ID]);
    const unlabelled = new RamClient(ctx.h.options({ account: () => { throw new Error('lookup broke'); } }));
    await unlabelled.getUser('alice');
    assert.equal(ctx.h.records[2]?.account, undefined, 'a label that fails gives no label, not a failed call');
  });

  it('defaults to the global RAM endpoint and the regional STS endpoint', () => {
    const options = { region: 'cn-beijing', credentials: { getCredentials: async () => DEMO_ACCESS_KEY } };
    assert.equal(new RamClient(options).endpoint, 'https://ram.aliyuncs.com');
    assert.equal(new StsClient(options).endpoint, 'https://sts.cn-beijing.aliyuncs.com');
    assert.throws(() => new StsClient({ ...options, endpoint: 'http://sts.example.com' }), { kind: 'invalid-input' });
  });

  it('paces RAM and STS at the rates the emulator README documents', () => {
    assert.deepEqual(
      ['GetUser', 'GetRole', 'ListUsers', 'ListRoles', 'GetCallerIdentity'].map((a) => ACTION_QPS[a]),
      [100, 100, 20, 20, 100],
    );
  });
});
