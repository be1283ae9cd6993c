import * as assert from 'node:assert/strict';
import { bucketTargetsOf, effectiveSelection, policySelectionOf } from '../../../src/commands/targets';
import { AppPolicyNode, BucketGroupNode, FoundIdentityNode, FoundPolicyNode, IdentityNode, BucketNode, isResourceNode, rowIds, rowIdsOf } from '../../../src/tree/nodes';
import type { Profile } from '../../../src/settings/profileConfig';

const alice = { identityType: 'RamUser' as const, identityName: 'alice', appId: 'app-1000000' };
const bob = { identityType: 'RamRole' as const, identityName: 'bob', appId: 'app-1000000' };
const profile: Profile = { name: 'demo', region: 'cn-shanghai', credentialSource: 'keychain', endpoints: {}, outputBuckets: ['a-1', 'b-2'], inputBuckets: ['in-1'], identities: [alice, bob] };
const policy = (identity: typeof alice | typeof bob, name: string) =>
  new AppPolicyNode(profile, identity, { appId: identity.appId, policyName: name, policyType: 'System' });

describe('tree selections → targets', () => {
  it('acts on the whole selection only when the clicked row is part of it', () => {
    const a = new BucketNode(profile, 'Output', 'a-1');
    const b = new BucketNode(profile, 'Output', 'b-2');
    assert.deepEqual(effectiveSelection(a, [a, b]), [a, b]);
    assert.deepEqual(effectiveSelection(a, [b]), [a]);
    assert.deepEqual(effectiveSelection(a, undefined), [a]);
    assert.deepEqual(effectiveSelection(undefined, undefined), []);
  });

  it('maps bucket rows to one target per bucket, ignoring other rows', () => {
    const nodes = [new BucketNode(profile, 'Output', 'a-1'), new BucketGroupNode(profile, 'Output'), new BucketNode(profile, 'Output', 'b-2'), new BucketNode(profile, 'Output', 'a-1')];
    assert.deepEqual(bucketTargetsOf(nodes, 'Output'), [
      { profile: 'demo', bucket: 'a-1' },
      { profile: 'demo', bucket: 'b-2' },
    ]);
  });

  it('takes only the rows of the command\'s bucket type from a selection across both groups', () => {
    const nodes = [new BucketNode(profile, 'Output', 'a-1'), new BucketNode(profile, 'Input', 'in-1'), new BucketGroupNode(profile, 'Input')];
    assert.deepEqual(bucketTargetsOf(nodes, 'Input'), [{ profile: 'demo', bucket: 'in-1' }]);
    assert.deepEqual(bucketTargetsOf(nodes, 'Output'), [{ profile: 'demo', bucket: 'a-1' }]);
    assert.notEqual(rowIds.bucket('demo', 'Input', 'x'), rowIds.bucket('demo', 'Output', 'x'), 'the same name in both groups is two rows');
  });

  it('groups selected policies per identity: one detach call each', () => {
    const selection = policySelectionOf([policy(alice, 'A'), policy(bob, 'B'), policy(alice, 'C'), new IdentityNode(profile, bob)]);
    assert.deepEqual(selection.targets, [
      { profile: 'demo', identity: alice, policyNames: ['A', 'C'] },
      { profile: 'demo', identity: bob, policyNames: ['B'] },
    ]);
    assert.deepEqual(selection.identities.map((i) => i.identity), [bob]);
  });

  it('tells tree rows from plain objects', () => {
    assert.equal(isResourceNode(new BucketNode(profile, 'Output', 'a-1')), true);
    assert.equal(isResourceNode({ profile: 'demo', bucket: 'a-1' }), false);
    assert.equal(isResourceNode({ kind: 'outputBucket', id: 'x' }), false);
  });

  it('gives rows stable ids', () => {
    assert.equal(new BucketNode(profile, 'Output', 'a-1').id, 'profile/demo/buckets/a-1');
    assert.equal(policy(alice, 'A').id, 'profile/demo/identities/RamUser:alice@app-1000000/A');
  });

  it('rows found by Find Access to App give the same targets as configured rows, already resolved with the login name', () => {
    const found = { identityType: 'RamUser' as const, identityName: '2037164829300001', appId: 'app-2000001', userName: 'alice' };
    const role = { identityType: 'RamRole' as const, identityName: 'EditorRole', appId: 'app-2000001' };
    const full = new FoundPolicyNode(profile, found, { appId: 'app-2000001', policyName: 'VODAppFullAccess', policyType: 'System' });
    const read = new FoundPolicyNode(profile, found, { appId: 'app-2000001', policyName: 'VODAppReadOnlyAccess', policyType: 'System' });
    const roleRow = new FoundIdentityNode(profile, role);
    const selection = policySelectionOf([full, read, roleRow]);
    assert.deepEqual(selection.targets, [
      {
        profile: 'demo',
        identity: { identityType: 'RamUser', identityName: '2037164829300001', appId: 'app-2000001' },
        policyNames: ['VODAppFullAccess', 'VODAppReadOnlyAccess'],
        resolved: { identityType: 'RamUser', identityName: '2037164829300001', appId: 'app-2000001', userId: '2037164829300001', userName: 'alice' },
      },
    ]);
    assert.deepEqual(selection.identities, [roleRow]);
    // A configured identity of the same UserId names the same rows: both are busy and reloaded after a detach.
    const ids = rowIdsOf({ kind: 'identity', profile: 'demo', identity: full.identity, policyNames: ['VODAppFullAccess'] });
    assert.ok(ids.includes(rowIds.identity('demo', full.identity)));
    assert.ok(ids.includes(full.id) && ids.includes(rowIds.foundIdentity('demo', full.identity)));
    assert.notEqual(full.id, policy(alice, 'VODAppFullAccess').id, 'found rows never reuse a configured row id');
  });
});
