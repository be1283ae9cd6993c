// Activation in a real extension host: nothing starts the extension on its own, activation itself sends nothing,
// and the first request goes out only when the Resources view renders.
//
// "Nothing runs before" is proven three ways, because no single check is sound on its own:
//  1. the manifest declares no start-up activation (no "*", no onStartupFinished; every event is one of its own
//     views, commands or its own inspector panel being restored), so VS Code has no reason to start it;
//  2. index.ts records isActive before mocha loads any test file (any file may activate the extension, so only a
//     snapshot taken before all of them means something), and it was false;
//  3. this file runs first (files load in name order) and configures a profile pointed at an emulator before
//     activating anything: the emulator receives nothing until a contributed command runs, nothing after that
//     command either, and exactly the one listing the visible view needs once the view is opened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  DEMO_ACCESS_KEY,
  EXTENSION_ID,
  assertAcceptedAndSigned,
  clearCredentialEnvironment,
  emulatorProfile,
  requestsOf,
  saveCredentialEnvironment,
  setProfiles,
  startTestEmulator,
  waitFor,
  type RunningEmulator,
} from './support/harness';
import { startupSnapshot } from './support/startup';
import { demoUserId } from '../emulator/demoState';

const ALICE = demoUserId('alice');

const PROFILE = 'activation-it';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('extension activation', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  const env = saveCredentialEnvironment();

  before(async () => {
    emulator = await startTestEmulator();
    clearCredentialEnvironment();
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = DEMO_ACCESS_KEY.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = DEMO_ACCESS_KEY.accessKeySecret;
    await setProfiles([
      emulatorProfile(emulator, {
        name: PROFILE,
        credentialSource: 'environment',
        outputBuckets: ['media-output-demo'],
        identities: [{ identityType: 'RamUser', identityName: ALICE }],
      }),
    ]);
  });

  after(async () => {
    // Later files assert exact request counts: the Resources view must not be visible (and loading) behind them.
    await vscode.commands.executeCommand('workbench.view.explorer');
    await setProfiles(undefined);
    env.restore();
    await emulator?.close();
  });

  it('is installed in the extension host', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} not found`);
    assert.equal(ext.packageJSON.name, 'alicloud-media-access');
  });

  it('declares no start-up activation: only its own views, commands and restored inspector panel activate it', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      activationEvents?: string[];
      contributes: { views: Record<string, { id: string }[]>; commands: { command: string }[] };
    };
    const events = manifest.activationEvents ?? [];
    assert.ok(!events.includes('*'), 'activationEvents contains "*"');
    assert.ok(!events.includes('onStartupFinished'), 'activationEvents contains onStartupFinished');
    const views = Object.values(manifest.contributes.views).flat().map((v) => `onView:${v.id}`);
    const commands = manifest.contributes.commands.map((c) => `onCommand:${c.command}`);
    // A Request Inspector left open when the window reloaded: VS Code activates the extension to restore it.
    const panels = ['onWebviewPanel:alicloudMedia.requestInspector'];
    const allowed = new Set([...views, ...commands, ...panels]);
    assert.deepEqual(events.filter((e) => !allowed.has(e)), [], 'activation events other than its views, commands and panel');
  });

  it('was not active when the suite started, and configuring a profile does not activate it', async () => {
    const snapshot = startupSnapshot();
    assert.ok(snapshot, 'index.ts recorded no start-up snapshot');
    assert.equal(snapshot.extensionActive, false, 'the extension was already active before any test ran');
    await sleep(300);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, false, 'writing its settings activated it');
    assert.equal(emulator.stats().received, 0, 'a request was sent before activation');
  });

  it('activates on a contributed command, and activation sends nothing', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await vscode.commands.executeCommand('alicloudMedia.refresh');
    assert.equal(ext.isActive, true, 'running a contributed command did not activate the extension');
    await sleep(500);
    assert.equal(emulator.stats().received, 0, 'activation (with the view hidden) sent a request');
  });

  it('sends the first requests when its view opens: one listing for the expanded buckets, the account, the names of UserId rows, nothing for collapsed identities', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.alicloudMedia');
    const listing = await waitFor(() => requestsOf(emulator, 'ListAllMediaBucket')[0], 'the view to list the buckets', 10_000);
    assertAcceptedAndSigned(listing, DEMO_ACCESS_KEY.accessKeyId);
    await sleep(500);
    assert.equal(requestsOf(emulator, 'ListAllMediaBucket').length, 1, 'the listing is loaded once and shared by every bucket row');
    assert.equal(requestsOf(emulator, 'ListAppPoliciesForIdentity').length, 0, 'policies load only when an identity is expanded');
    // The expanded profile row names its account: one GetCallerIdentity, remembered for the key.
    await waitFor(() => requestsOf(emulator, 'GetCallerIdentity').length === 1, 'the profile row to read its account');
    // The identity rows on screen are configured by UserId: one ListUsers walk names them all.
    await waitFor(() => requestsOf(emulator, 'ListUsers').length === 1, 'the identity rows to be named');
    assert.equal(emulator.stats().received, 3);
  });

  it('registers every command it contributes', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext?.isActive, 'extension is not active');
    const contributed = ((ext.packageJSON.contributes?.commands ?? []) as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('exports its API: the call event and a read path to the Resources rows', async () => {
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)?.activate()) as Record<string, unknown> | undefined;
    assert.equal(typeof (api?.onDidRecordCall as unknown), 'function');
    const resources = api?.resources as { getChildren?: unknown; getTreeItem?: unknown } | undefined;
    assert.equal(typeof resources?.getChildren, 'function');
    assert.equal(typeof resources?.getTreeItem, 'function');
  });
});
