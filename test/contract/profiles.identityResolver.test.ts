// The identity resolution's normal path (src/profiles/identityResolver.ts) over HTTP against the emulator, with the
// core's own RAM and VOD clients: a RAM user configured by login name becomes its UserId through one GetUser per
// session, shared by everyone who asks meanwhile; UserIds and roles need no call; VOD then answers for the UserId.
import { strict as assert } from 'node:assert';
import { RamClient } from '../../src/cloud/ram';
import { IdentityResolver } from '../../src/profiles/identityResolver';
import { UserDirectory } from '../../src/profiles/userDirectory';
import type { ProfileIdentity } from '../../src/settings/profileConfig';
import { demoUserId } from '../emulator/demoState';
import { DEMO_ACCESS_KEY } from '../emulator/server';
import { emulatorPerTest } from './core.helpers';

const APP = 'app-1000000';
const byName = (identityName: string): ProfileIdentity => ({ identityType: 'RamUser', identityName, appId: APP });

describe('identity resolution against the emulator', () => {
  const ctx = emulatorPerTest();
  const getUsers = () => ctx.em.requests().filter((r) => r.action === 'GetUser');
  const resolver = () => {
    const ram = new RamClient(ctx.h.options());
    return new IdentityResolver('contract', () => ram, new UserDirectory(() => ram));
  };

  it("turns a login name into the user's UserId with one signed GetUser, and VOD answers for that UserId", async () => {
    const identities = resolver();
    const alice = demoUserId('alice');
    assert.equal(identities.peek(byName('alice')), undefined, 'nothing is known before the lookup');
    const resolved = await identities.resolve(byName('alice'));
    assert.deepEqual(resolved, { identityType: 'RamUser', identityName: alice, appId: APP, userName: 'alice', userId: alice, displayName: 'Alice Chen' });
    assert.deepEqual(identities.peek(byName('alice')), resolved, 'known afterwards without a call');

    const [getUser, ...more] = getUsers();
    assert.equal(more.length, 0);
    assert.deepEqual([getUser?.params.UserName, getUser?.status, getUser?.accessKeyId], ['alice', 200, DEMO_ACCESS_KEY.accessKeyId]);
    const record = ctx.h.records.find((r) => r.action === 'GetUser');
    assert.equal(record?.requestId, getUser?.requestId, 'the lookup is recorded with its RequestId');

    const policies = await ctx.h.vod().listAppPoliciesForIdentity(resolved);
    assert.ok(policies.policies.length > 0, 'alice holds policies in the default app');
    const listed = ctx.em.requests().filter((r) => r.action === 'ListAppPoliciesForIdentity');
    assert.deepEqual(listed.map((r) => [r.params.IdentityType, r.params.IdentityName, r.status]), [['RamUser', alice, 200]]);
    assert.deepEqual(
      policies.policies.map((p) => p.policyName).sort(),
      ctx.em.state.policiesOf({ type: 'RamUser', name: alice, appId: APP }).sort(),
      "VOD's answer for the UserId is alice's policies",
    );
  });

  it('asks RAM once per user per session, however many ask at once, and again after forget()', async () => {
    const identities = resolver();
    const results = await Promise.all([identities.resolve(byName('bob')), identities.resolve(byName('bob')), identities.resolve(byName('alice'))]);
    assert.deepEqual(results.map((r) => r.identityName), [demoUserId('bob'), demoUserId('bob'), demoUserId('alice')]);
    await identities.resolve(byName('bob'));
    assert.deepEqual(getUsers().map((r) => r.params.UserName).sort(), ['alice', 'bob'], 'one GetUser per user');
    identities.forget();
    assert.equal(identities.peek(byName('bob')), undefined, 'forgotten');
    assert.equal((await identities.resolve(byName('bob'))).userId, demoUserId('bob'));
    assert.equal(getUsers().length, 3, 'a refresh asks again');
  });

  it('sends nothing for a UserId or a role: they are what VOD takes already', async () => {
    const identities = resolver();
    const carol = demoUserId('carol');
    assert.deepEqual(await identities.resolve(byName(carol)), { identityType: 'RamUser', identityName: carol, appId: APP, userId: carol });
    const role: ProfileIdentity = { identityType: 'RamRole', identityName: 'TranscodeRole', appId: APP };
    assert.deepEqual(await identities.resolve(role), { identityType: 'RamRole', identityName: 'TranscodeRole', appId: APP });
    assert.deepEqual(identities.peek(role), { identityType: 'RamRole', identityName: 'TranscodeRole', appId: APP });
    assert.equal(ctx.em.requests().length, 0, 'no request at all');
  });
});
