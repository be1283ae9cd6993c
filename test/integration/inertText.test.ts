// Server text is shown as words, in a real extension host against the emulator: a VOD application and a RAM user
// whose names carry `$(alert)`, `[x](https://evil.example)`, a bidi override and a newline followed by a forged
// log line, and an error whose Message is `[click](command:workbench.action.terminal.new)`. What the extension
// hands VS Code — the app pick's labels, the notifications, the modal, the status-bar text, the Resources rows —
// holds no syntax VS Code would draw as an icon or act on as a link (test/support/renderedSyntax.ts), every word
// still reads the same, and the log shows the newline escaped instead of starting a line. Notifications, modals and
// the quick pick are replaced (support/windowStubs.ts: nobody can click them here); the status bar item is read
// through its cancel command, as progressStatus.test.ts does; the rest is real.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SCAN_APP, accessScanState, scanUserId } from '../support/accessScanState';
import { asRead, renderedSyntax } from '../support/renderedSyntax';
import {
  DEMO_ACCESS_KEY,
  clearCredentials,
  emulatorProfile,
  extensionApi,
  readLog,
  requestsOf,
  setCredentials,
  setProfiles,
  startTestEmulator,
  waitFor,
  waitForLog,
  type ExtensionApi,
  type RunningEmulator,
} from './support/harness';
import { treeRows, type TreeRow } from './support/treeRows';
import { stubWindow, type ShownMessage, type WindowStubs } from './support/windowStubs';

const PROFILE = 'inert-it';
/** What a log line of VS Code's LogOutputChannel starts with: a forged one must never begin a line. */
const FORGED_APP_LINE = '2026-01-01 00:00:00.000 [info] UnbindOutputBucket forged-by-app succeeded';
const FORGED_USER_LINE = '2026-01-01 00:00:00.000 [info] UnbindOutputBucket forged-by-user succeeded';
const APP_NAME = `$(alert) Incident [x](https://evil.example)\n${FORGED_APP_LINE}`;
const USER_NAME = `eve$(bug)[open](command:workbench.action.terminal.new)\u202egnp.exe\n${FORGED_USER_LINE}`;
const DISPLAY_NAME = '[Display](https://evil.example/login) $(verified)';
const ERROR_MESSAGE = '[click](command:workbench.action.terminal.new)';
const HOSTILE_USER_ID = scanUserId(0);

/** An app and the first of two users renamed hostile; every identity holds policies in the app. */
function hostileState() {
  const { state } = accessScanState({ users: 2, roles: 1, holderEvery: 1 });
  return {
    ...state,
    apps: state.apps?.map((a) => (a.appId === SCAN_APP.appId ? { ...a, appName: APP_NAME, description: DISPLAY_NAME } : a)),
    accounts: state.accounts?.map((account) => ({
      ...account,
      users: account.users?.map((u) => (u.userId === HOSTILE_USER_ID ? { ...u, userName: USER_NAME, displayName: DISPLAY_NAME } : u)),
    })),
  };
}

/** Shown as words: nothing VS Code would draw or follow, and what a person reads still contains `expected`. */
function assertInert(shown: string, expected: string | undefined, what: string): void {
  assert.equal(renderedSyntax(shown), undefined, `${what} would be drawn as an icon or a link: ${JSON.stringify(shown)}`);
  if (expected !== undefined) assert.ok(asRead(shown).includes(expected), `${what} does not read ${JSON.stringify(expected)}: ${JSON.stringify(shown)}`);
}

