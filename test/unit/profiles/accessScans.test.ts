import * as assert from 'node:assert/strict';
import type { AccessScanResult, FoundAccess } from '../../../src/cloud/accessScan';
import { AccessScans, scanProgressText, type AccessScanChange } from '../../../src/profiles/accessScans';

const APP = 'app-2000001';
const alice: FoundAccess = {
  identity: { identityType: 'RamUser', identityName: '2037164829300001', appId: APP, userName: 'alice' },
  policies: [{ appId: APP, policyName: 'VODAppFullAccess', policyType: 'System' }],
  requestId: 'R-1',
};

function result(over: Partial<AccessScanResult> = {}): AccessScanResult {
  return { appId: APP, total: 3, scanned: 3, found: [alice], failures: [], directoryFailures: [], cancelled: false, seconds: 0.1, ...over };
}

describe('AccessScans', () => {
  it('follows a scan from start through progress to its result, and tells listeners', () => {
    const scans = new AccessScans();
    const changes: AccessScanChange[] = [];
    scans.onDidChange((c) => changes.push(c));
    const run = scans.start('p', APP, 'Marketing');
    assert.equal(scans.isRunning('p', APP), true);
    assert.equal(scans.get('p', APP)?.total, undefined, 'the directory is not read yet');
    run.progress(2, 3);
    assert.deepEqual([scans.get('p', APP)?.done, scans.get('p', APP)?.total], [2, 3]);
    assert.equal(run.finish(result()), true);
    assert.equal(scans.isRunning('p', APP), false);
    assert.equal(run.signal.aborted, false);
    assert.deepEqual([...(scans.get('p', APP)?.found.keys() ?? [])], ['RamUser:2037164829300001@app-2000001']);
    assert.deepEqual(changes.map((c) => c.what), ['added', 'progress', 'finished']);
    run.progress(1, 3);
    assert.equal(scans.get('p', APP)?.done, 3, 'progress after the end is ignored');
    assert.equal(run.finish(result({ scanned: 1 })), false, 'a second result is ignored');
    assert.equal(scans.get('p', APP)?.result?.scanned, 3);
  });

  it('cancel aborts only running scans of the profile (one app, or all); dismiss removes the group', () => {
    const scans = new AccessScans();
    const a = scans.start('p', APP, 'Marketing');
    const b = scans.start('p', 'app-1000000', 'Default');
    const other = scans.start('q', APP, 'Marketing');
    assert.equal(scans.cancel('p', APP), 1);
    assert.deepEqual([a.signal.aborted, b.signal.aborted, other.signal.aborted], [true, false, false]);
    assert.equal(scans.cancel('p', APP), 0, 'already cancelled');
    assert.equal(scans.cancel(undefined), 2);
    assert.equal(scans.dismiss('p', APP), true);
    assert.equal(scans.get('p', APP), undefined);
    assert.deepEqual(scans.of('p').map((e) => e.appId), ['app-1000000']);
    assert.equal(scans.dismiss('p', APP), false);
  });

  it('a new scan of the same app replaces the old result and cancels a running one', () => {
    const scans = new AccessScans();
    const first = scans.start('p', APP, 'Marketing');
    const second = scans.start('p', APP, 'Marketing');
    assert.equal(first.signal.aborted, true);
    assert.equal(second.signal.aborted, false);
    assert.equal(scans.of('p').length, 1);
  });

  it("Dismiss and an immediate rescan: the first scan's late progress and result never land in the second's group", () => {
    const scans = new AccessScans();
    const changes: AccessScanChange[] = [];
    scans.onDidChange((c) => changes.push(c));
    const first = scans.start('p', APP, 'Marketing');
    first.progress(1, 3);
    assert.equal(scans.dismiss('p', APP), true);
    assert.equal(first.signal.aborted, true, 'Dismiss cancels the running scan');
    const second = scans.start('p', APP, 'Marketing');
    changes.length = 0;

    // The first scan's calls in flight settle after the rescan started: they are dropped.
    first.progress(2, 3);
    assert.equal(first.finish(result({ found: [alice], cancelled: true, scanned: 2 })), false, "the dismissed scan's result is dropped");
    const entry = scans.get('p', APP);
    assert.equal(entry?.result, undefined, "the second scan's group shows no result before its own");
    assert.deepEqual([entry?.done, entry?.total, entry?.found.size], [0, undefined, 0]);
    assert.equal(scans.isRunning('p', APP), true);
    assert.equal(changes.length, 0, 'nothing was announced for the dropped reports');

    // The second scan's own reports land.
    second.progress(1, 2);
    assert.equal(second.finish(result({ found: [], total: 2, scanned: 2 })), true);
    assert.deepEqual([scans.get('p', APP)?.result?.total, scans.get('p', APP)?.found.size], [2, 0]);
    assert.deepEqual(changes.map((c) => c.what), ['progress', 'finished']);
  });

  it('a replaced scan cannot overwrite its successor, and a dismissed one cannot bring its group back', () => {
    const scans = new AccessScans();
    const first = scans.start('p', APP, 'Marketing');
    const second = scans.start('p', APP, 'Marketing');
    assert.equal(second.finish(result({ total: 5, scanned: 5 })), true);
    assert.equal(first.finish(result({ total: 1, scanned: 1 })), false);
    assert.equal(scans.get('p', APP)?.result?.total, 5);

    const lone = scans.start('q', APP, 'Marketing');
    scans.dismiss('q', APP);
    lone.progress(1, 1);
    assert.equal(lone.finish(result()), false);
    assert.equal(scans.get('q', APP), undefined, 'the dismissed group stays gone');
    assert.equal(scans.isRunning('q', APP), false);
  });

  it('a detached identity is marked stale, and a re-read replaces its policies (only those of the app)', () => {
    const scans = new AccessScans();
    scans.start('p', APP, 'Marketing').finish(result());
    const key = 'RamUser:2037164829300001@app-2000001';
    assert.equal(scans.markStale('p', { identityType: 'RamUser', identityName: 'bob', appId: APP }), false, 'not found: nothing to mark');
    assert.equal(scans.markStale('p', alice.identity), true);
    assert.ok(scans.get('p', APP)?.stale.has(key));
    scans.updatePolicies('p', APP, key, [{ appId: 'app-1000000', policyName: 'VODAppReadOnlyAccess', policyType: 'System' }], 'R-2');
    const entry = scans.get('p', APP);
    assert.equal(entry?.stale.has(key), false);
    assert.deepEqual(entry?.found.get(key)?.policies, []);
    assert.equal(entry?.found.get(key)?.requestId, 'R-2');
  });

  it('drops the scans of profiles no longer configured', () => {
    const scans = new AccessScans();
    scans.start('gone', APP, 'Marketing');
    scans.start('kept', APP, 'Marketing');
    scans.retainProfiles(['kept']);
    assert.deepEqual([scans.of('gone').length, scans.of('kept').length], [0, 1]);
  });

  it('a listener that throws does not break the scan', () => {
    const scans = new AccessScans();
    scans.onDidChange(() => {
      throw new Error('boom');
    });
    assert.doesNotThrow(() => scans.start('p', APP, 'Marketing'));
  });

  it('spells progress with thousands separators', () => {
    assert.equal(scanProgressText(312, 1204), '312 / 1,204 identities');
  });
});
