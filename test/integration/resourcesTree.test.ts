// The Resources view's rows, read through the data provider the extension exports (the same getChildren /
// getTreeItem calls VS Code makes): which rows exist comes from the user settings, what they say comes from the
// emulator's state, and each listing is fetched only when its rows are asked for.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  DEMO_ACCESS_KEY,
  assertAcceptedAndSigned,
  clearCredentials,
  detach,
  emulatorProfile,
  extensionApi,
  requestsOf,
  setCredentials,
  setProfiles,
  startTestEmulator,
  unbind,
  waitFor,
  waitForLog,
  type ExtensionApi,
  type ProfileSetting,
  type RunningEmulator,
} from './support/harness';
import { resourceRows } from './support/treeRows';
import { demoUserId } from '../emulator/demoState';

const ALICE = demoUserId('alice');
/** Alice as her row reads once RAM ListUsers has named her UserId. */
const ALICE_ROW = `RamUser alice (${ALICE.slice(0, 4)}…${ALICE.slice(-4)})`;

const PROFILE = 'tree-it';
const BUCKETS = ['media-output-demo', 'media-output-unbound', 'media-output-archive'];


describe('Resources tree', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let api: ExtensionApi;
  let profile: ProfileSetting;

  const { rowsOf, row, rowsUntil } = resourceRows(() => api);

  const profileRow = () => row(undefined, PROFILE);
  const bucketGroup = async () => row((await profileRow()).element, 'MPS Output Buckets');
  const identityGroup = async () => row((await profileRow()).element, 'VOD Identities');
  const bucketRows = async () => (await rowsOf((await bucketGroup()).element)).map((r) => ({ label: r.label, description: r.description, contextValue: r.contextValue }));

  before(async () => {
    emulator = await startTestEmulator();
    api = await extensionApi();
    profile = emulatorProfile(emulator, {
      name: PROFILE,
      outputBuckets: BUCKETS,
      identities: [
        { identityType: 'RamUser', identityName: ALICE },
        { identityType: 'RamRole', identityName: 'TranscodeRole', appId: 'app-1000000' },
      ],
    });
    await clearCredentials(PROFILE);
    await setProfiles([profile]);
  });

  after(async () => {
    await clearCredentials(PROFILE);
    await setProfiles(undefined);
    await emulator?.close();
  });

  it('shows the profile from settings, and without an AccessKey offers Set AccessKey… and lists nothing', async () => {
    const roots = await rowsUntil(() => rowsOf(), (rows) => rows.some((r) => r.label === PROFILE), 'the profile row');
    assert.deepEqual(roots.map((r) => r.label), [PROFILE]);
    const p = await profileRow();
    assert.equal(p.contextValue, 'profile.storesKey', 'a keychain profile offers Set AccessKey… and Clear AccessKey');
    assert.equal(p.description, 'cn-shanghai · custom endpoint');

    const children = await rowsOf(p.element);
    assert.deepEqual(children.map((r) => [r.label, r.contextValue]), [
      ['Set AccessKey…', 'message.setCredentials'],
      ['MPS Output Buckets', 'bucketGroup'],
      ['MPS Input Buckets', 'inputBucketGroup'],
      ['VOD Identities', 'identityGroup'],
    ]);
    assert.equal(children[1]?.description, '3');
    assert.equal(children[2]?.description, '0', 'no input buckets configured');
    assert.equal(children[3]?.description, '2');
    assert.deepEqual(await bucketRows(), BUCKETS.map((b) => ({ label: b, description: 'unknown', contextValue: 'outputBucket.unknown' })));
    const alice = await row((await identityGroup()).element, `RamUser ${ALICE}`);
    assert.deepEqual((await rowsOf(alice.element)).map((r) => r.label), ['Set AccessKey…']);
    assert.equal(emulator.stats().received, 0, 'a list call was sent without credentials');
  });

  it('with an AccessKey, each bucket shows its binding from ONE ListAllMediaBucket', async () => {
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
    await rowsUntil(async () => rowsOf((await profileRow()).element), (rows) => !rows.some((r) => r.label === 'Set AccessKey…'), 'the Set AccessKey row to go');
    assert.deepEqual(await bucketRows(), [
      { label: 'media-output-demo', description: 'bound as output', contextValue: 'outputBucket.bound' },
      { label: 'media-output-unbound', description: 'not bound', contextValue: 'outputBucket.unbound' },
      { label: 'media-output-archive', description: 'bound as output', contextValue: 'outputBucket.bound' },
    ]);
    await bucketRows(); // rendering again uses the loaded listing
    const lists = requestsOf(emulator, 'ListAllMediaBucket');
    assert.equal(lists.length, 1);
    assertAcceptedAndSigned(lists[0], DEMO_ACCESS_KEY.accessKeyId);
  });

  it('an identity expands to the app policies the emulator holds for it', async () => {
    // Configured by UserId: named once the account's user list has answered.
    const identities = await rowsUntil(async () => rowsOf((await identityGroup()).element), (rows) => rows[0]?.label === ALICE_ROW, 'alice named');
    assert.deepEqual(identities.map((r) => [r.label, r.description, r.contextValue]), [
      [ALICE_ROW, 'app-1000000', 'identity'],
      ['RamRole TranscodeRole', 'app-1000000', 'identity'],
    ]);
    const policies = await rowsUntil(async () => rowsOf(identities[0]?.element), (rows) => rows.some((r) => r.label.startsWith('RAM policy')), 'her RAM rows');
    assert.deepEqual(policies.map((r) => [r.label, r.description, r.contextValue]), [
      ['VODAppFullAccess', 'System', 'appPolicy.system'],
      ['VODCustomUploadOnly', 'Custom', 'appPolicy.custom'],
      // Beside her app policies, the RAM grant of her group (#20).
      ['RAM policy AliyunVODFullAccess — every VOD app (via group media-devs)', '', 'message.showLog'],
    ]);
    const lists = requestsOf(emulator, 'ListAppPoliciesForIdentity');
    assert.equal(lists.length, 1, 'only the expanded identity is listed');
    assert.equal(lists[0]?.params.IdentityName, ALICE);
    assert.equal(lists[0]?.params.IdentityType, 'RamUser');
  });

  it('after an unbind through the command, the bucket row shows "not bound" from a fresh listing', async () => {
    const result = await unbind({ profile: PROFILE, bucket: 'media-output-demo' });
    assert.equal(result.ok, true, JSON.stringify(result));
    await rowsUntil(bucketRows, (rows) => rows.find((r) => r.label === 'media-output-demo')?.contextValue === 'outputBucket.unbound', 'the unbound state');
    assert.equal(requestsOf(emulator, 'ListAllMediaBucket').length, 2, 'one new listing after the unbind');
  });

  it('undo from the history rebinds the bucket and its row shows "bound as output" without a manual refresh', async () => {
    // The unbind above left media-output-demo unbound; undo its record through the command the history row runs.
    const records: { id?: string; action: string; target: string }[] = [];
    const subscription = api.onDidRecordCall((r) => records.push(r as { id?: string; action: string; target: string }));
    try {
      const again = await unbind({ profile: PROFILE, bucket: 'media-output-archive' });
      assert.equal(again.ok, true, JSON.stringify(again));
      await rowsUntil(bucketRows, (rows) => rows.find((r) => r.label === 'media-output-archive')?.contextValue === 'outputBucket.unbound', 'unbound');
      const record = await waitFor(() => records.find((r) => r.action === 'UnbindOutputBucket' && r.target === 'media-output-archive'), 'the record');
      const listings = requestsOf(emulator, 'ListAllMediaBucket').length;
      const undo = await vscode.commands.executeCommand<{ ok: boolean; reason?: string }>('alicloudMedia.undo', { recordId: record.id });
      assert.equal(undo?.ok, true, undo?.reason);
      await rowsUntil(bucketRows, (rows) => rows.find((r) => r.label === 'media-output-archive')?.contextValue === 'outputBucket.bound', 'the rebound state');
      assert.equal(requestsOf(emulator, 'ListAllMediaBucket').length, listings + 1, 'one fresh listing after the undo');
    } finally {
      subscription.dispose();
    }
  });

  it('after a detach through the command, the policy row is gone', async () => {
    const result = await detach({ profile: PROFILE, identityType: 'RamUser', identityName: ALICE, policyNames: ['VODAppFullAccess'] });
    assert.equal(result.ok, true, JSON.stringify(result));
    const alice = async () => rowsOf((await row((await identityGroup()).element, ALICE_ROW)).element);
    const policies = await rowsUntil(alice, (rows) => !rows.some((r) => r.label === 'VODAppFullAccess') && rows.some((r) => r.label.startsWith('RAM policy')), 'the detached policy to disappear');
    assert.deepEqual(policies.map((r) => r.label), ['VODCustomUploadOnly', 'RAM policy AliyunVODFullAccess — every VOD app (via group media-devs)']);
  });

  it('Refresh reloads from the server: a change made elsewhere shows up', async () => {
    emulator.state.bind('media-output-unbound', 'Output');
    assert.equal((await bucketRows()).find((r) => r.label === 'media-output-unbound')?.contextValue, 'outputBucket.unbound', 'cached until refreshed');
    await vscode.commands.executeCommand('alicloudMedia.refresh');
    await rowsUntil(bucketRows, (rows) => rows.find((r) => r.label === 'media-output-unbound')?.contextValue === 'outputBucket.bound', 'the refreshed state');
  });

  it('a failed listing shows an error row with the code and leaves the bindings unknown', async () => {
    await setCredentials(PROFILE, { accessKeyId: 'LTAI5tTreeUnknownKey0009', accessKeySecret: DEMO_ACCESS_KEY.accessKeySecret });
    const rows = await rowsUntil(bucketRows, (r) => r[0]?.contextValue === 'error.withRequestId', 'the error row');
    assert.equal(rows[0]?.label, 'Failed to load buckets: InvalidAccessKeyId.NotFound (HTTP 404) — show log');
    assert.deepEqual(rows.slice(1).map((r) => r.contextValue), BUCKETS.map(() => 'outputBucket.unknown'));
    await setCredentials(PROFILE, DEMO_ACCESS_KEY);
  });

  it('rows follow the settings: an added bucket appears, an empty profile offers to add, a bad profile is reported', async () => {
    const added = await vscode.commands.executeCommand<{ ok: boolean }>('alicloudMedia.addOutputBucket', { profile: PROFILE, bucket: 'media-output-thumbs' });
    assert.equal(added?.ok, true, JSON.stringify(added));
    await rowsUntil(bucketRows, (rows) => rows.some((r) => r.label === 'media-output-thumbs' && r.contextValue === 'outputBucket.bound'), 'the added bucket');

    // Concurrent edits are queued: each one reads what the previous one wrote, so none is lost.
    const many = Array.from({ length: 12 }, (_, i) => `media-output-concurrent-${i}`);
    const results = await Promise.all(
      many.map((bucket) => vscode.commands.executeCommand<{ ok: boolean }>('alicloudMedia.addOutputBucket', { profile: PROFILE, bucket })),
    );
    assert.ok(results.every((r) => r?.ok), JSON.stringify(results));
    const stored = vscode.workspace.getConfiguration('alicloudMedia').inspect<ProfileSetting[]>('profiles')?.globalValue ?? [];
    const buckets = stored.find((p) => p.name === PROFILE)?.outputBuckets ?? [];
    for (const bucket of [...many, 'media-output-thumbs']) assert.ok(buckets.includes(bucket), `${bucket} survived the concurrent edits`);

    await setProfiles([
      profile,
      emulatorProfile(emulator, { name: 'tree-empty-it' }),
      { name: 'tree-bad-it', region: 'cn-shanghai', endpoints: { mps: 'http://example.com' } },
      emulatorProfile(emulator, { name: 'tree-qingdao-it', region: 'cn-qingdao', identities: [{ identityType: 'RamRole', identityName: 'TranscodeRole' }] }),
    ]);
    const roots = await rowsUntil(() => rowsOf(), (rows) => rows.length === 4, 'four root rows');
    assert.deepEqual(roots.map((r) => r.label), [PROFILE, 'tree-empty-it', 'tree-qingdao-it', '1 problem in alicloudMedia.profiles — show log']);

    // A region without VOD: one warning row instead of one failed listing per identity, and one log line.
    const qingdao = await rowsOf(roots[2]?.element);
    const noVod = await rowsOf(qingdao.find((r) => r.label === 'VOD Identities')?.element);
    assert.deepEqual(noVod.map((r) => [r.label, r.contextValue]), [['cn-qingdao has no VOD — show log', 'message.showLog']]);
    await rowsOf(qingdao.find((r) => r.label === 'VOD Identities')?.element);
    const log = await waitForLog(['cn-qingdao has no VOD: the 1 configured identities of profile tree-qingdao-it']);
    assert.equal(log.split('cn-qingdao has no VOD: the 1 configured').length - 1, 1, 'said once, however often the row renders');
    const empty = await rowsOf(roots[1]?.element);
    const emptyBuckets = await rowsOf(empty.find((r) => r.label === 'MPS Output Buckets')?.element);
    assert.deepEqual(emptyBuckets.map((r) => [r.label, r.contextValue]), [['Add Output Bucket…', 'message.addOutputBucket']]);
  });
});
