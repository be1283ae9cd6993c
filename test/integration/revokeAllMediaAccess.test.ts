// Revoke All Media Access (#21) in a real extension host against the emulator: alice holds app policies in three
// VOD apps, AliyunVODFullAccess attached directly and a custom vod: policy through group media-devs. The plan, a run
// with the membership ticked after which the account answers no VOD access for her, undo of every step back to the
// exact prior state, a step the server refuses (reported, the rest go on), and a cancel mid-run that reports which
// steps happened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { demoState, demoUserId } from '../emulator/demoState';
import { withRamGrants } from '../emulator/ramGrants';
import type { EmulatorStateJson } from '../emulator/state';
import { DEMO_ACCESS_KEY, clearCredentials, emulatorProfile, extensionApi, setCredentials, setProfiles, startTestEmulator, type ExtensionApi, type RunningEmulator } from './support/harness';
import { latestRecord } from './support/historyRecords';
import { resourceRows } from './support/treeRows';
import { stubWindow } from './support/windowStubs';

const PROFILE = 'incident-it';
const ALICE = demoUserId('alice');
const APPS = ['app-1000000', 'app-2000001', 'app-2000003'];
const VOD_EDITORS = { Version: '1', Statement: [{ Effect: 'Allow', Action: ['vod:*'], Resource: '*' }] };

interface StepResult { id: string; kind: string; action: string; status: string; requestId?: string; error?: { code: string } }
interface RunResult {
  ok: boolean; cancelled?: boolean; succeeded?: number; failed?: number; skipped?: number; dryRun?: boolean;
  error?: { code: string };
  plan: { steps: { id: string; kind: string; ticked: boolean; text: string }[]; remains: { kind: string; text: string }[] };
  results?: StepResult[];
  verify?: { accessRemains: boolean; through: string[] };
}

/** Alice's access from every source, on top of the demo account. */
function incidentState(): EmulatorStateJson {
  const base = demoState();
  base.identities = base.identities.filter((i) => i.name !== ALICE);
  base.identities.push(
    { type: 'RamUser', name: ALICE, appId: 'app-1000000', policies: ['VODAppFullAccess'] },
    { type: 'RamUser', name: ALICE, appId: 'app-2000001', policies: ['VODAppReadOnlyAccess'] },
    { type: 'RamUser', name: ALICE, appId: 'app-2000003', policies: ['VODAppFullAccess'] },
  );
  return withRamGrants(base, {
    groups: [{ name: 'media-devs', members: ['alice', 'carol'] }],
    policies: [{ name: 'vod-editors', document: VOD_EDITORS }],
    attachments: [{ policy: 'AliyunVODFullAccess', user: 'alice' }, { policy: 'vod-editors', group: 'media-devs' }, { policy: 'AliyunOSSFullAccess', group: 'media-devs' }],
  });
}

const revoke = (arg: Record<string, unknown>) => vscode.commands.executeCommand<RunResult>('alicloudMedia.revokeAllMediaAccess', { profile: PROFILE, identity: { identityType: 'RamUser', identityName: ALICE }, ...arg });

