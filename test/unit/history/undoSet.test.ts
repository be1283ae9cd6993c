// Undo as a set (history/undoSet.ts): a Revoke All Media Access run's history entry names its steps by RequestId;
// its undo plans each step as a single undo would, in reverse order, and says why a step is left alone.
import { strict as assert } from 'node:assert';
import { planUndoSet, runStepParams, runStepRequestIds, RUN_ACTION } from '../../../src/history/undoSet';
import { detachRecord, record } from './fixtures';

const ram = (action: string, params: Record<string, string>) => record({ product: 'ram', action, endpoint: 'https://ram.aliyuncs.com', target: 'alice', params });

describe('undo as a set', () => {
  const app1 = detachRecord({ params: { IdentityType: 'RamUser', IdentityName: '2037164829300001', AppId: 'app-1000000', PolicyNames: 'VODAppFullAccess' } });
  const app2 = detachRecord({ params: { IdentityType: 'RamUser', IdentityName: '2037164829300001', AppId: 'app-2000001', PolicyNames: 'VODAppReadOnlyAccess,Protected' }, failedPolicyNames: ['Protected'] });
  const direct = ram('DetachPolicyFromUser', { UserName: 'alice', PolicyType: 'System', PolicyName: 'AliyunVODFullAccess' });
  const refused = ram('DetachPolicyFromRole', { RoleName: 'R', PolicyType: 'System', PolicyName: 'P' });
  const failed = { ...refused, outcome: 'failed' as const };
  const group = ram('RemoveUserFromGroup', { UserName: 'alice', GroupName: 'media-devs' });
  const steps = [app1, app2, direct, failed, group];
  const run = record({ product: 'ram', action: RUN_ACTION, params: { IdentityType: 'RamUser', IdentityName: '2037164829300001', ...runStepParams([...steps.map((s) => s.requestId as string), 'GONE-REQUEST-ID']) } });

  it('plans every confirmed step in reverse order, each exactly as a single undo (only what its record confirms removed)', () => {
    const set = planUndoSet(run, [run, ...steps]);
    assert.deepEqual(set.plans.map((p) => p.action), ['AddUserToGroup', 'AttachPolicyToUser', 'AttachAppPolicyToIdentity', 'AttachAppPolicyToIdentity']);
    const reattach = set.plans.find((p) => p.revocation === 'DetachAppPolicyFromIdentity' && (p.target as { identity: { appId: string } }).identity.appId === 'app-2000001');
    assert.deepEqual((reattach?.target as { policyNames: string[] }).policyNames, ['VODAppReadOnlyAccess'], 'a policy the server failed to detach is not attached');
    assert.equal(set.profile, 'prod');
  });

  it('names why a step is left alone: its call failed, it was already undone, its record is gone, or it is another profile\'s', () => {
    const undone = { ...group, undoneBy: { requestId: 'X', time: '2025-01-01T00:00:00Z' } };
    const other = { ...direct, profile: 'staging' };
    const set = planUndoSet(run, [run, app1, app2, other, failed, undone]);
    const why = Object.fromEntries(set.steps.map((s) => [s.requestId, 'plan' in s.decision ? 'plan' : 'missing' in s.decision ? 'missing' : s.decision.refusal.why]));
    assert.deepEqual(why, {
      'GONE-REQUEST-ID': 'missing', [group.requestId as string]: 'alreadyUndone', [failed.requestId as string]: 'notSucceeded',
      [direct.requestId as string]: 'noProfile', [app2.requestId as string]: 'plan', [app1.requestId as string]: 'plan',
    });
    assert.equal(set.plans.length, 2);
  });

  it('keeps many RequestIds across several params under the field limit, in order', () => {
    const ids = Array.from({ length: 120 }, (_, i) => `0D5B4B5F-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const params = runStepParams(ids);
    assert.ok(Object.keys(params).length > 1);
    for (const v of Object.values(params)) assert.ok(v.length <= 1900);
    assert.deepEqual(runStepRequestIds({ params }), ids);
    assert.deepEqual(runStepRequestIds({ params: {} }), []);
  });
});
