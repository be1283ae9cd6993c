// RAM users configured by name, in a real extension host against the emulator: VOD must only ever see UserIds.
// The tree, a detach and its undo each resolve the name with RAM GetUser (once per session) and send the UserId;
// a name RAM does not know gives one error row and no VOD call; the profile names its account (STS) and every
// record carries it; Use RAM User IDs in Settings… writes the ids into the settings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEMO_ACCOUNT_ID, DEMO_PARTNER_ACCOUNT_ID, demoUserId } from '../emulator/demoState';
import {
  DEMO_ACCESS_KEY,
  clearCredentials,
  detach,
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

const PROFILE = 'ids-it';
const ALICE = demoUserId('alice');
/** A RAM user of the partner account (demo-state.json), to stand behind the demo key in one test. */
const PARTNER_USER_ID = '2159203664800001';
const VOD_IDENTITY_ACTIONS = ['ListAppPoliciesForIdentity', 'DetachAppPolicyFromIdentity', 'AttachAppPolicyToIdentity'];

interface RecordSeen {
  id: string;
  action: string;
  target: string;
  account?: string;
  requestId?: string;
}

describe('RAM identities: names resolved to UserIds, the account named', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let api: ExtensionApi;
  const records: RecordSeen[] = [];
  let subscription: vscode.Disposable | undefined;

  const { rowsOf, row } = resourceRows(() => api);

  const profileRow = () => row(undefined, PROFILE);
  const identityRows = async () => rowsOf((await row((await profileRow()).element, 'VOD Identities')).element);

  /** The IdentityName of every VOD identity call the emulator has received. */
  function vodIdentityNames(): string[] {
    return VOD_IDENTITY_ACTIONS.flatMap((a) => requestsOf(emulator, a)).map((r) => r.params.IdentityName ?? '');
  }

  before(async () => {
    emulator = await startTestEmulator();
    api = await extensionApi();
    subscription = (api.onDidRecordCall as unknown as vscode.Event<RecordSeen>)((r) => records.push(r));
    await setProfiles([
      emulatorProfile(emulator, {
        name: PROFILE,
        identities: [
          { identityType: 'RamUser', identityName: 'alice' },
          { identityType: 'RamUser', identityName: 'ghost' },
          { identityType: 'RamRole', identityName: 'TranscodeRole' },
        ],
      }),
    ]);
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
  });

  after(async () => {
    subscription?.dispose();
    await clearCredentials(PROFILE);
    await setProfiles(undefined);
    await emulator?.close();
  });

  it('the profile row shows the account STS names, asked once for the key', async () => {
    // VS Code asks for the expanded profile's children, which is when the account is read.
    await rowsOf((await profileRow()).element);
    const p = await waitFor(async () => {
      const found = await profileRow();
      return found.description.includes(DEMO_ACCOUNT_ID) ? found : undefined;
    }, 'the account on the profile row');
    assert.match(p.tooltip, new RegExp(`^Account: ${DEMO_ACCOUNT_ID} as acs:ram::${DEMO_ACCOUNT_ID}:root\n`));
    await rowsOf(p.element);
    await rowsOf((await profileRow()).element);
    assert.equal(requestsOf(emulator, 'GetCallerIdentity').length, 1, 'read once per AccessKey, not per render');
  });

  it('a user configured by name is listed by UserId, and its row then shows both', async () => {
    const before = (await identityRows()).map((r) => r.label);
    assert.deepEqual(before.slice(0, 3).map((l) => l.replace(/ \(2037…0001\)$/, '')), ['RamUser alice', 'RamUser ghost', 'RamRole TranscodeRole']);
    const alice = (await identityRows())[0];
    // Beside her app policies, the RAM grant of her group (#20), once RAM has answered.
    const policies = await waitFor(async () => {
      const rows = await rowsOf(alice?.element);
      return rows.some((r) => r.label.startsWith('RAM policy')) ? rows : undefined;
    }, 'her RAM rows');
    assert.deepEqual(policies.map((r) => r.label), ['VODAppFullAccess', 'VODCustomUploadOnly', 'RAM policy AliyunVODFullAccess — every VOD app (via group media-devs)']);

    const getUser = requestsOf(emulator, 'GetUser');
    assert.deepEqual(getUser.map((r) => r.params.UserName), ['alice']);
    const lists = requestsOf(emulator, 'ListAppPoliciesForIdentity');
    assert.equal(lists.length, 1);
    assert.equal(lists[0]?.params.IdentityName, ALICE);
    const labelled = await row((await row((await profileRow()).element, 'VOD Identities')).element, 'RamUser alice (2037…0001)');
    assert.match(labelled.tooltip, new RegExp(`UserId: ${ALICE}`));
  });

  it('a name RAM does not know gives one error row that says how to fix it, and VOD is not asked', async () => {
    const ghost = (await identityRows()).find((r) => r.label === 'RamUser ghost');
    assert.ok(ghost, 'no ghost row');
    const rows = await rowsOf(ghost.element);
    assert.equal(rows.length, 1);
    assert.match(rows[0]?.label ?? '', /^Cannot find the UserId of "ghost": EntityNotExist\.User — configure the UserId$/);
    assert.equal(rows[0]?.contextValue, 'error.withRequestId');
    assert.match(rows[0]?.tooltip ?? '', /nothing was sent to VOD.*UserId/);
    assert.ok(!vodIdentityNames().includes('ghost'), 'a VOD call named the user by its login name');
    assert.equal(requestsOf(emulator, 'ListAppPoliciesForIdentity').length, 1, 'no listing for ghost');
    await waitForLog(['Not sent: ListAppPoliciesForIdentity [profile ids-it]: EntityNotExist.User (HTTP 404): Cannot find the UserId of RAM user "ghost"', 'GetUser']);
  });

  it('a detach by name sends the UserId; its record names the account; undo re-attaches by the same UserId', async () => {
    const getUsersBefore = requestsOf(emulator, 'GetUser').length;
    const result = await detach({ profile: PROFILE, identityType: 'RamUser', identityName: 'alice', policyNames: ['VODAppFullAccess'] });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal((result as { userId?: string }).userId, ALICE);
    const sent = requestsOf(emulator, 'DetachAppPolicyFromIdentity');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.params.IdentityName, ALICE);
    assert.equal(requestsOf(emulator, 'GetUser').length, getUsersBefore, 'the session remembered alice');
    assert.ok(!emulator.state.toJSON().identities?.find((i) => i.name === ALICE && i.appId === 'app-1000000')?.policies.includes('VODAppFullAccess'));

    const record = await waitFor(() => records.find((r) => r.action === 'DetachAppPolicyFromIdentity' && r.requestId === result.requestId), 'the detach record');
    assert.equal(record.account, DEMO_ACCOUNT_ID);
    assert.equal(record.target, 'RamUser alice (2037…0001) in app-1000000');

    const undo = await vscode.commands.executeCommand<{ ok: boolean; reason?: string }>('alicloudMedia.undo', { recordId: record.id });
    assert.equal(undo.ok, true, undo.reason);
    const attach = requestsOf(emulator, 'AttachAppPolicyToIdentity');
    assert.equal(attach.length, 1);
    assert.equal(attach[0]?.params.IdentityName, ALICE);
    assert.equal(attach[0]?.params.PolicyNames, 'VODAppFullAccess');
    assert.ok(emulator.state.toJSON().identities?.find((i) => i.name === ALICE && i.appId === 'app-1000000')?.policies.includes('VODAppFullAccess'));
  });

  it('undo refuses when the key now belongs to another account, and sends nothing to VOD', async () => {
    const result = await detach({ profile: PROFILE, identityType: 'RamUser', identityName: 'alice', policyNames: ['VODAppFullAccess'] });
    assert.equal(result.ok, true, JSON.stringify(result));
    const record = await waitFor(() => records.find((r) => r.action === 'DetachAppPolicyFromIdentity' && r.requestId === result.requestId), 'the detach record');
    assert.equal(record.account, DEMO_ACCOUNT_ID);
    const original = emulator.state.toJSON();
    try {
      // The same AccessKey, now answered for by the partner account (as if the key had been moved or mixed up).
      emulator.state.replace({ ...original, principals: { ...original.principals, [DEMO_ACCESS_KEY.accessKeyId]: { accountId: DEMO_PARTNER_ACCOUNT_ID, userId: PARTNER_USER_ID } } });
      await vscode.commands.executeCommand('alicloudMedia.refresh');
      const attachesBefore = requestsOf(emulator, 'AttachAppPolicyToIdentity').length;
      const callsBefore = requestsOf(emulator, 'GetCallerIdentity').length;
      const undo = await vscode.commands.executeCommand<{ ok: boolean; reason?: string }>('alicloudMedia.undo', { recordId: record.id });
      assert.equal(undo.ok, false);
      assert.match(String(undo.reason), new RegExp(`now signs in account ${DEMO_PARTNER_ACCOUNT_ID}; the request was made in account ${DEMO_ACCOUNT_ID}`));
      assert.equal(requestsOf(emulator, 'GetCallerIdentity').length, callsBefore + 1, 'the account was read again after the refresh');
      assert.equal(requestsOf(emulator, 'AttachAppPolicyToIdentity').length, attachesBefore, 'nothing was sent to VOD');
    } finally {
      emulator.state.replace(original);
      await vscode.commands.executeCommand('alicloudMedia.refresh');
    }
    const again = await vscode.commands.executeCommand<{ ok: boolean; reason?: string }>('alicloudMedia.undo', { recordId: record.id });
    assert.equal(again.ok, true, again.reason);
  });

  it('a detach for a name RAM does not know is refused with RAM\'s code and sends nothing to VOD', async () => {
    const detachesBefore = requestsOf(emulator, 'DetachAppPolicyFromIdentity').length;
    const result = await detach({ profile: PROFILE, identityType: 'RamUser', identityName: 'ghost', policyNames: ['VODAppFullAccess'] });
    assert.equal(result.ok, false);
    assert.equal(result.error?.code, 'EntityNotExist.User');
    assert.match(result.error?.message ?? '', /UserId/);
    assert.equal(requestsOf(emulator, 'DetachAppPolicyFromIdentity').length, detachesBefore);
    await waitForLog(['Not sent: DetachAppPolicyFromIdentity [profile ids-it]: EntityNotExist.User (HTTP 404): Cannot find the UserId of RAM user "ghost"']);
  });

  it('Use RAM User IDs in Settings… writes alice\'s UserId, leaves ghost and the role, and says why', async () => {
    const result = await vscode.commands.executeCommand<{ ok: boolean; rewritten: { userName: string; userId: string }[]; unresolved: { userName: string; code: string }[] }>(
      'alicloudMedia.rewriteIdentityIds',
      { profile: PROFILE },
    );
    assert.deepEqual(result.rewritten, [{ userName: 'alice', userId: ALICE }]);
    assert.deepEqual(result.unresolved.map((u) => [u.userName, u.code]), [['ghost', 'EntityNotExist.User']]);
    assert.equal(result.ok, false, 'not every name could be rewritten');
    const written = vscode.workspace.getConfiguration('alicloudMedia').get<{ name: string; identities: { identityType: string; identityName: string }[] }[]>('profiles');
    assert.deepEqual(written?.find((p) => p.name === PROFILE)?.identities.map((i) => [i.identityType, i.identityName]), [
      ['RamUser', ALICE],
      ['RamUser', 'ghost'],
      ['RamRole', 'TranscodeRole'],
    ]);
    // Configured by UserId now: named from the account's user list, which only such rows show in their tooltip.
    await waitFor(async () => (await identityRows()).some((r) => r.label === 'RamUser alice (2037…0001)' && /Display name: Alice Chen/.test(r.tooltip)), 'the row to follow the settings');
  });

  it('no VOD call of this suite named a RAM user by its login name', () => {
    const names = vodIdentityNames();
    assert.ok(names.length >= 3, `too few VOD identity calls to judge (${names.length})`);
    for (const name of names) assert.ok(name === 'TranscodeRole' || /^\d+$/.test(name), `VOD received IdentityName "${name}"`);
  });
});
