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
    const signal = scans.start('p', APP, 'Marketing');
    assert.equal(scans.isRunning('p', APP), true);
    assert.equal(scans.get('p', APP)?.total, undefined, 'the directory is not read yet');
    scans.progress('p', APP, 2, 3);
    assert.deepEqual([scans.get('p', APP)?.done, scans.get('p', APP)?.total], [2, 3]);
    scans.finish('p', APP, result());
    assert.equal(scans.isRunning('p', APP), false);
    assert.equal(signal.aborted, false);
    assert.deepEqual([...(scans.get('p', APP)?.found.keys() ?? [])], ['RamUser:2037164829300001@app-2000001']);
    assert.deepEqual(changes.map((c) => c.what), ['added', 'progress', 'finished']);
    scans.progress('p', APP, 1, 3);
    assert.equal(scans.get('p', APP)?.done, 3, 'progress after the end is ignored');
  });

  it('cancel aborts only running scans of the profile (one app, or all); dismiss removes the group', () => {
    const scans = new AccessScans();
    const a = scans.start('p', APP, 'Marketing');
    const b = scans.start('p', 'app-1000000', 'Default');
    const other = scans.start('q', APP, 'Marketing');
    assert.equal(scans.cancel('p', APP), 1);
    assert.deepEqual([a.aborted, b.aborted, other.aborted], [true, false, false]);
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
    assert.equal(first.aborted, true);
    assert.equal(second.aborted, false);
    assert.equal(scans.of('p').length, 1);
  });

  it('a detached identity is marked stale, and a re-read replaces its policies (only those of the app)', () => {
    const scans = new AccessScans();
    scans.start('p', APP, 'Marketing');
    scans.finish('p', APP, result());
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
