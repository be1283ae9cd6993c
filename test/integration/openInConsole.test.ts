// Open in Console in a real extension host: each Resources row opens its page in Alibaba Cloud's console. A RAM
// user configured by login name is resolved to its UserId with RAM GetUser (at the emulator) first, because the
// console's user page takes the UserId. vscode.env.openExternal is replaced (support/windowStubs.ts): offline, and
// it would open a browser; the URL it is handed is what is checked.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  DEMO_ACCESS_KEY,
  clearCredentials,
  emulatorProfile,
  extensionApi,
  requestsOf,
  setCredentials,
  setProfiles,
  startTestEmulator,
  type ExtensionApi,
  type RunningEmulator,
} from './support/harness';
import { profileRows, rowOf } from './support/treeRows';
import { stubWindow, type WindowStubs } from './support/windowStubs';
import { demoUserId } from '../emulator/demoState';

const PROFILE = 'console-it';
const ALICE = demoUserId('alice');
const BUILD_BOT = demoUserId('build-bot');

describe('open in console', function () {
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
        outputBuckets: ['media-output-demo'],
        identities: [
          { identityType: 'RamUser', identityName: 'alice' },
          { identityType: 'RamUser', identityName: BUILD_BOT },
          { identityType: 'RamRole', identityName: 'TranscodeRole' },
        ],
      }),
    ]);
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
  });

  afterEach(() => stubs?.restore());

  after(async () => {
    await clearCredentials(PROFILE);
    await setProfiles(undefined);
    await emulator?.close();
  });

  async function openRow(contextValue: RegExp, label: RegExp | string): Promise<string[]> {
    const row = rowOf(await profileRows(api, PROFILE), contextValue, label);
    stubs = stubWindow({ pick: (labels) => labels.find((l) => l.startsWith('VOD')) });
    await vscode.commands.executeCommand('alicloudMedia.openInConsole', row.element);
    return stubs.opened;
  }

  it('a RAM user configured by name opens its RAM page by the UserId GetUser returned', async () => {
    const opened = await openRow(/^identity$/, /alice/);
    assert.deepEqual(opened, [`https://ram.console.aliyun.com/users/detail?userId=${ALICE}`]);
    assert.ok(requestsOf(emulator, 'GetUser').some((r) => r.params.UserName === 'alice'), 'no GetUser for alice reached RAM');
  });

  it('a RAM user configured by UserId (its row named or not yet) and a role open their pages without a lookup', async () => {
    const since = emulator.requests().length;
    assert.deepEqual(await openRow(/^identity$/, new RegExp(`build-bot|${BUILD_BOT}`)), [`https://ram.console.aliyun.com/users/detail?userId=${BUILD_BOT}`]);
    assert.deepEqual(await openRow(/^identity$/, /TranscodeRole/), ['https://ram.console.aliyun.com/roles/detail?roleName=TranscodeRole']);
    assert.deepEqual(requestsOf(emulator, 'GetUser', since), []);
  });

  it('bucket rows open the MPS console, and the profile row the console picked, in the profile region', async () => {
    assert.deepEqual(await openRow(/^outputBucket\./, 'media-output-demo'), ['https://mps.console.aliyun.com/overview?regionId=cn-shanghai']);
    assert.deepEqual(await openRow(/^bucketGroup$/, 'MPS Output Buckets'), ['https://mps.console.aliyun.com/overview?regionId=cn-shanghai']);
    assert.deepEqual(await openRow(/^profile(\.storesKey)?$/, PROFILE), ['https://vod.console.aliyun.com/?regionId=cn-shanghai#/overview']);
  });

  it('callers get the URL; an unknown RAM user is an error with RAM\'s code, and nothing is opened', async () => {
    stubs = stubWindow();
    const opened = await vscode.commands.executeCommand<{ ok: boolean; url?: string }>('alicloudMedia.openInConsole', { profile: PROFILE, page: 'mps' });
    assert.deepEqual(opened, { ok: true, url: 'https://mps.console.aliyun.com/overview?regionId=cn-shanghai' });
    const missing = await vscode.commands.executeCommand<{ ok: boolean; error?: { code: string } }>('alicloudMedia.openInConsole', {
      profile: PROFILE,
      identityType: 'RamUser',
      identityName: 'nobody-here',
    });
    assert.equal(missing.ok, false);
    assert.equal(missing.error?.code, 'EntityNotExist.User');
    const bad = await vscode.commands.executeCommand<{ ok: boolean }>('alicloudMedia.openInConsole', { profile: PROFILE });
    assert.equal(bad.ok, false);
    assert.deepEqual(stubs.opened, ['https://mps.console.aliyun.com/overview?regionId=cn-shanghai']);
  });
});

