import * as assert from 'node:assert/strict';
import { CloudError } from '../../../src/cloud';
import type { AccessScanResult, FoundAccess } from '../../../src/cloud/accessScan';
import { AccessScans } from '../../../src/profiles/accessScans';
import type { Profile } from '../../../src/settings/profileConfig';
import { partialText, scanChildren, scanDescription } from '../../../src/tree/accessScanRows';
import type { AnyResourceNode } from '../../../src/tree/nodes';

const APP = 'app-2000001';
const profile: Profile = { name: 'p', region: 'cn-shanghai', credentialSource: 'keychain', endpoints: {}, outputBuckets: [], inputBuckets: [], identities: [] };
const found = (name: string): FoundAccess => ({
  identity: { identityType: 'RamRole', identityName: name, appId: APP },
  policies: [{ appId: APP, policyName: 'VODAppFullAccess', policyType: 'System' }],
  requestId: `R-${name}`,
});
const failure = { identity: { identityType: 'RamUser' as const, identityName: '2037164829300002', appId: APP, userName: 'bob' }, error: new CloudError({ kind: 'server', code: 'InternalError', message: 'boom', httpStatus: 500, requestId: 'REQ-9', retryable: true }) };
const intern = <T extends AnyResourceNode>(n: T) => n;

function entryWith(result: Partial<AccessScanResult> | undefined, progress?: [number, number]) {
  const scans = new AccessScans();
  const run = scans.start('p', APP, 'Marketing');
  if (progress) run.progress(...progress);
  if (result) run.finish({ appId: APP, total: 1204, scanned: 1204, found: [], failures: [], directoryFailures: [], cancelled: false, seconds: 12, ...result });
  const entry = scans.get('p', APP);
  assert.ok(entry);
  return entry;
}

describe('Find Access result rows', () => {
  it('says what the scan is doing while it runs', () => {
    assert.equal(scanDescription(entryWith(undefined)), 'reading RAM users and roles…');
    assert.equal(scanDescription(entryWith(undefined, [312, 1204])), 'scanning… 312 / 1,204 identities');
    const rows = scanChildren(entryWith(undefined, [312, 1204]), profile, intern);
    assert.deepEqual(rows.map((r) => r.kind === 'message' && r.label), ['Scanning… 312 / 1,204 identities']);
  });

  it('a complete scan counts the holders; a partial one says why', () => {
    assert.equal(scanDescription(entryWith({ found: [found('A'), found('B')] })), '2 identities hold access');
    assert.equal(partialText(entryWith({ found: [found('A')] })), undefined);
    assert.equal(scanDescription(entryWith({ found: [found('A')], cancelled: true, scanned: 312 })), '1 identity holds access · partial: cancelled after 312 of 1,204');
    assert.equal(scanDescription(entryWith({ failures: [failure, failure, failure] })), '0 identities hold access · partial: 3 failed');
    const directory = entryWith({ directoryFailures: [{ action: 'ListRoles', error: failure.error }] });
    assert.equal(partialText(directory), 'partial: ListRoles failed');
  });

  it('lists the findings, then an error row per failed identity with its RequestId, then what a cancel left out', () => {
    const rows = scanChildren(entryWith({ found: [found('EditorRole')], failures: [failure], cancelled: true, scanned: 900 }), profile, intern);
    assert.equal(rows[0]?.kind, 'foundIdentity');
    const error = rows[1];
    assert.ok(error?.kind === 'message');
    assert.equal(error.label, 'RamUser bob (2037…0002): InternalError (HTTP 500) — not known, show log');
    assert.equal(error.requestId, 'REQ-9');
    assert.equal(error.tone, 'error');
    const note = rows[2];
    assert.ok(note?.kind === 'message');
    assert.equal(note.label, 'Cancelled: 304 identities not asked — run Find Access to App… again');
    assert.equal(rows.length, 3);
  });

  it('says so when nobody holds the app', () => {
    const rows = scanChildren(entryWith({}), profile, intern);
    assert.deepEqual(rows.map((r) => r.kind === 'message' && r.label), ['No RAM user or role holds policies in Marketing']);
  });
});
