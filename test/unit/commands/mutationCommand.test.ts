// The mutation pipeline (src/commands/mutations/mutationCommand.ts) with its UI scripted through the port and every
// call made for real: the extension's sessions and clients sign HTTP requests to the emulator, which verifies them.
// What stands in: the UI port (scripted: test/support/scriptedUi.ts), the tree (a recorder of which rows went busy
// and were reloaded: the Resources tree has its own tests) and the log (a recorder of lines).
import '../../support/vscode';
import { strict as assert } from 'node:assert';
import { closeIdleConnections } from '../../../src/cloud/rpc';
import { InFlightCalls } from '../../../src/commands/inFlight';
import type { BulkUnbindResult } from '../../../src/commands/results';
import { detachAppPolicy } from '../../../src/commands/mutations/detachAppPolicy';
import { inFlightKey } from '../../../src/commands/mutations/sendMutationCalls';
import { runMutationCommand, type PipelineDeps } from '../../../src/commands/mutations/mutationCommand';
import { unbindOutputBucket } from '../../../src/commands/mutations/unbindOutputBucket';
import type { BucketTarget } from '../../../src/commands/targets';
import { ResourceListings } from '../../../src/profiles/resourceListings';
import type { RowRef } from '../../../src/tree/rowRef';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../../emulator/server';
import { emulatorProfileSettings, emulatorProfiles } from '../../support/emulatorProfile';
import { scriptedUi, type UiScript } from '../../support/scriptedUi';
import { statusBarTexts } from '../../support/vscode';
import { waitFor } from '../../support/wait';

const PROFILE = 'pipeline';
const ACCOUNT = '1839204725361048';

interface Pipeline {
  readonly deps: PipelineDeps;
  readonly ui: ReturnType<typeof scriptedUi>;
  readonly logged: { level: string; text: string }[];
  readonly busy: [RowRef, string | undefined][];
  readonly refreshed: RowRef[][];
}

