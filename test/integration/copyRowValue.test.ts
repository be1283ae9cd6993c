// Copy Name / Copy UserId / Copy ARN / Copy Account ID on Resources rows, in a real extension host: each command
// is run on the row as its menu would run it, and the clipboard (VS Code's own, through the workbench) is read
// back. The values come from the emulator as Alibaba would give them: a UserId's login name from ListUsers, a
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

  async function copy(command: string, contextValue: RegExp, label: RegExp | string): Promise<string> {
    const row = rowOf(await profileRows(api, PROFILE), contextValue, label);
    await vscode.commands.executeCommand(`alicloudMedia.${command}`, row.element, [row.element]);
    return vscode.env.clipboard.readText();
  }

  it("copies a bucket's name, a RAM user's login name (ListUsers names a UserId) and a role's name", async () => {
    assert.equal(await copy('copyName', /^outputBucket\./, BUCKET), BUCKET);
    assert.equal(await copy('copyName', /^identity\.RamUser$/, new RegExp(`build-bot|${BUILD_BOT}`)), 'build-bot');
    assert.equal(await copy('copyName', /^identity\.RamUser$/, /alice/), 'alice');
    assert.equal(await copy('copyName', /^identity\.RamRole$/, /TranscodeRole/), 'TranscodeRole');
  });

  it("copies a RAM user's UserId, resolving a login name with GetUser", async () => {
    assert.equal(await copy('copyUserId', /^identity\.RamUser$/, /alice/), ALICE);
    assert.ok(requestsOf(emulator, 'GetUser').some((r) => r.params.UserName === 'alice'), 'no GetUser for alice reached RAM');
  });

  it("copies a role's ARN as GetRole gives it", async () => {
    const since = emulator.requests().length;
    assert.equal(await copy('copyArn', /^identity\.RamRole$/, /TranscodeRole/), roleArn(DEMO_ACCOUNT_ID, 'TranscodeRole'));
    assert.deepEqual(requestsOf(emulator, 'GetRole', since).map((r) => r.params.RoleName), ['TranscodeRole']);
  });

  it("copies the profile's account ID from GetCallerIdentity", async () => {
    assert.equal(await copy('copyAccountId', /^profile(\.storesKey)?$/, PROFILE), DEMO_ACCOUNT_ID);
  });

  it('copies nothing when GetRole fails, and says why with the code and RequestId', async () => {
    emulator.setFault('GetRole', { kind: 'error', code: 'NoPermission', status: 403, times: 3 });
    stubs = stubWindow();
    const since = emulator.requests().length;
    assert.equal(await copy('copyArn', /^identity\.RamRole$/, /TranscodeRole/), UNTOUCHED);
    const sent = requestsOf(emulator, 'GetRole', since);
    assert.ok(sent.length >= 1, 'GetRole never reached RAM');
    const error = stubs.messages.find((m) => m.severity === 'error');
    assert.ok(error, `no error notification among ${JSON.stringify(stubs.messages)}`);
    assert.match(error.message, /^Nothing copied: .*NoPermission/);
    assert.ok(error.items.includes('Copy Request ID'), `no Copy Request ID among ${JSON.stringify(error.items)}`);
  });
});
