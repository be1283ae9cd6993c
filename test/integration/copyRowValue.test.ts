// Copy… on Resources rows, in a real extension host: the command is run on the row as its menu would run it, the
// value picked where the row offers two, and the clipboard (VS Code's own, through the workbench) is read back. The values come from the emulator as Alibaba would give them: a UserId's login name from ListUsers, a
// role's ARN from GetRole, the account from GetCallerIdentity. A failing GetRole copies nothing and says why with
// RAM's code and RequestId; notifications are replaced (support/windowStubs.ts) to read them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEMO_ACCESS_KEY, clearCredentials, emulatorProfile, extensionApi, requestsOf, setCredentials, setProfiles, startTestEmulator, type ExtensionApi, type RunningEmulator } from './support/harness';
import { profileRows, rowOf } from './support/treeRows';
import { stubWindow, type WindowStubs } from './support/windowStubs';
import { DEMO_ACCOUNT_ID, demoUserId } from '../emulator/demoState';
import { roleArn } from '../emulator/directory';

const PROFILE = 'copy-it';
const BUCKET = 'media-output-demo';
const ALICE = demoUserId('alice');
const BUILD_BOT = demoUserId('build-bot');
const UNTOUCHED = 'clipboard before the copy';

describe('copy row values', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let api: ExtensionApi;
  let stubs: WindowStubs | undefined;

  before(async () => {
    emulator = await startTestEmulator();
    api = await extensionApi();
    await setProfiles([
      emulatorProfile(emulator, {
        name: PROFILE,
        outputBuckets: [BUCKET],
        identities: [
          { identityType: 'RamUser', identityName: 'alice' },
          { identityType: 'RamUser', identityName: BUILD_BOT },
          { identityType: 'RamRole', identityName: 'TranscodeRole' },
        ],
      }),
    ]);
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
  });

  beforeEach(async () => vscode.env.clipboard.writeText(UNTOUCHED));

  afterEach(() => {
    stubs?.restore();
    emulator.clearFaults();
  });

  after(async () => {
    await clearCredentials(PROFILE);
    await setProfiles(undefined);
    await emulator?.close();
  });

  /** Copy… on the row, picking `pick` (Name, UserId, ARN) where the row offers more than one value. */
  async function copy(pick: string | undefined, contextValue: RegExp, label: RegExp | string): Promise<string> {
    const row = rowOf(await profileRows(api, PROFILE), contextValue, label);
    const offered: string[][] = [];
    stubs = stubWindow({ pick: (labels) => (offered.push(labels), labels.find((l) => l === pick)) });
    await vscode.commands.executeCommand('alicloudMedia.copy', row.element, [row.element]);
    if (pick === undefined) assert.deepEqual(offered, [], 'a row with one value copies it without asking');
    return vscode.env.clipboard.readText();
  }

  it("copies a bucket's name, a RAM user's login name (ListUsers names a UserId) and a role's name", async () => {
    assert.equal(await copy(undefined, /^outputBucket\./, BUCKET), BUCKET);
    assert.equal(await copy('Name', /^identity$/, new RegExp(`build-bot|${BUILD_BOT}`)), 'build-bot');
    assert.equal(await copy('Name', /^identity$/, /alice/), 'alice');
    assert.equal(await copy('Name', /^identity$/, /TranscodeRole/), 'TranscodeRole');
  });

  it('offers Name and UserId on a user, Name and ARN on a role', async () => {
    const offered: string[][] = [];
    for (const label of [/alice/, /TranscodeRole/]) {
      const row = rowOf(await profileRows(api, PROFILE), /^identity$/, label);
      stubs = stubWindow({ pick: (labels) => void offered.push(labels) });
      await vscode.commands.executeCommand('alicloudMedia.copy', row.element, [row.element]);
    }
    assert.deepEqual(offered, [['Name', 'UserId'], ['Name', 'ARN']]);
    assert.equal(await vscode.env.clipboard.readText(), UNTOUCHED, 'a dismissed pick copies nothing');
  });

  it("copies a RAM user's UserId, resolving a login name with GetUser", async () => {
    assert.equal(await copy('UserId', /^identity$/, /alice/), ALICE);
    assert.ok(requestsOf(emulator, 'GetUser').some((r) => r.params.UserName === 'alice'), 'no GetUser for alice reached RAM');
  });

  it("copies a role's ARN as GetRole gives it", async () => {
    const since = emulator.requests().length;
    assert.equal(await copy('ARN', /^identity$/, /TranscodeRole/), roleArn(DEMO_ACCOUNT_ID, 'TranscodeRole'));
    assert.deepEqual(requestsOf(emulator, 'GetRole', since).map((r) => r.params.RoleName), ['TranscodeRole']);
  });

  it("copies the profile's account ID from GetCallerIdentity", async () => {
    assert.equal(await copy(undefined, /^profile(\.storesKey)?$/, PROFILE), DEMO_ACCOUNT_ID);
  });

  it('copies nothing when GetRole fails, and says why with the code and RequestId', async () => {
    emulator.setFault('GetRole', { kind: 'error', code: 'NoPermission', status: 403, times: 3 });
    const since = emulator.requests().length;
    assert.equal(await copy('ARN', /^identity$/, /TranscodeRole/), UNTOUCHED);
    assert.ok(stubs);
    const sent = requestsOf(emulator, 'GetRole', since);
    assert.ok(sent.length >= 1, 'GetRole never reached RAM');
    const error = stubs.messages.find((m) => m.severity === 'error');
    assert.ok(error, `no error notification among ${JSON.stringify(stubs.messages)}`);
    assert.match(error.message, /^Nothing copied: .*NoPermission/);
    assert.ok(error.items.includes('Copy Request ID'), `no Copy Request ID among ${JSON.stringify(error.items)}`);
  });
});