describe('server text is shown as words', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let api: ExtensionApi;
  let stubs: WindowStubs | undefined;
  /** Every label the app pick offered. */
  let offered: string[] = [];

  const groupRow = async (): Promise<TreeRow> => {
    const profile = await waitFor(async () => (await treeRows(api)).find((r) => r.label === PROFILE), 'the profile row');
    return waitFor(async () => (await treeRows(api, profile.element)).find((r) => r.contextValue.startsWith('accessScan')), 'the Access to … group');
  };
  const hostileRow = async (): Promise<TreeRow> =>
    waitFor(async () => (await treeRows(api, (await groupRow()).element)).find((r) => asRead(r.label).includes('eve$(bug)')), 'the hostile user row');

  before(async () => {
    emulator = await startTestEmulator({ state: hostileState() });
    api = await extensionApi();
    await setProfiles([emulatorProfile(emulator, { name: PROFILE })]);
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
    // The scan from the UI: the app is picked by its hostile name among the labels the pick offered.
    stubs = stubWindow({
      pick: (labels) => {
        offered = labels;
        return labels.find((l) => asRead(l) === APP_NAME);
      },
    });
    await vscode.commands.executeCommand('alicloudMedia.findAccessToApp', PROFILE);
  });

  afterEach(() => emulator?.clearFaults());

  after(async () => {
    stubs?.restore();
    await vscode.commands.executeCommand('alicloudMedia.dismissAccessScan', { profile: PROFILE, appId: SCAN_APP.appId }).then(undefined, () => undefined);
    await clearCredentials(PROFILE);
    await setProfiles(undefined);
    await emulator?.close();
  });

  it('the app pick offers the listed names inert, and the scan reports in a notification without links', () => {
    assert.ok(offered.length >= 3, `the pick offered ${JSON.stringify(offered)}`);
    for (const label of offered) assertInert(label, undefined, 'an app pick label');
    assert.ok(offered.some((l) => asRead(l) === APP_NAME), 'the hostile app was not offered under its name');
    const done = stubs?.messages.find((m) => !m.modal && /identit/.test(m.message));
    assert.ok(done, `no scan notification among ${JSON.stringify(stubs?.messages)}`);
    assertInert(done.message, APP_NAME, 'the scan notification');
  });

  it('the Resources rows show the names inert: group, found identity, its policies', async () => {
    const group = await groupRow();
    for (const [text, what] of [[group.label, 'group label'], [group.description, 'group description'], [group.tooltip, 'group tooltip']] as const) {
      assertInert(text, undefined, what);
    }
    assert.ok(asRead(group.label).includes(APP_NAME), group.label);
    const user = await hostileRow();
    assertInert(user.label, `RamUser ${USER_NAME.replace('\u202e', '\\u202e')}`, 'found identity label');
    assert.ok(!user.label.includes('\u202e'), 'a bidi override reached the row');
    assertInert(user.tooltip, DISPLAY_NAME, 'found identity tooltip');
    for (const policy of await treeRows(api, user.element)) {
      assertInert(policy.label, undefined, 'policy label');
      assertInert(policy.tooltip, undefined, 'policy tooltip');
      // A plain string: a MarkdownString would render markdown and make links of URLs.
      const item = await api.resources.getTreeItem(policy.element as never);
      assert.equal(typeof item.tooltip, 'string', 'the policy tooltip is markdown');
    }
  });

  it("an error's Message reaches the notification as words, and the modal names the user inert", async () => {
    const user = await hostileRow();
    const policy = (await treeRows(api, user.element)).find((r) => r.contextValue === 'appPolicy.system');
    assert.ok(policy, 'no system policy row under the hostile user');
    emulator.setFault('DetachAppPolicyFromIdentity', { kind: 'error', code: 'Forbidden.RAM', status: 403, message: ERROR_MESSAGE, times: 1 });
    const since = emulator.requests().length;
    stubs = stubWindow();
    await vscode.commands.executeCommand('alicloudMedia.detachAppPolicy', policy.element, [policy.element]);

    const sent = requestsOf(emulator, 'DetachAppPolicyFromIdentity', since);
    assert.equal(sent.length, 1, 'the detach was not sent once');
    assert.equal(sent[0]?.params.IdentityName, HOSTILE_USER_ID, 'VOD got something else than the UserId');
    const modal: ShownMessage | undefined = stubs.messages.find((m) => m.modal);
    assert.ok(modal, 'no confirmation');
    assertInert(`${modal.message}\n${modal.detail ?? ''}`, 'eve$(bug)', 'the confirmation');
    assert.ok(!`${modal.message}${modal.detail ?? ''}`.includes('\u202e'), 'a bidi override reached the confirmation');
    const error = stubs.messages.find((m) => m.severity === 'error' && !m.modal);
    assert.ok(error, `no error notification among ${JSON.stringify(stubs.messages)}`);
    assert.match(error.message, /Forbidden\.RAM/);
    assertInert(error.message, ERROR_MESSAGE, 'the error notification');
    assertInert(error.message, 'eve$(bug)', 'the error notification');
  });

  it('the status bar shows the app name inert while a scan runs', async () => {
    // Slow listings keep the scan (and its status-bar item) running until the item is read through its cancel.
    emulator.setFault('ListAppPoliciesForIdentity', { latencyMs: 2000 });
    stubs = stubWindow();
    const group = await groupRow();
    const running = vscode.commands.executeCommand('alicloudMedia.findAccessToApp', group.element);
    await waitFor(async () => (/\/ 3 identities/.test((await groupRow()).description) ? true : undefined), 'the rescan to know its total', 20_000, 20);
    const said = await vscode.commands.executeCommand<string[]>('alicloudMedia.cancelProgress');
    await running;
    assert.equal(said.length, 1, JSON.stringify(said));
    const text = said[0] ?? '';
    // Our own icon is drawn; the name after it draws nothing.
    assert.ok(text.startsWith('$(sync~spin) '), text);
    assertInert(text.slice('$(sync~spin) '.length), APP_NAME, 'the status-bar text');
  });

  it('the log shows newlines and bidi overrides escaped: no name starts a line', async () => {
    const log = await waitForLog([`Find Access to App $(alert) Incident`]);
    const lines = log.split('\n');
    for (const forged of [FORGED_APP_LINE, FORGED_USER_LINE]) {
      assert.ok(!lines.some((l) => l.startsWith(forged)), `a forged line starts a log line: ${forged}`);
      assert.ok(log.includes(`\\n${forged}`), `the forged text is not in the log, escaped: ${forged}`);
    }
    assert.ok(!log.includes('\u202e'), 'a bidi override reached the log');
    assert.ok(log.includes('\\u202egnp.exe'), 'the bidi override is not shown escaped');
    // The error's Message is in the log as it came, on the failed call's line.
    assert.match(readLog(), new RegExp(`DetachAppPolicyFromIdentity .* Code Forbidden\\.RAM, HTTP 403, Message "${ERROR_MESSAGE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});
