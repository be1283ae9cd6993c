// The operation registry: every revocation the core describes has its reversal, its command and its undo twin; the
// twins' actions are paced; planning, the undo modal's first line and caveat, and the undo run are found by action.
import '../../support/vscode';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACTION_QPS, DEFAULT_QPS, qpsFor } from '../../../src/cloud/quotas';
import { CLOUD_OPERATIONS, cloudOperation, isRevocation, type OperationAction, type RevocationAction } from '../../../src/cloud/operations';
import { undoConfirmation } from '../../../src/commands/confirmation';
import { confirmationWords } from '../../../src/commands/confirmationWords';
import { REVOCATIONS } from '../../../src/commands/mutations/operations';
import { REVERSALS } from '../../../src/history/reversals';
import { planUndo, type UndoPlan } from '../../../src/history/undoPlan';
import { useBundle } from '../../support/vscode';
import { detachRecord, record } from '../history/fixtures';

const ACTIONS = Object.keys(CLOUD_OPERATIONS) as OperationAction[];
const REVOCATION_ACTIONS = ACTIONS.filter(isRevocation);

/** The undo modal's first line and caveat, as the registry words them for the plan's revocation. */
const undoText = (plan: UndoPlan) => REVOCATIONS[plan.revocation].undoText(plan);
const describeUndo = (plan: UndoPlan) => undoText(plan).what;
const undoCaveat = (plan: UndoPlan) => undoText(plan).caveat;

function planOf(decision: ReturnType<typeof planUndo>): UndoPlan {
  assert.ok('plan' in decision, JSON.stringify(decision));
  return decision.plan;
}

const inputUnbind = (before?: Record<string, string>) =>
  record({ action: 'UnbindInputBucket', target: 'media-input-uploads', params: { Bucket: 'media-input-uploads' }, ...(before ? { before } : {}) });

