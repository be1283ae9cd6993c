import '../../support/vscode';
import { strict as assert } from 'node:assert';
import { confirmationWords as words } from '../../../src/commands/confirmationWords';
import { accountRefusal, refusalText, undoRefusal } from '../../../src/history/undoChecks';
import { isUndoable, planUndo, type UndoPlan } from '../../../src/history/undoPlan';
import { detachRecord, record } from './fixtures';

function planOf(decision: ReturnType<typeof planUndo>): UndoPlan {
  assert.ok('plan' in decision, JSON.stringify(decision));
  return decision.plan;
}

describe('planUndo', () => {
  it('rebinds the bucket of a successful unbind, with the scope the unbind was sent in', () => {
    const unbind = record({ params: { Bucket: 'media-out' }, region: 'cn-beijing', profile: 'prod' });
    assert.deepEqual(planUndo(unbind), {
      plan: {
        revocation: 'UnbindOutputBucket',
        action: 'BindOutputBucket',
        profile: 'prod',
        region: 'cn-beijing',
        endpoint: 'https://mts.cn-shanghai.aliyuncs.com',
        product: 'mps',
        maskedAccessKeyId: 'LTAI****abcd',
        requestId: unbind.requestId,
        target: { bucket: 'media-out' },
      },
    });
  });

  it('reattaches only the policies the answer confirms were detached', () => {
    const plan = planOf(
      planUndo(
        detachRecord({
          params: { IdentityType: 'RamRole', IdentityName: 'editor', AppId: 'app-42', PolicyNames: 'A, B,C,D' },
          nonExistPolicyNames: ['B'],
          failedPolicyNames: ['D'],
        }),
      ),
    );
    assert.equal(plan.action, 'AttachAppPolicyToIdentity');
    assert.deepEqual(plan.target, { identity: { identityType: 'RamRole', identityName: 'editor', appId: 'app-42' }, policyNames: ['A', 'C'] });
    assert.equal(plan.product, 'vod');
  });

  it('refuses a detach whose record does not say what the answer removed', () => {
    const { nonExistPolicyNames: _n, failedPolicyNames: _f, ...withoutLists } = detachRecord();
    assert.match(why(planUndo(withoutLists)), /which policies/);
  });

  it('refuses a detach that named no application', () => {
    const decision = planUndo(detachRecord({ params: { IdentityType: 'RamUser', IdentityName: 'alice', PolicyNames: 'VODAppAdministratorAccess' } }));
    assert.match(why(decision), /application/);
  });

  it('refuses when nothing was really detached', () => {
    const decision = planUndo(detachRecord({ params: { IdentityType: 'RamUser', IdentityName: 'alice', AppId: 'app-1', PolicyNames: 'A,B' }, nonExistPolicyNames: ['A'], failedPolicyNames: ['B'] }));
    assert.ok('refusal' in decision);
  });

  it('refuses a revocation that was already undone, naming the undo', () => {
    const decision = planUndo({ ...record(), undoneBy: { requestId: 'UNDO-REQ-1', time: '2025-01-01T00:00:00Z' } });
    assert.match(why(decision), /already undone.*UNDO-REQ-1/);
  });

  it('refuses failed and cancelled calls, and records made without a profile', () => {
    assert.ok('refusal' in planUndo(record({ outcome: 'failed' })));
    assert.ok('refusal' in planUndo(detachRecord({ outcome: 'cancelled' })));
    const { profile: _p, ...noProfile } = record();
    assert.ok('refusal' in planUndo(noProfile));
  });

  it('refuses calls that are not revocations, including its own undo', () => {
    assert.ok('refusal' in planUndo(record({ action: 'BindOutputBucket' })));
    assert.ok('refusal' in planUndo(record({ product: 'vod', action: 'ListAppInfo', params: {} })));
    assert.ok('refusal' in planUndo(detachRecord({ action: 'AttachAppPolicyToIdentity' })));
  });

  it('refuses records missing what the undo needs', () => {
    assert.ok('refusal' in planUndo(record({ params: {} })));
    assert.ok('refusal' in planUndo(detachRecord({ params: { IdentityType: 'Group', IdentityName: 'x', AppId: 'app-1', PolicyNames: 'A' } })));
    assert.ok('refusal' in planUndo(detachRecord({ params: { IdentityType: 'RamUser', AppId: 'app-1', PolicyNames: 'A' } })));
  });

  it('does not mix products: an mps-looking action on vod is not undoable', () => {
    assert.equal(isUndoable(record({ product: 'vod' })), false);
    assert.equal(isUndoable(record()), true);
  });
});

