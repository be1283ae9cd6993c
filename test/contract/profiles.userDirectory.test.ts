// Naming RAM UserIds: the profile's user directory and the identity resolver that reads it, with real RAM clients
// against the emulator over HTTP (signatures checked), so the calls counted here are the calls a user's key makes.
import { strict as assert } from 'node:assert';
import { RamClient } from '../../src/cloud/ram';
import { IdentityResolver } from '../../src/profiles/identityResolver';
import { UserDirectory } from '../../src/profiles/userDirectory';
import type { ProfileIdentity } from '../../src/settings/profileConfig';
import { emulatorPerTest } from './core.helpers';
import { demoState, demoUserId } from '../emulator/demoState';

describe('UserDirectory: names for RAM UserIds', () => {
  const ctx = emulatorPerTest();
  const setup = () => {
    const ram = new RamClient(ctx.h.options());
    const users = new UserDirectory(() => ram);
    return { users, resolver: new IdentityResolver('contract', () => ram, users) };
  };
  const byId = (userId: string): ProfileIdentity => ({ identityType: 'RamUser', identityName: userId, appId: 'app-1000000' });
  const listUsersCalls = () => ctx.em.requests().filter((r) => r.action === 'ListUsers').length;

  it('names a configured UserId from one ListUsers walk; VOD is still sent the UserId', async () => {
    const { users, resolver } = setup();
    const alice = demoUserId('alice');
    assert.deepEqual(users.naming(alice), { status: 'pending' });
    assert.equal(resolver.peek(byId(alice))?.userName, undefined, 'no name before the list answers');
    const named = await resolver.named(byId(alice));
    assert.deepEqual([named.identityName, named.userName, named.displayName], [alice, 'alice', 'Alice Chen']);
    assert.equal(resolver.peek(byId(alice))?.userName, 'alice');
    assert.equal((await resolver.resolve(byId(demoUserId('build-bot')))).userName, 'build-bot');
    assert.equal(listUsersCalls(), 1, 'every later name comes from the same walk');
    assert.equal(ctx.em.requests().filter((r) => r.action === 'GetUser').length, 0, 'GetUser takes names, never UserIds');
  });

  it('resolve() never waits for names: a listing sends the UserId at once', async () => {
    const { resolver } = setup();
    const alice = demoUserId('alice');
    const resolved = await resolver.resolve(byId(alice));
    assert.deepEqual([resolved.identityName, resolved.userName], [alice, undefined]);
    assert.equal(listUsersCalls(), 0);
  });

  it('a UserId the account does not list keeps its id and says so', async () => {
    const { users, resolver } = setup();
    const stranger = '2037164829399999';
    const named = await resolver.named(byId(stranger));
    assert.deepEqual([named.identityName, named.userName], [stranger, undefined]);
    assert.deepEqual(users.naming(stranger), { status: 'notListed' });
  });

  it('ListUsers refused: the UserId is kept, the code is kept for the tooltip, nothing else changes', async () => {
    ctx.em.setFault('ListUsers', { kind: 'error', code: 'Forbidden.RAM', status: 403 });
    const { users, resolver } = setup();
    const alice = demoUserId('alice');
    const named = await resolver.named(byId(alice));
    assert.deepEqual([named.identityType, named.identityName, named.userName], ['RamUser', alice, undefined]);
    const naming = users.naming(alice);
    assert.equal(naming.status, 'failed');
    assert.equal(naming.status === 'failed' && naming.error.code, 'Forbidden.RAM');
    assert.equal(naming.status === 'failed' && naming.error.kind, 'permission');
  });

  it('forget() (Refresh) lists again; a fresh listing for a picker replaces the known names, with no second walk', async () => {
    const { users } = setup();
    const alice = demoUserId('alice');
    await users.load();
    users.forget();
    assert.equal(users.unsettled(), true);
    await users.load();
    assert.equal(listUsersCalls(), 2);
    // Renamed in RAM meanwhile: the picker's fresh listing says so, and the rows are named from that same answer.
    const state = demoState();
    state.accounts![0]!.users = state.accounts![0]!.users.map((u) => (u.userId === alice ? { ...u, userName: 'alice-renamed' } : u));
    ctx.em.state.replace(state);
    const fresh = await users.listAfresh();
    assert.ok(fresh.users.some((u) => u.userName === 'alice-renamed'));
    const naming = users.naming(alice);
    assert.equal(naming.status === 'named' && naming.user.userName, 'alice-renamed');
    assert.equal(listUsersCalls(), 3);
  });

  it('5,000 users: five pages of 1,000, every one named', async () => {
    const state = demoState();
    const account = state.accounts![0]!;
    const extra = Array.from({ length: 5000 - account.users.length }, (_, i) => ({ userId: String(2037164829500000 + i), userName: `user-${i}`, displayName: `User ${i}` }));
    account.users = [...account.users, ...extra];
    await ctx.restart(state);
    const { users } = setup();
    await users.load();
    assert.equal(listUsersCalls(), 5);
    const last = extra[extra.length - 1]!;
    const naming = users.naming(last.userId);
    assert.equal(naming.status === 'named' && naming.user.userName, last.userName);
  });
});