describe('Revoke All Media Access', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let api: ExtensionApi;

  /** What the account holds for alice: app policies per app, direct RAM attachments, groups. */
  const aliceHolds = () => {
    const json = emulator.state.toJSON();
    const grants = json.ramGrants?.accounts[0];
    return {
      apps: APPS.map((appId) => emulator.state.policiesOf({ type: 'RamUser', name: ALICE, appId }).sort()),
      direct: (grants?.attachments ?? []).filter((t) => t.principalType === 'User' && t.principal === ALICE).map((t) => t.policyName).sort(),
      groups: (grants?.groups ?? []).filter((g) => g.members.includes(ALICE)).map((g) => g.groupName).sort(),
      groupPolicies: (grants?.attachments ?? []).filter((t) => t.principalType === 'Group').map((t) => `${t.principal}/${t.policyName}`).sort(),
    };
  };

  before(async () => {
    emulator = await startTestEmulator();
    api = await extensionApi();
    await setProfiles([emulatorProfile(emulator, { name: PROFILE, identities: [{ identityType: 'RamUser', identityName: ALICE }] })]);
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
  });
  beforeEach(() => emulator.state.replace(incidentState()));
  after(async () => {
    await clearCredentials(PROFILE);
    await setProfiles(undefined);
    await emulator?.close();
  });

  it('plans every source of access: three app-policy detaches and the direct RAM detach ticked, the group membership unticked with what else it takes', async () => {
    const before = emulator.requests().length;
    const r = await revoke({ dryRun: true });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.dryRun, true);
    assert.deepEqual(r.plan.steps.map((s) => [s.id, s.ticked]), [
      ['app:app-1000000', true], ['app:app-2000001', true], ['app:app-2000003', true],
      ['ram:User:System:AliyunVODFullAccess', true], ['group:media-devs', false],
    ]);
    assert.match(r.plan.steps[4].text, /Remove RAM user alice from group media-devs \(it grants vod-editors\)/);
    assert.ok(r.plan.remains.some((x) => x.kind === 'membershipKept'), 'the unticked membership is said to remain');
    const writes = emulator.requests().slice(before).filter((q) => /^(Detach|Remove|Attach|Add)/.test(q.action ?? ''));
    assert.deepEqual(writes, [], 'a dry run changes nothing');
  });

  it('with the membership ticked, every step succeeds and the account answers no VOD access for alice; one step undone alone, then the run’s history entry undone as a set, restores the exact prior state', async () => {
    const prior = aliceHolds();
    const r = await revoke({ include: { groupMembership: true } });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.deepEqual(r.results?.map((s) => [s.action, s.status]), [
      ['DetachAppPolicyFromIdentity', 'succeeded'], ['DetachAppPolicyFromIdentity', 'succeeded'], ['DetachAppPolicyFromIdentity', 'succeeded'],
      ['DetachPolicyFromUser', 'succeeded'], ['RemoveUserFromGroup', 'succeeded'],
    ]);
    assert.ok(r.results?.every((s) => /^[0-9A-F-]{36}$/.test(s.requestId ?? '')));
    assert.deepEqual(r.verify, { accessRemains: false, through: [] });
    assert.deepEqual(aliceHolds(), { apps: [[], [], []], direct: [], groups: [], groupPolicies: prior.groupPolicies }, 'the group itself is unchanged');
    // The account's own answer, read again: nothing left to revoke.
    const after = await revoke({ dryRun: true });
    assert.deepEqual(after.plan.steps, []);

    // One step alone (the group membership), from its own record…
    const membership = r.results?.find((x) => x.action === 'RemoveUserFromGroup');
    const single = await vscode.commands.executeCommand<{ ok: boolean; reason?: string }>('alicloudMedia.undo', { recordId: (await latestRecord((x) => x.requestId === membership?.requestId)).id });
    assert.equal(single.ok, true, JSON.stringify(single));
    assert.deepEqual(aliceHolds().groups, ['media-devs']);
    // …then the run's one history entry: the rest comes back as a set, the step already undone is named and left.
    const run = await latestRecord((x) => x.action === 'RevokeAllMediaAccess');
    assert.equal(run.outcome, 'succeeded');
    assert.match(run.params.Steps, new RegExp((r.results ?? []).map((x) => x.requestId).join(',')));
    const undo = await vscode.commands.executeCommand<{ ok: boolean; undone: number; left: number; steps: { action?: string; status: string; reason?: string }[] }>('alicloudMedia.undo', { recordId: run.id });
    assert.deepEqual([undo.undone, undo.left], [4, 1], JSON.stringify(undo));
    assert.deepEqual(undo.steps.map((x) => [x.action, x.status]), [
      ['RemoveUserFromGroup', 'left'], ['AttachPolicyToUser', 'undone'],
      ['AttachAppPolicyToIdentity', 'undone'], ['AttachAppPolicyToIdentity', 'undone'], ['AttachAppPolicyToIdentity', 'undone'],
    ]);
    assert.match(undo.steps[0].reason ?? '', /undone/i);
    assert.deepEqual(aliceHolds(), prior);
  });

  it('a step the server refuses is reported with its code and RequestId, and the other steps go on', async () => {
    emulator.state.replace(withRamGrants(incidentState(), {
      groups: [{ name: 'media-devs', members: ['alice', 'carol'] }],
      policies: [{ name: 'vod-editors', document: VOD_EDITORS }],
      attachments: [{ policy: 'AliyunVODFullAccess', user: 'alice' }, { policy: 'vod-editors', group: 'media-devs' }],
      ramDenied: { [DEMO_ACCESS_KEY.accessKeyId]: ['DetachPolicyFromUser'] },
    }));
    const r = await revoke({ include: { groupMembership: true } });
    assert.equal(r.ok, false);
    assert.deepEqual([r.succeeded, r.failed, r.skipped], [4, 1, 0]);
    const refused = r.results?.find((s) => s.action === 'DetachPolicyFromUser');
    assert.equal(refused?.status, 'failed');
    assert.equal(refused?.error?.code, 'NoPermission');
    assert.match(refused?.requestId ?? '', /^[0-9A-F-]{36}$/);
    assert.equal(r.verify?.accessRemains, true);
    assert.ok(r.verify?.through.some((t) => /AliyunVODFullAccess/.test(t)), JSON.stringify(r.verify));
    assert.deepEqual(aliceHolds().apps, [[], [], []]);
    assert.deepEqual(aliceHolds().groups, []);
  });

  it('from the identity row: one modal names the account, endpoints, counts and what remains; a cancel mid-run reports honestly which steps happened', async () => {
    const { row } = resourceRows(() => api);
    const identityRow = await row((await row((await row(undefined, PROFILE)).element, 'VOD Identities')).element, /^RamUser alice/);
    const stubs = stubWindow();
    const window = vscode.window as { -readonly [K in keyof typeof vscode.window]: (typeof vscode.window)[K] };
    const realProgress = window.withProgress;
    // The run's progress is cancelled as soon as its first step has settled (nobody can click a notification here).
    window.withProgress = (async (options: vscode.ProgressOptions, task: (p: vscode.Progress<{ message?: string }>, t: vscode.CancellationToken) => Thenable<unknown>) => {
      const source = new vscode.CancellationTokenSource();
      const running = /Revoking media access/.test(String(options.title));
      return task({ report: (v) => { if (running && /^1 of/.test(v.message ?? '')) source.cancel(); } }, source.token);
    }) as never;
    let r: RunResult | undefined;
    try {
      r = (await vscode.commands.executeCommand('alicloudMedia.revokeAllMediaAccess', identityRow.element)) as RunResult | undefined;
    } finally {
      window.withProgress = realProgress;
      stubs.restore();
    }
    const modal = stubs.messages.find((m) => m.modal);
    assert.ok(modal, 'one modal');
    assert.equal(stubs.messages.filter((m) => m.modal).length, 1);
    assert.match(modal.message, /^Revoke all media access of RAM user alice/);
    assert.match(modal.detail ?? '', /Account: 1839204725361048/);
    assert.match(modal.detail ?? '', new RegExp(`Endpoints: ${emulator.url.replace(/[.]/g, '\\.')}`));
    assert.match(modal.detail ?? '', /3 app-policy detaches \(VOD\), 1 RAM policy detaches, 0 group memberships/);
    assert.match(modal.detail ?? '', /RAM writes are a bigger change than an app-policy detach/);
    assert.match(modal.detail ?? '', /Membership of group media-devs \(unticked\) keeps vod-editors/);
    assert.ok(r, 'the run returned its result');
    assert.equal(r.cancelled, true);
    assert.equal((r.succeeded ?? 0) + (r.failed ?? 0) + (r.skipped ?? 0), 4);
    assert.ok((r.succeeded ?? 0) >= 1 && (r.skipped ?? 0) >= 1, JSON.stringify(r.results));
    // Each step is reported as the server left it: succeeded ones took effect, "not sent" ones did not.
    const holds = aliceHolds();
    for (const step of r.results ?? []) {
      if (step.kind === 'appPolicies') {
        const i = APPS.indexOf(step.id.slice('app:'.length));
        assert.equal(holds.apps[i].length === 0, step.status === 'succeeded', `${step.id} ${step.status}`);
      } else {
        assert.equal(holds.direct.includes('AliyunVODFullAccess'), step.status !== 'succeeded', `${step.id} ${step.status}`);
      }
    }
    const notice = stubs.messages.find((m) => !m.modal && /Revoke All Media Access of/.test(m.message));
    assert.ok(notice, 'a summary notification');
    assert.match(notice.message, /not sent/);
    assert.ok(notice.items.includes('Show Log'));
  });
});
