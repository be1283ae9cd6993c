// RAM users configured by UserId, in a real extension host against the emulator: every row, the detach modal, the
// log and the record read `alice (2037…0001)`, named from one ListUsers walk per session; VOD is still sent the
// UserId; where RAM cannot say the name, the row keeps the UserId and its tooltip says why.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { demoState, demoUserId } from '../emulator/demoState';
import {
  DEMO_ACCESS_KEY,
  clearCredentials,
  emulatorProfile,
  extensionApi,
  requestsOf,
  setCredentials,
  setProfiles,
  startTestEmulator,
  waitFor,
  waitForLog,
  type ExtensionApi,
  type RunningEmulator,
} from './support/harness';
import { resourceRows } from './support/treeRows';
import { stubWindow } from './support/windowStubs';

const PROFILE = 'names-it';
const ALICE = demoUserId('alice');
const BUILD_BOT = demoUserId('build-bot');

describe('RAM users configured by UserId are shown with their names', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let api: ExtensionApi;

  const { rowsOf, row } = resourceRows(() => api);
  const identityGroup = async () => row((await row(undefined, PROFILE)).element, 'VOD Identities');
  const identityRows = async () => rowsOf((await identityGroup()).element);

  async function useProfile(): Promise<void> {
    await setProfiles([
      emulatorProfile(emulator, {
        name: PROFILE,
        identities: [
          { identityType: 'RamUser', identityName: ALICE },
          { identityType: 'RamUser', identityName: BUILD_BOT },
          { identityType: 'RamRole', identityName: 'TranscodeRole' },
        ],
      }),
    ]);
  }

  before(async () => {
    emulator = await startTestEmulator();
    api = await extensionApi();
    await useProfile();
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
  });

  after(async () => {
    await clearCredentials(PROFILE);
    await setProfiles(undefined);
    await emulator?.close();
  });

  it('every identity row reads the user name with a short UserId, from one ListUsers walk', async () => {
    const labels = await waitFor(async () => {
      const shown = (await identityRows()).map((r) => r.label);
      return shown[0] === 'RamUser alice (2037…0001)' ? shown : undefined;
    }, 'named rows');
    assert.deepEqual(labels, ['RamUser alice (2037…0001)', `RamUser build-bot (2037…${BUILD_BOT.slice(-4)})`, 'RamRole TranscodeRole']);
    const alice = (await identityRows())[0]!;
    assert.match(alice.tooltip, new RegExp(`UserId: ${ALICE}`));
    assert.match(alice.tooltip, /Display name: Alice Chen/);
    await rowsOf(alice.element);
    await identityRows();
    assert.equal(requestsOf(emulator, 'ListUsers').length, 1, 'one walk names every row, however often they render');
    assert.equal(requestsOf(emulator, 'GetUser').length, 0, 'GetUser takes names, never UserIds');
    assert.deepEqual(requestsOf(emulator, 'ListAppPoliciesForIdentity').map((r) => r.params.IdentityName), [ALICE]);
  });

  it('the detach modal, the log and the record name the user; VOD is sent the UserId', async () => {
    const records: { action: string; target: string; requestId?: string }[] = [];
    const subscription = (api.onDidRecordCall as unknown as vscode.Event<(typeof records)[number]>)((r) => records.push(r));
    const stubs = stubWindow();
    try {
      const alice = (await identityRows())[0]!;
      const policy = await row(alice.element, 'VODAppFullAccess');
      await vscode.commands.executeCommand('alicloudMedia.detachAppPolicy', policy.element);
      const modal = stubs.messages.find((m) => m.modal);
      assert.ok(modal, 'no confirmation was shown');
      assert.match(`${modal.message}\n${modal.detail ?? ''}`, /RamUser alice \(2037…0001\)/);
      const sent = requestsOf(emulator, 'DetachAppPolicyFromIdentity');
      assert.deepEqual(sent.map((r) => r.params.IdentityName), [ALICE]);
      const record = await waitFor(() => records.find((r) => r.action === 'DetachAppPolicyFromIdentity'), 'the detach record');
      assert.equal(record.target, 'RamUser alice (2037…0001) in app-1000000');
      await waitForLog(['DetachAppPolicyFromIdentity RamUser alice (2037…0001) in app-1000000']);
    } finally {
      stubs.restore();
      subscription.dispose();
    }
  });

  it('ListUsers refused: the rows keep their UserIds and the tooltip says why; VOD is asked the same', async () => {
    emulator.setFault('ListUsers', { kind: 'error', code: 'Forbidden.RAM', status: 403 });
    try {
      await vscode.commands.executeCommand('alicloudMedia.refresh');
      const alice = await waitFor(async () => {
        const first = (await identityRows())[0];
        return first && /ram:ListUsers/.test(first.tooltip) ? first : undefined;
      }, 'the reason in the tooltip');
      assert.equal(alice.label, `RamUser ${ALICE}`);
      assert.match(alice.tooltip, /Name unknown: the AccessKey may not call ram:ListUsers \(Forbidden\.RAM\)\./);
      const listedBefore = requestsOf(emulator, 'ListAppPoliciesForIdentity').length;
      const policies = await rowsOf(alice.element);
      assert.ok(policies.length > 0);
      const listed = requestsOf(emulator, 'ListAppPoliciesForIdentity').slice(listedBefore);
      assert.deepEqual(listed.map((r) => r.params.IdentityName), [ALICE]);
    } finally {
      emulator.clearFaults();
      await vscode.commands.executeCommand('alicloudMedia.refresh');
    }
  });

  it('5,000 users: the rows are named from five ListUsers pages', async () => {
    const state = demoState();
    const account = state.accounts![0]!;
    account.users = [
      ...account.users,
      ...Array.from({ length: 5000 - account.users.length }, (_, i) => ({ userId: String(2037164829600000 + i), userName: `bulk-${i}`, displayName: `Bulk ${i}` })),
    ];
    emulator.state.replace(state);
    const before = requestsOf(emulator, 'ListUsers').length;
    await vscode.commands.executeCommand('alicloudMedia.refresh');
    await waitFor(async () => ((await identityRows())[0]?.label === 'RamUser alice (2037…0001)' ? true : undefined), 'named rows');
    assert.equal(requestsOf(emulator, 'ListUsers').length - before, 5);
  });
});
