// A key that is not a VOD app administrator, in a real extension host against the emulator: VOD answers such a key
// with its own app policies whoever it names (Alibaba's ListAppPoliciesForIdentity page), so the extension must
// not show that list under anyone else, must not scan the account with it, and must not confirm a lost detach from
// it. The emulator's demo key DEMO_READONLY_KEY is RAM user analytics-ro, holding only VODAppReadOnlyAccess.
// Notifications are replaced (support/windowStubs.ts: nobody can click them here); everything else is real.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { demoUserId } from '../emulator/demoState';
import { DEMO_READONLY_KEY } from '../emulator/server';
import {
  DEMO_ACCESS_KEY,
  clearCredentials,
  detach,
  emulatorProfile,
  extensionApi,
  setCredentials,
  setProfiles,
  startTestEmulator,
  waitFor,
  waitForLog,
  type ExtensionApi,
  type ResultError,
  type RunningEmulator,
} from './support/harness';
import { resourceRows } from './support/treeRows';
import { stubWindow } from './support/windowStubs';

const PROFILE = 'readonly-it';
const ALICE = demoUserId('alice');
const ANALYTICS = demoUserId('analytics-ro');
const NOT_ADMIN = /^Not a VOD app administrator: VOD would answer with this key's own app policies, not this identity's\. Sign with an app administrator .* \(acs:ram::\d+:user\/analytics-ro: its own app policies in app-1000000 lack VODAppAdministratorAccess; ListAppPoliciesForIdentity RequestId [0-9A-F-]{36}\)$/;
/** Everything a scan, a listing or a picker would send. */
const SCAN_ACTIONS = ['ListAppInfo', 'ListUsers', 'ListRoles', 'ListAppPoliciesForIdentity', 'GetCallerIdentity', 'GetUser'];

/**
 * An identity's rows that come from VOD. RAM grant rows (their own reads, with RAM permissions, true whoever is
 * asking) sit beside them under every identity and are ramGrants.test.ts's business.
 */
const vodRowsOf = <R extends { label: string }>(rows: R[]): R[] => rows.filter((r) => !/^(RAM policy |RAM grants |Reading RAM grants)/.test(r.label));

interface FindAccessLike {
  ok: boolean;
  error?: ResultError;
}

