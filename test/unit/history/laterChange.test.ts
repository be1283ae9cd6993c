import '../../support/vscode';
import { strict as assert } from 'node:assert';
import { confirmationWords as words } from '../../../src/commands/confirmationWords';
import { laterChange, overtakenIds, withLaterChange } from '../../../src/history/laterChange';
import { refusalText } from '../../../src/history/undoChecks';
import { planUndo } from '../../../src/history/undoPlan';
import type { HistoryRecord } from '../../../src/records/historyRecord';
import { detachRecord, record } from './fixtures';

const at = (minute: number) => new Date(Date.UTC(2025, 2, 1, 10, minute)).toISOString();

describe('laterChange', () => {
  const unbind = record({ time: at(0), params: { Bucket: 'media-out' } });

  it('finds a later revocation or undo of the same bucket, the newest of them', () => {
    const bind = record({ time: at(5), action: 'BindOutputBucket', params: { Bucket: 'media-out' } });
    const unbindAgain = record({ time: at(9), params: { Bucket: 'media-out' } });
    assert.equal(laterChange([unbindAgain, bind, unbind], unbind)?.id, unbindAgain.id);
    assert.equal(laterChange([bind, unbind], unbind)?.id, bind.id);
  });

  it('ignores earlier calls, other buckets, other endpoints, listings and calls that changed nothing', () => {
    const records: HistoryRecord[] = [
      record({ time: at(-5), params: { Bucket: 'media-out' } }),
      record({ time: at(5), params: { Bucket: 'other' } }),
      record({ time: at(5), params: { Bucket: 'media-out' }, endpoint: 'https://mts.cn-beijing.aliyuncs.com' }),
      record({ time: at(5), action: 'ListAllMediaBucket', params: {} }),
      record({ time: at(5), params: { Bucket: 'media-out' }, outcome: 'failed' }),
      record({ time: at(5), params: { Bucket: 'media-out' }, outcome: 'cancelled' }),
      unbind,
    ];
    assert.equal(laterChange(records, unbind), undefined);
    assert.ok('plan' in planUndo(withLaterChange(records, unbind)));
  });

  it('counts a later call whose outcome is unknown: it may have changed the target', () => {
    const unknown = record({ time: at(5), action: 'BindOutputBucket', params: { Bucket: 'media-out' }, outcome: 'unknown' });
    assert.equal(laterChange([unknown, unbind], unbind)?.id, unknown.id);
  });

  it('pairs a detach with a later attach or detach of the same identity and app sharing a policy name', () => {
    const detach = detachRecord({ time: at(0) });
    const attach = detachRecord({ time: at(3), action: 'AttachAppPolicyToIdentity', params: { ...detach.params, PolicyNames: 'Custom1' } });
    const otherPolicy = detachRecord({ time: at(4), params: { ...detach.params, PolicyNames: 'Unrelated' } });
    const otherApp = detachRecord({ time: at(4), params: { ...detach.params, AppId: 'app-2' } });
    assert.equal(laterChange([otherApp, otherPolicy, attach, detach], detach)?.id, attach.id);
    assert.equal(laterChange([otherApp, otherPolicy, detach], detach), undefined);
  });

  it('makes the undo plan refuse, saying which call overtook it', () => {
    const later = record({ time: at(7), params: { Bucket: 'media-out' } });
    const decision = planUndo(withLaterChange([later, unbind], unbind));
    assert.ok('refusal' in decision);
    assert.deepEqual(decision.refusal, { why: 'superseded', action: 'UnbindOutputBucket', time: later.time, requestId: later.requestId });
    const text = refusalText(decision.refusal, words);
    assert.ok(text.includes(later.requestId!) && text.includes('UnbindOutputBucket'), text);
  });

  it('overtakenIds marks, in one pass, exactly the records laterChange finds overtaken (the view hides their Undo)', () => {
    const id = (n: number) => `r${n}`;
    // Newest first, as the history lists them: buckets and policies, undos, failures, unknowns, equal times.
    const records: HistoryRecord[] = [
      record({ id: id(1), time: at(20), action: 'BindOutputBucket', params: { Bucket: 'media-out' }, outcome: 'failed' }),
      record({ id: id(2), time: at(15), params: { Bucket: 'other' } }),
      detachRecord({ id: id(3), time: at(12), params: { IdentityType: 'RamUser', IdentityName: 'alice', AppId: 'app-1000000', PolicyNames: 'VODAppReadOnlyAccess' } }),
      detachRecord({ id: id(4), time: at(10), action: 'AttachAppPolicyToIdentity', outcome: 'unknown' }),
      detachRecord({ id: id(5), time: at(8) }),
      record({ id: id(6), time: at(6), action: 'BindOutputBucket', params: { Bucket: 'media-out' } }),
      record({ id: id(7), time: at(6), params: { Bucket: 'media-out' } }),
      record({ id: id(8), time: at(3), params: { Bucket: 'media-out' } }),
      record({ id: id(9), time: at(1), action: 'ListAllMediaBucket', params: {} }),
    ];
    const expected = records.filter((r) => laterChange(records, r) !== undefined).map((r) => r.id);
    assert.deepEqual([...overtakenIds(records)].sort(), expected.sort());
    // The detach at 8 is overtaken by the unknown attach of the same policies, not by the detach of another one;
    // the unbind at 6 is not overtaken by the bind at the same minute; the failed bind overtakes nothing.
    assert.deepEqual(expected.sort(), [id(5), id(8)]);
  });
});
