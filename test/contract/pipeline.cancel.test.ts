// The mutation pipeline's execution step (src/commands/mutations/sendMutationCalls.ts) through a real ProfileSession
// and the real clients against the emulator, with the operations the commands use: what a cancel in the middle of
// a slow bulk leaves in the records and the report, what a caller that joined an identical call in flight gets
// when another caller cancels, and a bulk detach in which a policy lands in FailedPolicyNames. The tree and the
// log are VS Code's, so they are replaced by recorders of what the pipeline asks of them (ExecutionDeps).
import { strict as assert } from 'node:assert';
import '../support/vscode';
import type { CallRecord } from '../../src/cloud';
import { closeIdleConnections } from '../../src/cloud/rpc';
import { InFlightCalls, STOPPED_WAITING } from '../../src/commands/inFlight';
import { planUndo } from '../../src/history/undoPlan';
import { detachAppPolicy } from '../../src/commands/mutations/detachAppPolicy';
import { sendMutationCalls, type ExecutionDeps } from '../../src/commands/mutations/sendMutationCalls';
import { unbindOutputBucket } from '../../src/commands/mutations/unbindOutputBucket';
import type { BulkResult } from '../../src/commands/results';
import type { RowRef } from '../../src/tree/rowRef';
import { demoState } from '../emulator/demoState';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../emulator/server';
import { emulatorSession } from '../support/emulatorProfile';
import { waitFor } from '../support/wait';

const PROFILE = 'pipeline';
const BUCKETS = Array.from({ length: 40 }, (_, i) => `cancel-out-${String(i).padStart(2, '0')}`);

interface Recorders {
  readonly deps: ExecutionDeps;
  readonly records: CallRecord[];
  readonly log: { level: 'info' | 'warn'; text: string }[];
  readonly refreshed: RowRef[][];
}

function recorders(): Recorders {
  const records: CallRecord[] = [];
  const log: Recorders['log'] = [];
  const refreshed: RowRef[][] = [];
  const deps: ExecutionDeps = {
    inFlight: new InFlightCalls(),
    tree: { markBusy: () => undefined, refreshRows: (refs) => void refreshed.push([...refs]) },
    log: { info: (lines) => void log.push({ level: 'info', text: lines.join('\n') }), warn: (lines) => void log.push({ level: 'warn', text: lines.join('\n') }) },
  };
  return { deps, records, log, refreshed };
}