describe('operation registry', () => {
  it('knows the six revocations, each with an undo twin that is itself a described operation of its product', () => {
    assert.deepEqual(REVOCATION_ACTIONS.sort(), ['DetachAppPolicyFromIdentity', 'DetachPolicyFromRole', 'DetachPolicyFromUser', 'RemoveUserFromGroup', 'UnbindInputBucket', 'UnbindOutputBucket']);
    for (const action of REVOCATION_ACTIONS) {
      const twin = cloudOperation(CLOUD_OPERATIONS[action].undoneBy);
      assert.ok(twin, `${action}'s undo is described`);
      assert.equal(twin.product, CLOUD_OPERATIONS[action].product, `${action}'s undo goes to the same product`);
      assert.equal(twin.undoneBy, undefined, 'an undo is not itself undone');
    }
  });

  it('has a command and an undo twin for every revocation, agreeing with the core descriptor by action and product', () => {
    for (const action of REVOCATION_ACTIONS) {
      const entry = REVOCATIONS[action];
      assert.equal(entry.action, action);
      assert.deepEqual([entry.mutations.revocation.action, entry.mutations.revocation.product], [action, CLOUD_OPERATIONS[action].product]);
      assert.deepEqual([entry.mutations.undo.action, entry.mutations.undo.product], [CLOUD_OPERATIONS[action].undoneBy, CLOUD_OPERATIONS[action].product]);
      assert.equal(typeof REVERSALS[action].plan, 'function', `${action} has a reversal`);
    }
    assert.deepEqual(Object.keys(REVOCATIONS).sort(), [...REVOCATION_ACTIONS].sort(), 'no entry for an action the core does not describe');
  });

  it('paces every described action, twins included, at its own rate rather than the cautious default', () => {
    for (const action of ACTIONS) {
      assert.ok(Object.prototype.hasOwnProperty.call(ACTION_QPS, action), `${action} has a quota`);
      assert.equal(qpsFor(action), CLOUD_OPERATIONS[action].qps);
    }
    assert.deepEqual([qpsFor('UnbindInputBucket'), qpsFor('BindInputBucket')], [100, 100]);
    assert.ok(CLOUD_OPERATIONS.UnbindInputBucket.documentedQps && !CLOUD_OPERATIONS.DetachAppPolicyFromIdentity.documentedQps);
    assert.equal(qpsFor('NotAnAction'), DEFAULT_QPS);
  });

  it('plans each revocation\'s undo from its record, naming the revocation and the twin', () => {
    const plans: Record<RevocationAction, UndoPlan> = {
      UnbindOutputBucket: planOf(planUndo(record({ params: { Bucket: 'media-out' } }))),
      UnbindInputBucket: planOf(planUndo(inputUnbind({ Referer: 'https://uploads.example.com' }))),
      DetachAppPolicyFromIdentity: planOf(planUndo(detachRecord())),
      DetachPolicyFromUser: planOf(planUndo(record({ product: 'ram', action: 'DetachPolicyFromUser', target: 'alice', params: { UserName: 'alice', PolicyType: 'System', PolicyName: 'AliyunVODFullAccess' } }))),
      DetachPolicyFromRole: planOf(planUndo(record({ product: 'ram', action: 'DetachPolicyFromRole', target: 'TranscodeRole', params: { RoleName: 'TranscodeRole', PolicyType: 'Custom', PolicyName: 'jobs' } }))),
      RemoveUserFromGroup: planOf(planUndo(record({ product: 'ram', action: 'RemoveUserFromGroup', target: 'alice', params: { UserName: 'alice', GroupName: 'media-devs' } }))),
    };
    assert.deepEqual(plans.DetachPolicyFromUser.target, { UserName: 'alice', PolicyType: 'System', PolicyName: 'AliyunVODFullAccess' });
    assert.deepEqual(plans.DetachPolicyFromRole.target, { RoleName: 'TranscodeRole', PolicyType: 'Custom', PolicyName: 'jobs' });
    assert.deepEqual(plans.RemoveUserFromGroup.target, { UserName: 'alice', GroupName: 'media-devs' });
    assert.deepEqual(plans.UnbindOutputBucket.target, { bucket: 'media-out' });
    assert.deepEqual(plans.UnbindInputBucket.target, { bucket: 'media-input-uploads', referer: 'https://uploads.example.com' });
    assert.deepEqual(plans.DetachAppPolicyFromIdentity.target, {
      identity: { identityType: 'RamUser', identityName: 'alice', appId: 'app-1000000' },
      policyNames: ['VODAppFullAccess', 'Custom1'],
    });
    for (const action of REVOCATION_ACTIONS) {
      assert.deepEqual([plans[action].revocation, plans[action].action], [action, CLOUD_OPERATIONS[action].undoneBy]);
    }
  });

  it('plans an input bucket\'s undo without a Referer when none was read, and refuses one without a bucket', () => {
    assert.deepEqual(planOf(planUndo(inputUnbind())).target, { bucket: 'media-input-uploads' });
    assert.deepEqual(planOf(planUndo(inputUnbind({ Referer: '' }))).target, { bucket: 'media-input-uploads', referer: '' });
    assert.deepEqual(planUndo(record({ action: 'UnbindInputBucket', params: {} })), { refusal: { why: 'noBucket' } });
  });

  it('refuses undos, binds and actions of the wrong product: only a described revocation of its own product is undone', () => {
    for (const action of ['BindInputBucket', 'BindOutputBucket', 'AttachAppPolicyToIdentity', 'ListAllMediaBucket']) {
      assert.deepEqual(planUndo(record({ action })), { refusal: { why: 'notRevocation', action } });
    }
    assert.deepEqual(planUndo(record({ action: 'UnbindInputBucket', product: 'vod' })), { refusal: { why: 'notRevocation', action: 'UnbindInputBucket' } });
  });

  it('words each operation\'s undo: what comes back and what cannot', () => {
    const output = planOf(planUndo(record({ params: { Bucket: 'media-out' } })));
    assert.equal(describeUndo(output), 'Bind output bucket media-out again.');
    assert.match(undoCaveat(output), /BindOutputBucket takes only the bucket name: a Referer .* not restored/);

    const withReferer = planOf(planUndo(inputUnbind({ Referer: 'https://uploads.example.com' })));
    assert.equal(describeUndo(withReferer), 'Bind input bucket media-input-uploads again with Referer https://uploads.example.com.');
    assert.match(undoCaveat(withReferer), /Referer is given back .* A RoleArn .* is not restored/);

    const noReferer = planOf(planUndo(inputUnbind({ Referer: '' })));
    assert.equal(describeUndo(noReferer), 'Bind input bucket media-input-uploads again.');
    assert.match(undoCaveat(noReferer), /RoleArn .* is not restored/);

    const unknown = planOf(planUndo(inputUnbind()));
    assert.match(undoCaveat(unknown), /Referer was not read before the unbind, so it is not restored; nor is a RoleArn/);

    const attach = planOf(planUndo(detachRecord()));
    assert.equal(describeUndo(attach), 'Attach VODAppFullAccess, Custom1 to RamUser alice in app-1000000 again.');
    assert.equal(undoCaveat(attach), 'Only the policies the detach confirmed removed are attached again.');
  });

  describe('in Chinese', () => {
    before(() => useBundle(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'))));
    after(() => useBundle(undefined));

    it('words the input bucket undo modal, keeping the bucket, Referer, action and RequestId as they are', () => {
      const unbind = inputUnbind({ Referer: 'https://uploads.example.com' });
      const plan = planOf(planUndo(unbind));
      const scope = { profile: 'prod', region: 'cn-shanghai', endpoint: 'https://mts.cn-shanghai.aliyuncs.com', account: { unknown: 'x' } };
      const c = undoConfirmation(unbind, plan, scope, confirmationWords, undoText(plan));
      assert.equal(c.message, '撤销对 media-input-uploads 的 UnbindInputBucket？');
      assert.match(c.detail, /使用 Referer https:\/\/uploads\.example\.com 重新绑定输入媒体 Bucket media-input-uploads。/);
      assert.match(c.detail, /RoleArn 不会恢复/);
      assert.match(c.detail, new RegExp(`原请求 ID：${unbind.requestId}`));
    });
  });
});
