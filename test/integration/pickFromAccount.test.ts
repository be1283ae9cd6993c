// Picking from the account instead of typing, in a real extension host against the emulator, through the real
// quick picks (answered with the workbench's quick-input commands): Add Output Buckets from Account… offers only
// the account's Output buckets the profile does not list yet; Add Identity… lists RAM users (stored by UserId) or
// roles and VOD applications by name; a listing that fails says so and falls back to manual entry.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { demoUserId } from '../emulator/demoState';
import {
  DEMO_ACCESS_KEY,
  clearCredentials,
  emulatorProfile,
  extensionApi,
  requestsOf,
  setCredentials,
  setProfiles,
  startTestEmulator,
  waitForLog,
  type ExtensionApi,
  type ProfileSetting,
  type ResultError,
  type RunningEmulator,
} from './support/harness';
import { accept, closeQuickInput, isPending, nextRecord, selectNext, settle, toggleActive } from './support/quickInput';

const PROFILE = 'pick-it';
const ADD_BUCKETS = 'alicloudMedia.addOutputBucketsFromAccount';
const ADD_IDENTITY = 'alicloudMedia.addIdentity';
/** The demo state's media buckets (the emulator lists them by name): two Input, three Output. */
const INPUT_BUCKETS = ['media-input-demo', 'media-input-uploads'];
const CONFIGURED = 'media-output-demo';

interface AddBucketsResult {
  ok: boolean;
  profile?: string;
  added?: string[];
  notAdded?: { bucket: string; reason: string }[];
  error?: ResultError;
}

function configuredProfile(): ProfileSetting | undefined {
  const profiles = vscode.workspace.getConfiguration('alicloudMedia').get<ProfileSetting[]>('profiles') ?? [];
  return profiles.find((p) => p.name === PROFILE);
}