describe('pipeline: honest outcomes when cancelling and in bulk', function () {
  this.timeout(30_000);
  let em: RunningEmulator;
  let r: Recorders;

  const session = () => emulatorSession({ endpoint: em.url, profile: PROFILE, region: 'cn-shanghai', key: DEMO_ACCESS_KEY, observer: { onCall: (c) => void r.records.push(c) }, timeoutMs: 5000 });
  const bucketsSent = () => new Set(em.requests().filter((q) => q.action === 'UnbindOutputBucket').map((q) => q.params.Bucket));
  const unbinds = (buckets: readonly string[]) => buckets.map((bucket) => ({ profile: PROFILE, bucket }));
  const received = () => em.stats().byAction.UnbindOutputBucket?.received ?? 0;

  beforeEach(async () => {
    const state = demoState();
    state.mediaBuckets = BUCKETS.map((bucket) => ({ bucket, type: 'Output' as const }));
    em = await startEmulator({ quiet: true, state });
    r = recorders();
  });
  afterEach(async () => {
    closeIdleConnections();
    await em.close();
  });

  it('a cancel in the middle of 40 unbinds at 150 ms: every outcome is what the server did, and only what was never sent is "not sent"', async () => {
    em.setLatency(150);
    const controller = new AbortController();
    const finishing: number[] = [];
    let succeeded = 0;
    let succeededWhenFinishingBegan = -1;
    const running = sendMutationCalls(r.deps, unbindOutputBucket, session(), { profile: PROFILE, targets: unbinds(BUCKETS), interactive: false, bulk: true }, {
      signal: controller.signal,
      onSettled: (o) => void (o.status === 'succeeded' && succeeded++),
      onFinishing: (n) => {
        if (finishing.length === 0) succeededWhenFinishingBegan = succeeded;
        finishing.push(n);
      },
    });
    // Cancel while requests are at the server and not yet answered: the case.
    await waitFor(() => (received() >= 10 ? true : undefined), '10 unbinds at the server', 10_000, 2);
    controller.abort();
    const { result, outcomes } = await running;
    const bulk = result as BulkResult<{ bucket: string }>;

    const sent = bucketsSent();
    const unbound = BUCKETS.filter((b) => !em.state.isBound(b));
    assert.ok(unbound.length >= 10 && unbound.length < BUCKETS.length, `unbound ${unbound.length}`);
    for (const [i, o] of outcomes.entries()) {
      const bucket = BUCKETS[i]!;
      if (o.status === 'succeeded') assert.ok(!em.state.isBound(bucket) && sent.has(bucket), `${bucket}: reported unbound`);
      else {
        assert.equal(o.status, 'skipped', `${bucket}: ${JSON.stringify(o)}`);
        assert.ok(em.state.isBound(bucket) && !sent.has(bucket), `${bucket}: reported not sent but the server saw it`);
      }
    }
    assert.deepEqual([bulk.ok, bulk.cancelled, bulk.failed, bulk.succeeded, bulk.skipped], [false, true, 0, unbound.length, BUCKETS.length - unbound.length]);
    assert.deepEqual(bulk.results.map((t) => t.status), outcomes.map((o) => o.status));

    // The records: one succeeded record per unbound bucket; "cancelled" only where nothing went out.
    const records = r.records.filter((c) => c.action === 'UnbindOutputBucket');
    for (const c of records) {
      const bucket = c.params.Bucket!;
      if (c.outcome === 'succeeded') assert.equal(em.state.isBound(bucket), false, `${bucket}: recorded succeeded`);
      else assert.deepEqual([c.outcome, c.attempts, em.state.isBound(bucket), sent.has(bucket)], ['cancelled', 0, true, false], `${bucket}: ${c.outcome}`);
    }
    assert.deepEqual(records.filter((c) => c.outcome === 'succeeded').map((c) => c.params.Bucket).sort(), unbound);
    for (const c of records.filter((c) => c.outcome === 'succeeded')) assert.ok('plan' in planUndo(c), `${c.params.Bucket}: an unbind the server did can be undone`);

    // While it waited: the calls on the wire and not yet answered (those that stopped at the cancel are not
    // counted), then one fewer as each came back.
    assert.equal(finishing[0], unbound.length - succeededWhenFinishingBegan, JSON.stringify(finishing));
    assert.ok(finishing.every((n, i) => i === 0 || n === (finishing[i - 1] as number) - 1), JSON.stringify(finishing));

    // The log's report says the same, and the tree reloads every target's row once the run is over.
    const report = r.log.at(-1)!;
    assert.equal(report.level, 'warn');
    const notSent = BUCKETS.length - unbound.length;
    assert.match(report.text.split('\n')[0]!, new RegExp(`^Unbound ${unbound.length} of 40 buckets — cancelled, ${notSent} not sent \\[profile ${PROFILE}\\]$`));
    assert.equal(report.text.split('\n').filter((l) => l.endsWith(': skipped (not sent)')).length, notSent);
    assert.equal(r.refreshed.length, 1);
    assert.equal(r.refreshed[0]!.length, BUCKETS.length);

    const atEnd = received();
    await new Promise((done) => setTimeout(done, 300));
    assert.equal(received(), atEnd, 'nothing is sent after the run ends');
  });

  for (const who of ['first caller', 'joined caller'] as const) {
    it(`the ${who} cancels while an identical call is in flight: the other gets the call's real outcome, and so do the record and the tree`, async () => {
      // Long enough that the shared call is still on the wire whenever the second caller comes, on a busy machine too.
      em.setLatency(600);
      const s = session();
      const mine = ['cancel-out-00', 'cancel-out-01', 'cancel-out-02'];
      const controller = new AbortController();
      const cancelling = { signal: controller.signal };
      const bulkRun = { profile: PROFILE, targets: unbinds(mine), interactive: false, bulk: true };
      const singleRun = { profile: PROFILE, targets: unbinds(['cancel-out-00']), interactive: false, bulk: false };
      // The cancelling side is a bulk (runs with a signal come from the UI's progress); the other a programmatic call.
      let bulkRunning: ReturnType<typeof sendMutationCalls>;
      let singleRunning: ReturnType<typeof sendMutationCalls>;
      if (who === 'first caller') {
        bulkRunning = sendMutationCalls(r.deps, unbindOutputBucket, s, bulkRun, cancelling);
        await waitFor(() => (received() >= 3 ? true : undefined), 'the three unbinds at the server', 10_000, 2);
        singleRunning = sendMutationCalls(r.deps, unbindOutputBucket, s, singleRun);
      } else {
        singleRunning = sendMutationCalls(r.deps, unbindOutputBucket, s, singleRun);
        await waitFor(() => (received() >= 1 ? true : undefined), 'the first unbind at the server', 10_000, 2);
        bulkRunning = sendMutationCalls(r.deps, unbindOutputBucket, s, bulkRun, cancelling);
        await waitFor(() => (received() >= 3 ? true : undefined), 'the other two unbinds at the server', 10_000, 2);
      }
      controller.abort();
      const [bulk, single] = await Promise.all([bulkRunning, singleRunning]);

      const shared = bulk.outcomes[0]!;
      assert.ok(shared.status === 'skipped' && shared.reason?.code === STOPPED_WAITING, JSON.stringify(shared));
      const sharedResult = (bulk.result as BulkResult<{ bucket: string }>).results[0]!;
      assert.deepEqual([sharedResult.status, sharedResult.error?.code], ['skipped', STOPPED_WAITING]);
      assert.match(r.log.find((l) => l.text.includes('cancel-out-00: skipped'))?.text ?? '', /cancel-out-00: skipped — Not waited for: another caller is waiting for the same call/);
      // The bulk's other two were on the wire at the cancel: they finished, and say so.
      assert.deepEqual(bulk.outcomes.slice(1).map((o) => o.status), ['succeeded', 'succeeded']);
      assert.equal(bulk.summary, 'Unbound 2 of 3 buckets — cancelled, 1 left to another caller', 'nothing of it is "not sent"');

      const requestId = (single.result as { ok: boolean; requestId?: string }).requestId;
      assert.equal(single.result.ok, true, JSON.stringify(single.result));
      assert.equal(em.state.isBound('cancel-out-00'), false);
      const calls = em.requests().filter((q) => q.action === 'UnbindOutputBucket' && q.params.Bucket === 'cancel-out-00');
      assert.deepEqual(calls.map((q) => q.requestId), [requestId], 'one request, shared');
      const records = r.records.filter((c) => c.params.Bucket === 'cancel-out-00');
      assert.deepEqual(records.map((c) => [c.outcome, c.requestId]), [['succeeded', requestId]]);
      // The caller still waiting reloads the row after the call's end, so the tree shows what the server did.
      assert.ok(r.refreshed.at(-1)!.some((ref) => ref.kind === 'bucket' && ref.bucket === 'cancel-out-00'));
      assert.deepEqual(mine.map((b) => em.state.isBound(b)), [false, false, false]);
    });
  }

  it('a bulk detach in which a policy lands in FailedPolicyNames is not ok: the result, the summary and the log report say so', async () => {
    const s = session();
    const targets = [
      { profile: PROFILE, identity: { identityType: 'RamRole' as const, identityName: 'TranscodeRole', appId: 'app-1000000' }, policyNames: ['VODAppAdministratorAccess', 'VODAppReadOnlyAccess'] },
      { profile: PROFILE, identity: { identityType: 'RamRole' as const, identityName: 'AuditReadOnlyRole', appId: 'app-1000000' }, policyNames: ['VODAppReadOnlyAccess'] },
    ];
    const { result, partial } = await sendMutationCalls(r.deps, detachAppPolicy, s, { profile: PROFILE, targets, interactive: false, bulk: true });
    const bulk = result as BulkResult<{ identityName: string; failedPolicyNames?: string[] }>;
    assert.deepEqual([bulk.ok, bulk.succeeded, bulk.failed, bulk.skipped, partial], [false, 2, 0, 0, 1]);
    assert.deepEqual(bulk.results.map((t) => t.failedPolicyNames), [['VODAppAdministratorAccess'], []]);
    // The server kept the protected policy: not ok is the truth.
    assert.deepEqual(em.state.policiesOf({ type: 'RamRole', name: 'TranscodeRole', appId: 'app-1000000' }), ['VODAppAdministratorAccess']);
    assert.deepEqual(em.state.policiesOf({ type: 'RamRole', name: 'AuditReadOnlyRole', appId: 'app-1000000' }), []);
    const report = r.log.at(-1)!;
    assert.equal(report.level, 'warn');
    const [head, ...lines] = report.text.split('\n');
    assert.equal(head, `Detached policies from 2 of 2 identities (1 only in part) [profile ${PROFILE}]`);
    assert.match(lines[0]!, /TranscodeRole.*: succeeded RequestId \S+ FailedPolicyNames \[VODAppAdministratorAccess\]$/);
  });
});