describe('A key that is not a VOD app administrator', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let api: ExtensionApi;
  const { rowsOf, row, rowsUntil } = resourceRows(() => api);

  const identityGroup = async () => row((await row(undefined, PROFILE)).element, 'VOD Identities');
  const identityRow = async (label: RegExp) => row((await identityGroup()).element, label);
  /** The IdentityName of every ListAppPoliciesForIdentity the emulator received ('' when it named nobody). */
  const listedNames = () => emulator.requests().filter((r) => r.action === 'ListAppPoliciesForIdentity').map((r) => r.params.IdentityName ?? '');

  before(async () => {
    emulator = await startTestEmulator();
    api = await extensionApi();
    await setProfiles([
      emulatorProfile(emulator, {
        name: PROFILE,
        identities: [
          { identityType: 'RamUser', identityName: ALICE },
          { identityType: 'RamRole', identityName: 'OpsBreakGlassRole' },
          { identityType: 'RamUser', identityName: ANALYTICS, appId: 'app-2000001' },
        ],
      }),
    ]);
    assert.deepEqual(await setCredentials(PROFILE, DEMO_READONLY_KEY), { ok: true });
  });

  after(async () => {
    await clearCredentials(PROFILE);
    await setProfiles(undefined);
    await emulator?.close();
  });

  it('every other identity shows one error row saying why and what to do; the key\'s own identity is listed', async () => {
    for (const label of [/^RamUser (alice \(2037…0001\)|2037164829300001)/, /^RamRole OpsBreakGlassRole/]) {
      const rows = await rowsUntil(async () => vodRowsOf(await rowsOf((await identityRow(label)).element)), (r) => r.length > 0 && !/loading/i.test(r[0].label), `rows under ${label}`);
      assert.equal(rows.length, 1, `one row under ${label}: ${rows.map((r) => r.label).join(' | ')}`);
      assert.match(rows[0].label, NOT_ADMIN);
      assert.equal(rows[0].contextValue, 'error', 'an error row, with no RequestId of its own (nothing was sent)');
      assert.match(rows[0].tooltip, /^NotAppAdministrator: /);
    }
    const own = vodRowsOf(await rowsOf((await identityRow(/^RamUser (analytics-ro|2037164829300025)/)).element));
    assert.deepEqual(own.map((r) => r.label), ['VODAppReadOnlyAccess']);
    assert.deepEqual(listedNames().sort(), ['', ANALYTICS], 'VOD was asked only the key\'s own policies: once naming nobody (the decision), once for its own row');
    assert.equal(emulator.requests().filter((r) => r.action === 'GetCallerIdentity').length, 1, 'decided once for the key');
    await waitForLog(['ListAppPoliciesForIdentity', 'Code NotAppAdministrator']);
  });

  it('Find Access to App refuses before sending anything, with the same explanation', async () => {
    const stubs = stubWindow();
    try {
      // A Refresh forgets the caller and the decision: the scan asks the two questions the decision needs, nothing else.
      await vscode.commands.executeCommand('alicloudMedia.refresh');
      const first = emulator.requests().length;
      const result = await vscode.commands.executeCommand<FindAccessLike>('alicloudMedia.findAccessToApp', { profile: PROFILE, appId: 'app-2000001' });
      assert.equal(result.ok, false);
      assert.deepEqual([result.error?.kind, result.error?.code], ['permission', 'NotAppAdministrator']);
      assert.match(result.error?.message ?? '', NOT_ADMIN);
      const decided = emulator.requests().slice(first).filter((r) => SCAN_ACTIONS.includes(r.action ?? ''));
      assert.deepEqual(decided.map((r) => `${r.action} ${r.params.IdentityName ?? '(the caller)'}`), ['GetCallerIdentity (the caller)', 'ListAppPoliciesForIdentity (the caller)']);
      // From the UI too: refused before the application picker (which would send ListAppInfo), the decision known.
      const before = emulator.requests().length;
      await vscode.commands.executeCommand('alicloudMedia.findAccessToApp', PROFILE);
      const shown = await waitFor(async () => stubs.messages.find((m) => m.severity === 'error'), 'the error notification');
      assert.match(shown.message, /^Cannot find access in profile readonly-it: NotAppAdministrator: Not a VOD app administrator: VOD would answer/);
      const sent = emulator.requests().slice(before).filter((r) => SCAN_ACTIONS.includes(r.action ?? ''));
      assert.deepEqual(sent.map((r) => r.action), [], 'nothing was sent: the decision was already known for this key');
      await waitForLog(['Not sent: Find Access to App [profile readonly-it]: NotAppAdministrator']);
    } finally {
      stubs.restore();
    }
  });

  it("a detach whose answer was lost is not confirmed from the key's own list: the outcome stays unknown", async () => {
    emulator.setFault('DetachAppPolicyFromIdentity', { kind: 'reset-after-action', times: 1 });
    const result = await detach({ profile: PROFILE, identityType: 'RamUser', identityName: ALICE, policyNames: ['VODAppFullAccess'] });
    assert.equal(result.ok, false);
    assert.deepEqual([result.error?.kind, result.error?.code], ['unknown-outcome', 'OutcomeUnknown']);
    assert.match(result.error?.message ?? '', /reading the state back with ListAppPoliciesForIdentity failed too \(NotAppAdministrator: /);
    assert.ok(!listedNames().includes(ALICE), 'VOD was never asked about alice: its answer would have been analytics-ro\'s list');
  });

  it('a decision that could not be made is unknown, shown as such (never as an administrator); Refresh asks again', async () => {
    const alice = /^RamUser (alice \(2037…0001\)|2037164829300001)/;
    const underAlice = async () => vodRowsOf(await rowsOf((await identityRow(alice)).element));
    emulator.setFault('GetCallerIdentity', { kind: 'error', code: 'Forbidden.RAM', status: 403, times: 1 });
    await vscode.commands.executeCommand('alicloudMedia.refresh');
    const unknown = await rowsUntil(underAlice, (r) => r.length === 1 && /^Cannot tell/.test(r[0].label), 'the unknown row under alice');
    assert.match(unknown[0].label, /^Cannot tell whether this key is a VOD app administrator, so no other identity's app policies are shown: .* \(Forbidden\.RAM \(HTTP 403\): .* RequestId [0-9A-F-]{36}\)$/);
    assert.match(unknown[0].tooltip, /^AppAdministratorUnknown: /);
    assert.ok(!listedNames().includes(ALICE));
    await vscode.commands.executeCommand('alicloudMedia.refresh');
    const again = await rowsUntil(underAlice, (r) => r.length === 1 && NOT_ADMIN.test(r[0].label), 'the not-administrator row after Refresh');
    assert.equal(again.length, 1);
  });

  it('an administrator key (a credential change) lists everyone again: the decision is made anew', async () => {
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
    const rows = await rowsUntil(
      async () => vodRowsOf(await rowsOf((await identityRow(/^RamRole OpsBreakGlassRole/)).element)),
      (r) => r.some((x) => x.label === 'VODAppAdministratorAccess'),
      'OpsBreakGlassRole listed with the account key',
    );
    assert.deepEqual(rows.map((r) => r.label), ['VODAppAdministratorAccess']);
    assert.ok(listedNames().includes('OpsBreakGlassRole'));
  });
});