/** A decision's refusal in English words. */
function why(decision: ReturnType<typeof planUndo>): string {
  assert.ok('refusal' in decision, 'expected a refusal');
  return refusalText(decision.refusal, words);
}

function text(refusal: Parameters<typeof refusalText>[0] | undefined): string {
  return refusal ? refusalText(refusal, words) : 'no refusal';
}

describe('undoRefusal', () => {
  const plan = planOf(planUndo(record()));
  const same = { region: plan.region, endpoint: plan.endpoint, maskedAccessKeyId: 'LTAI****abcd' };

  it('allows the undo only from the same region, endpoint and AccessKey', () => {
    assert.equal(undoRefusal(plan, same), undefined);
    assert.match(text(undoRefusal(plan, { ...same, region: 'cn-beijing' })), /region cn-beijing/);
    assert.match(text(undoRefusal(plan, { ...same, endpoint: 'https://mts-vpc.cn-shanghai.aliyuncs.com' })), /now sends to https:\/\/mts-vpc/);
    assert.match(text(undoRefusal(plan, { ...same, maskedAccessKeyId: 'LTAI****zzzz' })), /LTAI\*\*\*\*zzzz.*LTAI\*\*\*\*abcd/);
    assert.match(text(undoRefusal(plan, { region: same.region, endpoint: same.endpoint })), /\(none\)/);
  });
});

describe('undoRefusal for an assumed role', () => {
  const roleArn = 'acs:ram::1234567890123456:role/media-revoker';
  const plan = planOf(planUndo(record({ maskedAccessKeyId: 'STS.****abcd', credential: { source: 'keychain', roleArn, sessionName: 'vscode' } })));
  const now = { region: plan.region, endpoint: plan.endpoint, maskedAccessKeyId: 'STS.****wxyz' };

  it('allows the undo as the same role after its temporary key was renewed', () => {
    assert.equal(plan.roleArn, roleArn);
    assert.equal(undoRefusal(plan, { ...now, roleArn }), undefined);
  });

  it('refuses another role, or no role, naming both', () => {
    assert.match(text(undoRefusal(plan, { ...now, roleArn: 'acs:ram::1234567890123456:role/other' })), /as role acs:ram::1234567890123456:role\/other; the request was signed as role .*media-revoker/);
    assert.match(text(undoRefusal(plan, now)), /without a role/);
  });
});

describe('accountRefusal', () => {
  const plan = planOf(planUndo(record({ account: '1234567890123456' })));

  it('keeps the account the revocation was made in, and allows the undo there', () => {
    assert.equal(plan.account, '1234567890123456');
    assert.equal(accountRefusal(plan, { accountId: '1234567890123456' }), undefined);
  });

  it('refuses another account, and an account it cannot read, saying why', () => {
    assert.match(text(accountRefusal(plan, { accountId: '1627390481726354' })), /now signs in account 1627390481726354; the request was made in account 1234567890123456/);
    assert.match(
      text(accountRefusal(plan, { problem: 'GetCallerIdentity failed: InternalError' })),
      /Cannot confirm .* account 1234567890123456.*GetCallerIdentity failed: InternalError/,
    );
  });

  it('does not ask for an account the record never had (records from before accounts were kept)', () => {
    const old = planOf(planUndo(record()));
    assert.equal(old.account, undefined);
    assert.equal(accountRefusal(old, { accountId: '1627390481726354' }), undefined);
  });
});
