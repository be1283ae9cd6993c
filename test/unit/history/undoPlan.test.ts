import { strict as assert } from 'node:assert';
import { describeUndo, isUndoable, planUndo } from '../../../src/history/undoPlan';
import { detachRecord, record } from './fixtures';

describe('planUndo', () => {
  it('rebinds the bucket of a successful unbind, in the same profile and region', () => {
    const decision = planUndo(record({ params: { Bucket: 'media-out' }, region: 'cn-beijing', profile: 'prod' }));
    assert.deepEqual(decision, { plan: { action: 'BindOutputBucket', profile: 'prod', region: 'cn-beijing', bucket: 'media-out' } });
  });

  it('reattaches only the policies that were really detached', () => {
    const decision = planUndo(detachRecord({
      params: { IdentityType: 'RamRole', IdentityName: 'editor', AppId: 'app-42', PolicyNames: 'A, B,C,D' },
      nonExistPolicyNames: ['B'],
      failedPolicyNames: ['D'],
    }));
    assert.ok('plan' in decision);
    assert.deepEqual(decision.plan, {
      action: 'AttachAppPolicyToIdentity',
      profile: 'prod',
      region: 'cn-shanghai',
      identity: { identityType: 'RamRole', identityName: 'editor', appId: 'app-42' },
      policyNames: ['A', 'C'],
    });
  });

  it('omits the app when the detach omitted AppId (VODAppAdministratorAccess alone), as the detach did', () => {
    const decision = planUndo(detachRecord({ params: { IdentityType: 'RamUser', IdentityName: 'alice', PolicyNames: 'VODAppAdministratorAccess' } }));
    assert.ok('plan' in decision && decision.plan.action === 'AttachAppPolicyToIdentity');
    assert.deepEqual(decision.plan.identity, { identityType: 'RamUser', identityName: 'alice' });
  });

  it('refuses when nothing was really detached', () => {
    const decision = planUndo(detachRecord({ params: { IdentityType: 'RamUser', IdentityName: 'alice', PolicyNames: 'A,B' }, nonExistPolicyNames: ['A'], failedPolicyNames: ['B'] }));
    assert.ok('reason' in decision);
  });

  it('refuses failed and cancelled calls', () => {
    assert.ok('reason' in planUndo(record({ outcome: 'failed' })));
    assert.ok('reason' in planUndo(detachRecord({ outcome: 'cancelled' })));
  });

  it('refuses calls that are not revocations, including its own undo', () => {
    assert.ok('reason' in planUndo(record({ action: 'BindOutputBucket' })));
    assert.ok('reason' in planUndo(record({ product: 'vod', action: 'ListAppInfo', params: {} })));
    assert.ok('reason' in planUndo(detachRecord({ action: 'AttachAppPolicyToIdentity' })));
  });

  it('refuses records missing what the undo needs', () => {
    assert.ok('reason' in planUndo(record({ params: {} })));
    assert.ok('reason' in planUndo(detachRecord({ params: { IdentityType: 'Group', IdentityName: 'x', PolicyNames: 'A' } })));
    assert.ok('reason' in planUndo(detachRecord({ params: { IdentityType: 'RamUser', PolicyNames: 'A' } })));
  });

  it('does not mix products: an mps-looking action on vod is not undoable', () => {
    assert.equal(isUndoable(record({ product: 'vod' })), false);
    assert.equal(isUndoable(record()), true);
  });
});

describe('describeUndo', () => {
  it('names what will happen', () => {
    assert.equal(describeUndo({ action: 'BindOutputBucket', region: 'cn-shanghai', bucket: 'b1' }), 'Bind output bucket b1 again in cn-shanghai.');
    assert.equal(
      describeUndo({ action: 'AttachAppPolicyToIdentity', region: 'cn-shanghai', identity: { identityType: 'RamUser', identityName: 'alice', appId: 'app-1000000' }, policyNames: ['A', 'B'] }),
      'Attach A, B to RamUser:alice (app-1000000) again.',
    );
  });
});
