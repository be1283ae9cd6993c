// RAM grants beside app policies, in a real extension host against the emulator's demo account: group-granted and
// custom-policy grants on identity rows, a refused RAM read shown as such (never as "none"), and a detach whose
// modal, notification, log line and result name what RAM still grants.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { demoUserId } from '../emulator/demoState';
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
import { resourceRows, type TreeRow } from './support/treeRows';
import { stubWindow } from './support/windowStubs';

const PROFILE = 'ram-grants-it';
const CAROL = demoUserId('carol');
const UPLOAD_SVC = demoUserId('upload-svc');
const FRANK = demoUserId('frank');
const ALICE = demoUserId('alice');
const CAROL_KEEPS = 'carol keeps access to every VOD app through RAM policy AliyunVODFullAccess, attached via group media-devs';

describe('RAM grants beside app policies', function () {
  this.timeout(40_000);
  let emulator: RunningEmulator;
  let api: ExtensionApi;
  let subscription: vscode.Disposable | undefined;
  const records: { action: string; outcome: string }[] = [];
  const { rowsOf, row } = resourceRows(() => api);
  const identityGroup = async () => row((await row(undefined, PROFILE)).element, 'VOD Identities');
  const identity = async (label: RegExp) => row((await identityGroup()).element, label);
  /** The identity's rows once its RAM rows (or a RAM row that says why there are none) are there. */
  const rowsWithRam = async (label: RegExp, ok: (rows: TreeRow[]) => boolean = (rows) => rows.some((r) => /^RAM /.test(r.label))) =>
    waitFor(async () => {
      const rows = await rowsOf((await identity(label)).element);
      return ok(rows) ? rows : undefined;
    }, `RAM rows under ${String(label)}`);

  before(async () => {
    emulator = await startTestEmulator();
    api = await extensionApi();
    subscription = (api.onDidRecordCall as unknown as vscode.Event<(typeof records)[number]>)((r) => records.push(r));
    await setProfiles([
      emulatorProfile(emulator, {
        name: PROFILE,
        identities: [
          { identityType: 'RamUser', identityName: CAROL, appId: 'app-2000003' },
          { identityType: 'RamUser', identityName: UPLOAD_SVC },
          { identityType: 'RamRole', identityName: 'EditorRole', appId: 'app-2000001' },
          { identityType: 'RamUser', identityName: FRANK, appId: 'app-2000004' },
          { identityType: 'RamUser', identityName: ALICE },
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

  it('group-granted, custom, conditional and unreadable RAM policies each get a row that says what they grant', async () => {
    const carol = await rowsWithRam(/^RamUser carol/);
    assert.deepEqual(carol.map((r) => r.label), ['VODAppFullAccess', 'RAM policy AliyunVODFullAccess — every VOD app (via group media-devs)']);
    assert.match(carol[1].tooltip, /detaching app policies does not remove it/);
    const upload = await rowsWithRam(/^RamUser upload-svc/);
    assert.ok(upload.some((r) => r.label === 'RAM policy vod-upload-only — VOD actions vod:CreateUploadVideo, vod:RefreshUploadVideo, vod:CreateUploadImage (attached directly)'), upload.map((r) => r.label).join(' | '));
    const editor = await rowsWithRam(/^RamRole EditorRole/);
    assert.ok(editor.some((r) => r.label === 'RAM policy editor-office-network — every VOD app, with conditions (IpAddress acs:SourceIp) (attached directly)'));
    const frank = await rowsWithRam(/^RamUser frank/);
    assert.ok(frank.some((r) => r.label === 'RAM policy frank-draft — cannot evaluate: the document is not valid JSON (attached directly)'));
    // RAM was asked by login name, and each system document once whoever holds it.
    assert.ok(requestsOf(emulator, 'ListPoliciesForUser').some((r) => r.params.UserName === 'carol'));
    assert.equal(requestsOf(emulator, 'GetPolicy').filter((r) => r.params.PolicyName === 'AliyunVODFullAccess').length, 1);
    // The RAM reads that succeeded are not recorded (a picture is many reads): only failures are, as for Find Access.
    assert.deepEqual(records.filter((r) => /^(ListPoliciesFor|ListGroupsForUser|GetPolicy)/.test(r.action)), []);
  });

  it('a refused RAM read is a row naming the missing permission and its RequestId, not an empty list', async () => {
    emulator.setFault('ListGroupsForUser', { kind: 'error', code: 'NoPermission', status: 403 });
    try {
      await vscode.commands.executeCommand('alicloudMedia.refresh');
      const rows = await rowsWithRam(/^RamUser alice/, (rs) => rs.some((r) => /ram:ListGroupsForUser/.test(r.label)));
      const gap = rows.find((r) => /ram:ListGroupsForUser/.test(r.label))!;
      assert.equal(gap.label, 'RAM grants not fully read: ListGroupsForUser about alice was refused (NoPermission); the key needs ram:ListGroupsForUser');
      assert.equal(gap.contextValue, 'error.withRequestId');
      assert.ok(records.some((r) => r.action === 'ListGroupsForUser' && r.outcome === 'failed'), 'the failure is recorded with its RequestId');
    } finally {
      emulator.clearFaults();
      await vscode.commands.executeCommand('alicloudMedia.refresh');
    }
    const healed = await rowsWithRam(/^RamUser alice/, (rs) => rs.some((r) => /via group media-devs/.test(r.label)));
    assert.ok(!healed.some((r) => /not fully read/.test(r.label)), 'Refresh reads RAM again');
  });

  it('detaching carol\'s last app policy: the modal, the notification, the log and the row say what RAM still grants', async () => {
    const stubs = stubWindow();
    try {
      const carol = await identity(/^RamUser carol/);
      const policy = await row(carol.element, 'VODAppFullAccess');
      await vscode.commands.executeCommand('alicloudMedia.detachAppPolicy', policy.element);
      const modal = stubs.messages.find((m) => m.modal);
      assert.ok(modal, 'no confirmation was shown');
      assert.match(modal.detail ?? '', /Not removed by this detach \(RAM\):\n• carol keeps access to every VOD app through RAM policy AliyunVODFullAccess, attached via group media-devs/);
      assert.equal(requestsOf(emulator, 'DetachAppPolicyFromIdentity').length, 1);
      const notice = await waitFor(() => stubs.messages.find((m) => !m.modal && /Detached VODAppFullAccess/.test(m.message)), 'the result notification');
      assert.ok(notice.message.includes(CAROL_KEEPS), notice.message);
      assert.equal(notice.severity, 'warning', 'access remains: a warning, not an all-clear');
      await waitForLog([`RamGrantsRemain [${CAROL_KEEPS}]`]);
      const rows = await rowsWithRam(/^RamUser carol/, (rs) => rs[0]?.label === 'No app policies; RAM grants remain');
      assert.equal(rows[0].label, 'No app policies; RAM grants remain');
      assert.match(rows[0].tooltip, new RegExp(CAROL_KEEPS));
      assert.equal(rows[1].label, 'RAM policy AliyunVODFullAccess — every VOD app (via group media-devs)');
    } finally {
      stubs.restore();
    }
  });

  it('a programmatic detach returns ramGrantsRemaining beside the server\'s answer', async () => {
    const result = await detach({ profile: PROFILE, identityType: 'RamRole', identityName: 'EditorRole', appId: 'app-2000001', policyNames: ['VODAppFullAccess'] });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.deepEqual((result as { ramGrantsRemaining?: string[] }).ramGrantsRemaining,
      ['EditorRole may keep access through RAM policy editor-office-network (every VOD app, with conditions (IpAddress acs:SourceIp)), attached directly']);
  });

  it('Find Access to App lists RAM-granted identities, each marked with the policy and group it comes from', async () => {
    const listedBefore = requestsOf(emulator, 'ListPoliciesForUser').length;
    const result = (await vscode.commands.executeCommand('alicloudMedia.findAccessToApp', { profile: PROFILE, appId: 'app-2000007' })) as {
      ok: boolean; ramGrants?: { identityType: string; identityName: string; userName?: string; grants: string[] }[]; ramFailures?: unknown[];
    };
    assert.equal(result.ok, true, JSON.stringify(result).slice(0, 400));
    const byName = new Map((result.ramGrants ?? []).map((g) => [g.userName ?? g.identityName, g]));
    assert.deepEqual(byName.get('alice')?.grants, ['RAM policy AliyunVODFullAccess — every VOD app (via group media-devs)']);
    assert.equal(byName.get('alice')?.identityName, ALICE, 'VOD names users by UserId');
    assert.deepEqual(byName.get('walter')?.grants, ['RAM policy AdministratorAccess — every VOD app; every MPS action (attached directly)']);
    assert.deepEqual(byName.get('ci-deploy')?.grants, ['RAM policy everything-but-ram — cannot evaluate NotAction (every action except ram:*) (attached directly)']);
    assert.ok(byName.has('EditorRole') && byName.has('frank') && byName.has('carol'));
    assert.ok(!byName.has('TranscodeRole'), 'an MPS-only grant is not access to a VOD app');
    assert.equal(requestsOf(emulator, 'ListPoliciesForUser').length, listedBefore, 'found by ListEntitiesForPolicy, not another per-identity walk');
    assert.ok(requestsOf(emulator, 'ListEntitiesForPolicy').length > 0 && requestsOf(emulator, 'ListUsersForGroup').length > 0);
    const group = await row((await row(undefined, PROFILE)).element, /^Access to Product Demos/);
    assert.match(group.description, / · 10 through RAM policies/);
    const rows = await rowsOf(group.element);
    assert.ok(rows.some((r) => r.label === `RamUser alice (2037…0001) — RAM policy AliyunVODFullAccess — every VOD app (via group media-devs)`), rows.map((r) => r.label).join(' | '));
    await waitForLog(['Through RAM policies', 'RamUser alice (2037…0001): RAM policy AliyunVODFullAccess — every VOD app (via group media-devs)']);
  });
});