describe('the mutation pipeline (runMutationCommand)', function () {
  let em: RunningEmulator;

  beforeEach(async () => {
    em = await startEmulator({ quiet: true });
    statusBarTexts.length = 0;
  });
  afterEach(async () => {
    closeIdleConnections();
    await em.close();
  });

  function pipeline(script: UiScript = {}, settings = emulatorProfileSettings(em.url, [PROFILE])): Pipeline {
    const { sessions } = emulatorProfiles(settings, { [PROFILE]: DEMO_ACCESS_KEY });
    const ui = scriptedUi(script);
    const logged: Pipeline['logged'] = [];
    const busy: Pipeline['busy'] = [];
    const refreshed: Pipeline['refreshed'] = [];
    const line = (level: string) => (text: string | readonly string[]) => void logged.push({ level, text: typeof text === 'string' ? text : text.join('\n') });
    const deps: PipelineDeps = {
      sessions,
      listings: new ResourceListings(sessions),
      ui: ui.ui,
      inFlight: new InFlightCalls(),
      log: { info: line('info'), warn: line('warn'), error: line('error'), show: () => undefined },
      tree: { markBusy: (ref, label) => void busy.push([ref, label]), refreshRows: (refs) => void refreshed.push([...refs]) },
    };
    return { deps, ui, logged, busy, refreshed };
  }

  const bucket = (name: string): BucketTarget => ({ profile: PROFILE, bucket: name });
  const sent = (action: string) => em.requests().filter((r) => r.action === action);
  const isBound = (name: string) => em.state.toJSON().mediaBuckets.some((b) => b.bucket === name && b.type === 'Output');

  it('sends nothing when the confirmation is declined', async () => {
    const p = pipeline({ modal: () => undefined });
    const result = await runMutationCommand(p.deps, unbindOutputBucket, { profile: PROFILE, targets: [bucket('media-output-demo')], interactive: true, bulk: false });
    assert.equal(result, undefined);
    assert.equal(p.ui.modals().length, 1);
    assert.deepEqual(sent('UnbindOutputBucket'), []);
    assert.ok(isBound('media-output-demo'));
    assert.deepEqual([p.busy, p.refreshed, p.ui.notifications()], [[], [], []]);
  });

  it('names the target, the account and the endpoint in the modal, then unbinds and says so with the RequestId', async () => {
    const p = pipeline();
    const result = await runMutationCommand(p.deps, unbindOutputBucket, { profile: PROFILE, targets: [bucket('media-output-demo')], interactive: true, bulk: false });

    const [modal] = p.ui.modals();
    assert.ok(modal);
    assert.match(modal.message, /media-output-demo/);
    assert.match(modal.detail ?? '', new RegExp(`Account: ${ACCOUNT} as acs:ram::${ACCOUNT}:`));
    assert.match(modal.detail ?? '', new RegExp(`Profile: ${PROFILE}\\b`));
    assert.match(modal.detail ?? '', /Region: cn-shanghai/);
    assert.ok((modal.detail ?? '').includes(`Endpoint: ${em.url}`), modal.detail);

    const [call] = sent('UnbindOutputBucket');
    assert.equal(call?.params.Bucket, 'media-output-demo');
    assert.equal(call?.outcome, 'OK');
    assert.ok(!isBound('media-output-demo'));
    assert.deepEqual(result, { profile: PROFILE, bucket: 'media-output-demo', ok: true, requestId: call?.requestId });

    assert.deepEqual(p.busy, [
      [{ kind: 'bucket', type: 'Output', profile: PROFILE, bucket: 'media-output-demo' }, 'unbinding…'],
      [{ kind: 'bucket', type: 'Output', profile: PROFILE, bucket: 'media-output-demo' }, undefined],
    ]);
    assert.deepEqual(p.refreshed, [[{ kind: 'bucket', type: 'Output', profile: PROFILE, bucket: 'media-output-demo' }]]);
    const [notice] = p.ui.notifications();
    assert.equal(notice?.severity, 'info');
    assert.equal(notice?.message, `Unbound output bucket "media-output-demo" (profile ${PROFILE}). RequestId ${call?.requestId}`);
    // A revocation that succeeded can be looked up in ActionTrail (who did it, from where) from its notification.
    assert.deepEqual(notice?.items, ['Copy Request ID', 'Look Up in ActionTrail', 'Show Log']);
  });

  it('reports a bulk run per target: progress, the status bar, one notification and the log report', async () => {
    const p = pipeline();
    const targets = ['media-output-demo', 'media-output-unbound', 'media-output-archive'].map(bucket);
    const result = (await runMutationCommand(p.deps, unbindOutputBucket, { profile: PROFILE, targets, interactive: true, bulk: false })) as BulkUnbindResult | undefined;

    assert.ok(result && 'results' in result);
    assert.equal(result.ok, false);
    assert.deepEqual([result.succeeded, result.failed, result.skipped], [2, 1, 0]);
    assert.deepEqual(result.results.map((r) => [r.bucket, r.status]), [
      ['media-output-demo', 'succeeded'],
      ['media-output-unbound', 'failed'],
      ['media-output-archive', 'succeeded'],
    ]);
    const failedCall = sent('UnbindOutputBucket').find((r) => r.params.Bucket === 'media-output-unbound');
    assert.equal(result.results[1]?.error?.requestId, failedCall?.requestId);
    assert.ok(!isBound('media-output-demo') && !isBound('media-output-archive'));

    const [progress] = p.ui.progress;
    assert.equal(progress?.title, `Unbinding 3 buckets (profile ${PROFILE})`);
    assert.equal(progress?.cancellable, true);
    assert.deepEqual(progress?.reports.map((r) => r.message), ['1 of 3', '2 of 3', '3 of 3']);
    assert.equal(statusBarTexts[0], '$(sync~spin) Unbinding 0/3');
    assert.equal(statusBarTexts.at(-1), '$(sync~spin) Unbinding 3/3');

    const notices = p.ui.notifications();
    assert.equal(notices.length, 1);
    assert.equal(notices[0]?.severity, 'warning');
    assert.match(notices[0]?.message ?? '', /^Unbound 2 of 3 buckets/);
    assert.deepEqual(notices[0]?.items.slice(0, 1), ['Copy Request ID'], 'the failure has its RequestId at hand');

    const report = p.logged.find((l) => l.level === 'warn');
    assert.ok(report, 'a run with a failure is reported as a warning');
    assert.match(report.text, new RegExp(`^Unbound 2 of 3 buckets.*\\[profile ${PROFILE}\\]`));
    for (const call of sent('UnbindOutputBucket')) assert.ok(report.text.includes(call.requestId as string), `report names ${call.params.Bucket}'s RequestId`);
  });

  it('sends nothing when the endpoint cannot be worked out, and says why in the log and a notification', async () => {
    // VOD does not answer in cn-qingdao and the profile overrides only MPS: there is no VOD endpoint to send to.
    const settings = [{ name: PROFILE, region: 'cn-qingdao', credentialSource: 'keychain', endpoints: { mps: em.url, sts: em.url, ram: em.url } }];
    const p = pipeline({}, settings);
    const target = { profile: PROFILE, identity: { identityType: 'RamRole' as const, identityName: 'TranscodeRole', appId: 'app-1000000' }, policyNames: ['VODAppReadOnlyAccess'] };
    const result = await runMutationCommand(p.deps, detachAppPolicy, { profile: PROFILE, targets: [target], interactive: true, bulk: false });

    assert.deepEqual(em.requests(), [], 'not even GetCallerIdentity');
    assert.deepEqual(p.ui.modals(), []);
    assert.ok(result && !result.ok && 'error' in result);
    assert.equal(result.error.kind, 'invalid-input');
    const [line] = p.logged;
    assert.equal(line?.level, 'error');
    assert.match(line?.text ?? '', new RegExp(`^Not sent: DetachAppPolicyFromIdentity \\[profile ${PROFILE}\\]: .*cn-qingdao`));
    const [notice] = p.ui.notifications();
    assert.equal(notice?.severity, 'error');
    assert.match(notice?.message ?? '', /^Cannot detach: .*cn-qingdao/);
  });

  it('refuses to start what is already running, without asking or sending again', async () => {
    em.setFault('UnbindOutputBucket', { latencyMs: 400 });
    const p = pipeline();
    const target = bucket('media-output-demo');
    const first = runMutationCommand(p.deps, unbindOutputBucket, { profile: PROFILE, targets: [target], interactive: true, bulk: false });
    await waitFor(() => p.deps.inFlight.has(inFlightKey(unbindOutputBucket, target)), 'the first unbind to be in flight');

    const second = await runMutationCommand(p.deps, unbindOutputBucket, { profile: PROFILE, targets: [target], interactive: true, bulk: false });
    assert.equal(second, undefined);
    assert.equal(p.ui.modals().length, 1, 'only the first run asked');
    const refusal = p.ui.notifications().find((n) => n.message === 'Unbinding media-output-demo is already in progress.');
    assert.equal(refusal?.severity, 'info');

    assert.equal((await first)?.ok, true);
    assert.equal(sent('UnbindOutputBucket').length, 1);
  });

  it('never prompts a programmatic caller, and answers with the result object', async () => {
    const p = pipeline({ modal: () => assert.fail('a programmatic run must not show a modal') });
    const result = await runMutationCommand(p.deps, unbindOutputBucket, { profile: PROFILE, targets: [bucket('media-output-thumbs')], interactive: false, bulk: true });
    assert.ok(result && 'results' in result);
    assert.deepEqual([result.ok, result.succeeded], [true, 1]);
    assert.deepEqual(p.ui.asked, []);
    assert.deepEqual(p.ui.progress, []);
  });
});