// An international account cannot sign in to the China site's console: a profile with `site: "international"`
// opens every page under console.alibabacloud.com, from its rows and for callers alike.
describe('open in console: a profile on the international site', function () {
  this.timeout(30_000);
  const INTL = 'console-intl-it';
  let emulator: RunningEmulator;
  let api: ExtensionApi;
  let stubs: WindowStubs | undefined;

  before(async () => {
    emulator = await startTestEmulator();
    api = await extensionApi();
    await setProfiles([
      emulatorProfile(emulator, {
        name: INTL,
        site: 'international',
        outputBuckets: ['media-output-demo'],
        identities: [
          { identityType: 'RamUser', identityName: 'alice' },
          { identityType: 'RamRole', identityName: 'TranscodeRole' },
        ],
      }),
    ]);
    assert.deepEqual(await setCredentials(INTL, DEMO_ACCESS_KEY), { ok: true });
  });

  afterEach(() => stubs?.restore());

  after(async () => {
    await clearCredentials(INTL);
    await setProfiles(undefined);
    await emulator?.close();
  });

  async function openRow(contextValue: RegExp, label: RegExp | string, pick = 'MPS'): Promise<string[]> {
    const row = rowOf(await profileRows(api, INTL), contextValue, label);
    stubs = stubWindow({ pick: (labels) => labels.find((l) => l.startsWith(pick)) });
    await vscode.commands.executeCommand('alicloudMedia.openInConsole', row.element);
    return stubs.opened;
  }

  it('rows open the international consoles: RAM user and role pages, MPS and VOD', async () => {
    assert.deepEqual(await openRow(/^identity$/, /alice/), [`https://ram.console.alibabacloud.com/users/detail?userId=${ALICE}`]);
    assert.deepEqual(await openRow(/^identity$/, /TranscodeRole/), ['https://ram.console.alibabacloud.com/roles/detail?roleName=TranscodeRole']);
    assert.deepEqual(await openRow(/^outputBucket\./, 'media-output-demo'), ['https://mps.console.alibabacloud.com/overview?regionId=cn-shanghai']);
    assert.deepEqual(await openRow(/^profile(\.storesKey)?$/, INTL, 'VOD'), ['https://vod.console.alibabacloud.com/?regionId=cn-shanghai#/overview']);
  });

  it('callers get the international URL too', async () => {
    stubs = stubWindow();
    const opened = await vscode.commands.executeCommand<{ ok: boolean; url?: string }>('alicloudMedia.openInConsole', { profile: INTL, page: 'vod' });
    assert.deepEqual(opened, { ok: true, url: 'https://vod.console.alibabacloud.com/?regionId=cn-shanghai#/overview' });
    assert.deepEqual(stubs.opened, [opened.url]);
  });

  it("the walkthrough's documentation link opens the international site's page when the profiles are international", async () => {
    stubs = stubWindow();
    await vscode.commands.executeCommand('alicloudMedia.openInConsole', 'accessKey');
    assert.deepEqual(stubs.opened, ['https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair']);
    // The link is in the walkthrough step, in every language.
    const chooseKey = (vscode.extensions.getExtension('alicloud-media-tools.alicloud-media-access')?.packageJSON as { contributes: { walkthroughs: { steps: { id: string; description: string }[] }[] } })
      .contributes.walkthroughs[0].steps.find((s) => s.id === 'chooseKey');
    assert.ok(chooseKey?.description.includes('command:alicloudMedia.openInConsole?%22accessKey%22'), chooseKey?.description);
  });
});