describe('Picking from the account', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let api: ExtensionApi;

  before(async () => {
    emulator = await startTestEmulator();
    api = await extensionApi();
  });

  beforeEach(async () => {
    emulator.clearFaults();
    emulator.state.appServiceOpen = true;
    await setProfiles([emulatorProfile(emulator, { name: PROFILE, outputBuckets: [CONFIGURED], identities: [] })]);
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
    // A fresh listing per test: the shared one is what the tree rendered before.
    await vscode.commands.executeCommand('alicloudMedia.refresh');
  });

  afterEach(async () => {
    await closeQuickInput();
  });

  after(async () => {
    await clearCredentials(PROFILE);
    await setProfiles(undefined);
    await emulator?.close();
  });

  describe('Add Output Buckets from Account…', () => {
    it('offers only Output buckets not yet configured, and writes the checked ones', async () => {
      const listed = nextRecord(api, 'ListAllMediaBucket');
      const done = vscode.commands.executeCommand(ADD_BUCKETS, PROFILE);
      await listed;
      await settle();
      // Candidates, in the account's order: media-output-archive, media-output-thumbs. A multi-select pick opens
      // with no active item: move to each, check it, then accept.
      await selectNext();
      await toggleActive();
      await selectNext();
      await toggleActive();
      await accept();
      assert.equal(await done, undefined);
      assert.deepEqual(configuredProfile()?.outputBuckets, [CONFIGURED, 'media-output-archive', 'media-output-thumbs']);
      for (const input of INPUT_BUCKETS) assert.ok(!configuredProfile()?.outputBuckets?.includes(input), `${input} is an Input bucket`);
      await waitForLog([`Profile ${PROFILE} now lists the output buckets media-output-archive, media-output-thumbs.`]);
    });

    it('writes only what was checked', async () => {
      const listed = nextRecord(api, 'ListAllMediaBucket');
      const done = vscode.commands.executeCommand(ADD_BUCKETS, PROFILE);
      await listed;
      await settle();
      await selectNext(2);
      await toggleActive();
      await accept();
      await done;
      assert.deepEqual(configuredProfile()?.outputBuckets, [CONFIGURED, 'media-output-thumbs']);
    });

    it('programmatic: every candidate, or the named ones with the reason for each it refused', async () => {
      const some = await vscode.commands.executeCommand<AddBucketsResult>(ADD_BUCKETS, {
        profile: PROFILE,
        buckets: ['media-output-archive', CONFIGURED, 'media-input-demo'],
      });
      assert.deepEqual(some, {
        ok: false,
        profile: PROFILE,
        added: ['media-output-archive'],
        notAdded: [
          { bucket: CONFIGURED, reason: 'already in the profile' },
          { bucket: 'media-input-demo', reason: 'not an MPS output bucket of the account' },
        ],
      });
      const rest = await vscode.commands.executeCommand<AddBucketsResult>(ADD_BUCKETS, { profile: PROFILE });
      assert.deepEqual(rest, { ok: true, profile: PROFILE, added: ['media-output-thumbs'], notAdded: [] });
      assert.deepEqual(configuredProfile()?.outputBuckets, [CONFIGURED, 'media-output-archive', 'media-output-thumbs']);

      const none = await vscode.commands.executeCommand<AddBucketsResult>(ADD_BUCKETS, { profile: PROFILE });
      assert.deepEqual(none, { ok: true, profile: PROFILE, added: [], notAdded: [] });
      const bad = await vscode.commands.executeCommand<AddBucketsResult>(ADD_BUCKETS, { profile: PROFILE, buckets: ['Not_A_Bucket'] });
      assert.equal(bad.ok, false);
      assert.equal(bad.error?.kind, 'invalid-input');
    });

    it('a failed listing: a message with the code and RequestId, nothing written, nothing offered', async () => {
      emulator.setFault('ListAllMediaBucket', { kind: 'server-error', status: 503 });
      const since = emulator.requests().length;
      const done = vscode.commands.executeCommand(ADD_BUCKETS, PROFILE);
      assert.equal(await done, undefined);
      const attempts = requestsOf(emulator, 'ListAllMediaBucket', since);
      assert.ok(attempts.length >= 1);
      const requestId = attempts.at(-1)?.requestId ?? '';
      await waitForLog([`Could not list the MPS media buckets of profile ${PROFILE}: ServiceUnavailable (HTTP 503)`, `RequestId ${requestId}`]);
      assert.deepEqual(configuredProfile()?.outputBuckets, [CONFIGURED]);

      const programmatic = await vscode.commands.executeCommand<AddBucketsResult>(ADD_BUCKETS, { profile: PROFILE });
      assert.equal(programmatic.ok, false);
      assert.equal(programmatic.error?.code, 'ServiceUnavailable');
      assert.equal(programmatic.error?.requestId, requestsOf(emulator, 'ListAllMediaBucket').at(-1)?.requestId);
    });
  });

  describe('Add Identity…', () => {
    it('a RAM user picked from ListUsers is stored by its UserId, in the VOD app picked by name', async () => {
      const done = vscode.commands.executeCommand(ADD_IDENTITY, PROFILE);
      await settle();
      const users = nextRecord(api, 'ListUsers');
      await accept(); // RamUser
      await users;
      await settle();
      const apps = nextRecord(api, 'ListAppInfo');
      await selectNext(2); // alice, analytics-ro, bob (RAM lists users by name)
      await accept();
      await apps;
      await settle();
      await selectNext(); // Default (app-1000000), Marketing (app-2000001)
      await accept();
      assert.equal(await done, undefined);
      assert.deepEqual(configuredProfile()?.identities, [{ identityType: 'RamUser', identityName: demoUserId('bob'), appId: 'app-2000001' }]);
    });

    it('a user whose UserId from ListUsers is not digits is not offered (it would be stored and resolved as a login name)', async () => {
      // As a server that is not Alibaba's could answer: alice's UserId is bob's login name.
      emulator.setFault('ListUsers', { kind: 'rewrite', rewrite: [[`"UserId":"${demoUserId('alice')}"`, '"UserId":"bob"']] });
      const done = vscode.commands.executeCommand(ADD_IDENTITY, PROFILE);
      await settle();
      const users = nextRecord(api, 'ListUsers');
      await accept(); // RamUser
      await users;
      await settle();
      const apps = nextRecord(api, 'ListAppInfo');
      await accept(); // the first user offered: analytics-ro, since alice is left out
      await apps;
      await settle();
      await accept(); // Default (app-1000000)
      assert.equal(await done, undefined);
      assert.deepEqual(configuredProfile()?.identities, [{ identityType: 'RamUser', identityName: demoUserId('analytics-ro') }]);
    });

    it('a RAM role picked from ListRoles is stored by name; the default app is left implicit', async () => {
      const done = vscode.commands.executeCommand(ADD_IDENTITY, PROFILE);
      await settle();
      const roles = nextRecord(api, 'ListRoles');
      await selectNext();
      await accept(); // RamRole
      await roles;
      await settle();
      const apps = nextRecord(api, 'ListAppInfo');
      await accept(); // AliyunMTSDefaultRole, the first by name
      await apps;
      await settle();
      await accept(); // Default
      await done;
      assert.deepEqual(configuredProfile()?.identities, [{ identityType: 'RamRole', identityName: 'AliyunMTSDefaultRole' }]);
      assert.equal(requestsOf(emulator, 'ListUsers').length > 0, true, 'the earlier test listed users');
    });

    it('RAM cannot be listed: the log says why, the name is asked for instead, nothing is written until given', async () => {
      emulator.setFault('ListUsers', { kind: 'server-error', status: 503 });
      const done = vscode.commands.executeCommand(ADD_IDENTITY, PROFILE);
      await settle();
      await accept(); // RamUser
      await waitForLog([`Add Identity: could not list the RAM users of profile ${PROFILE} (ListUsers): ServiceUnavailable (HTTP 503)`], 30_000);
      assert.equal(await isPending(done), true, 'the manual input box waits for the name');
      await closeQuickInput();
      assert.equal(await done, undefined);
      assert.deepEqual(configuredProfile()?.identities, []);
    });

    it('VOD applications cannot be listed: the app ID is asked for with the default filled in', async () => {
      emulator.state.appServiceOpen = false; // OperationDenied.NotOpenAppService for ListAppInfo
      const done = vscode.commands.executeCommand(ADD_IDENTITY, PROFILE);
      await settle();
      const users = nextRecord(api, 'ListUsers');
      await accept(); // RamUser
      await users;
      await settle();
      const apps = nextRecord(api, 'ListAppInfo');
      await accept(); // alice
      const failedApps = await apps;
      assert.equal(failedApps.outcome, 'failed');
      await waitForLog([`Add Identity: could not list the VOD applications of profile ${PROFILE} (ListAppInfo): OperationDenied.NotOpenAppService`]);
      await settle();
      await accept(); // the input box, app-1000000 filled in
      await done;
      assert.deepEqual(configuredProfile()?.identities, [{ identityType: 'RamUser', identityName: demoUserId('alice') }]);
    });

    it('"Enter manually…" is the last item of each pick and opens the input box', async () => {
      const done = vscode.commands.executeCommand(ADD_IDENTITY, PROFILE);
      await settle();
      const users = nextRecord(api, 'ListUsers');
      await accept(); // RamUser
      await users;
      await settle();
      const apps = nextRecord(api, 'ListAppInfo');
      await accept(); // alice
      await apps;
      await settle();
      await vscode.commands.executeCommand('quickInput.last'); // Enter manually…
      await accept();
      await settle();
      assert.equal(await isPending(done), true, 'the input box waits for the app ID');
      await accept(); // app-1000000, filled in
      await done;
      assert.deepEqual(configuredProfile()?.identities, [{ identityType: 'RamUser', identityName: demoUserId('alice') }]);
    });

    it('"Enter manually…" for the user: an input box instead of the list', async () => {
      const done = vscode.commands.executeCommand(ADD_IDENTITY, PROFILE);
      await settle();
      const users = nextRecord(api, 'ListUsers');
      await accept(); // RamUser
      await users;
      await settle();
      const since = emulator.requests().length;
      await vscode.commands.executeCommand('quickInput.last'); // Enter manually…
      await accept();
      assert.equal(await isPending(done), true, 'the input box waits for the name');
      assert.deepEqual(requestsOf(emulator, 'ListAppInfo', since), [], 'no app pick before a name is given');
      await closeQuickInput();
      assert.equal(await done, undefined);
      assert.deepEqual(configuredProfile()?.identities, []);
    });
  });
});
