// Bulk revocation, three ways, each against a fresh in-process emulator holding exactly the targets and enforcing
// its default QPS (100/s per AccessKey for both actions):
//   extension          the Unbind/Detach commands' runBulk over src/commands/revocations.ts (extensionPath.ts)
//   sequentialPopCore  for (const t of targets) await client.request(...)
//   promiseAllPopCore  await Promise.all(targets.map((t) => client.request(...)))
// The client counts what it saw; the emulator's stats() count what the server received, accepted and throttled.
import { DEFAULT_BULK_CONCURRENCY, type CallObserver } from '../src/cloud';
import { closeIdleConnections } from '../src/cloud/clients';
import type { ProfileIdentity } from '../src/settings/profileConfig';
import { startEmulator, type ActionStats, type RunningEmulator } from '../test/emulator/server';
import { extensionBulkPath, type BulkRun } from './extensionPath';
import { BENCH_POLICY, benchState, bucketNames, identities } from './fixtures';
import { closeScriptClient, isThrottling, scriptClient, type RevokeAction } from './popCoreScript';
import { steadyRateOf } from './steadyRate';

export const BULK_ACTIONS: readonly RevokeAction[] = ['UnbindOutputBucket', 'DetachAppPolicyFromIdentity'];

/** What the emulator counted for the run's action (admin calls are never counted). */
export interface ServerCounts {
  readonly received: number;
  readonly accepted: number;
  readonly throttled: number;
  readonly failed: number;
  /** Targets still bound / still holding the policy after the run: 0 means every revocation happened. */
  readonly notRevoked: number;
}

export interface ExtensionRun {
  readonly seconds: number;
  /** Successful revocations per second of wall time (the last answer's latency included). */
  readonly reqPerSec: number;
  /**
   * The pace the emulator saw: accepted calls between the first and the last accepted arrival, (n − 1) / (t_last −
   * t_first) (steadyRate.ts); null under two. The ≥ 95/s target is judged on it.
   */
  readonly steadyReqPerSec: number | null;
  readonly succeeded: number;
  readonly failed: number;
  /** Targets that ended as a throttling error the user would see. */
  readonly throttledSurfaced: number;
  /** Retries the core spent (CallObserver.onRetry), all causes. */
  readonly retries: number;
  readonly concurrency: number;
  readonly server: ServerCounts;
}

export interface ScriptRun {
  /** Targets this run revoked: the sequential loop takes only 50 from 150 ms up (it runs at 1 / latency). */
  readonly targets: number;
  readonly seconds: number;
  /** Successful revocations per second of wall time. */
  readonly reqPerSec: number;
  readonly succeeded: number;
  /** Calls that rejected because of throttling (the script neither paces nor retries). */
  readonly throttledFailures: number;
  /** Calls that rejected for any other reason. */
  readonly otherFailures: number;
  readonly server: ServerCounts;
}

export interface BulkEntry {
  readonly action: RevokeAction;
  readonly emulatorLatencyMs: number;
  readonly targets: number;
  readonly extension: ExtensionRun;
  readonly sequentialPopCore: ScriptRun;
  readonly promiseAllPopCore: ScriptRun;
}

interface Targets {
  readonly buckets: string[];
  readonly identities: ProfileIdentity[];
}

function targetsFor(action: RevokeAction, count: number): Targets {
  return action === 'UnbindOutputBucket'
    ? { buckets: bucketNames(count), identities: [] }
    : { buckets: [], identities: identities(count) };
}

/** A fresh emulator per run: fresh state, fresh QPS windows, fresh stats. */
async function withEmulator<T>(targets: Targets, latencyMs: number, body: (em: RunningEmulator) => Promise<T>): Promise<T> {
  const em = await startEmulator({ port: 0, quiet: true, latencyMs, state: benchState(targets) });
  try {
    return await body(em);
  } finally {
    await em.close();
  }
}

function serverCounts(em: RunningEmulator, action: RevokeAction, targets: Targets): ServerCounts {
  const s: ActionStats = em.stats().byAction[action] ?? { received: 0, accepted: 0, throttled: 0, failed: 0, peakPerSecond: 0 };
  const notRevoked =
    action === 'UnbindOutputBucket'
      ? targets.buckets.filter((b) => em.state.isBound(b, 'Output')).length
      : targets.identities.filter((id) =>
          em.state.policiesOf({ type: id.identityType, name: id.identityName, appId: id.appId }).includes(BENCH_POLICY),
        ).length;
  return { received: s.received, accepted: s.accepted, throttled: s.throttled, failed: s.failed, notRevoked };
}

const perSecond = (n: number, seconds: number) => (seconds > 0 ? n / seconds : 0);

/** The extension's bulk path (see extensionPath.ts), one shared limiter per AccessKey as in the extension host. */
export async function runExtension(action: RevokeAction, latencyMs: number, count: number): Promise<ExtensionRun> {
  const targets = targetsFor(action, count);
  return withEmulator(targets, latencyMs, async (em) => {
    let retries = 0;
    const observer: CallObserver = {
      onCall: () => undefined,
      onRetry: () => {
        retries++;
      },
    };
    const path = extensionBulkPath(em.url, observer);
    const started = performance.now();
    const report: BulkRun<unknown, unknown> =
      action === 'UnbindOutputBucket' ? await path.unbind(targets.buckets) : await path.detach(targets.identities);
    const seconds = (performance.now() - started) / 1000;
    closeIdleConnections();
    const throttledSurfaced = report.outcomes.filter((o) => o.status === 'failed' && o.error.kind === 'throttled').length;
    return {
      seconds,
      reqPerSec: perSecond(report.succeeded, seconds),
      steadyReqPerSec: steadyRateOf(em.stats().byAction[action]),
      succeeded: report.succeeded,
      failed: report.failed,
      throttledSurfaced,
      retries,
      concurrency: DEFAULT_BULK_CONCURRENCY,
      server: serverCounts(em, action, targets),
    };
  });
}

function scriptParams(action: RevokeAction, targets: Targets, i: number): Record<string, string> {
  if (action === 'UnbindOutputBucket') return { Bucket: targets.buckets[i] as string };
  const id = targets.identities[i] as ProfileIdentity;
  return {
    IdentityType: id.identityType,
    IdentityName: id.identityName,
    AppId: id.appId as string,
    PolicyNames: BENCH_POLICY,
  };
}

async function runScript(
  action: RevokeAction,
  latencyMs: number,
  count: number,
  mode: 'sequential' | 'promiseAll',
): Promise<ScriptRun> {
  const targets = targetsFor(action, count);
  return withEmulator(targets, latencyMs, async (em) => {
    const client = scriptClient(em.url, action);
    let succeeded = 0;
    let throttledFailures = 0;
    let otherFailures = 0;
    const one = async (i: number) => {
      try {
        await client.request(action, scriptParams(action, targets, i), { method: 'POST' });
        succeeded++;
      } catch (err) {
        if (isThrottling(err)) throttledFailures++;
        else otherFailures++;
      }
    };
    const started = performance.now();
    const sent = mode === 'sequential' && latencyMs >= 150 ? Math.min(count, 50) : count;
    if (mode === 'sequential') {
      for (let i = 0; i < sent; i++) await one(i);
    } else {
      await Promise.all(Array.from({ length: count }, (_, i) => one(i)));
    }
    const seconds = (performance.now() - started) / 1000;
    closeScriptClient(client);
    return {
      targets: sent,
      seconds,
      reqPerSec: perSecond(succeeded, seconds),
      succeeded,
      throttledFailures,
      otherFailures,
      server: serverCounts(em, action, targets),
    };
  });
}

export async function benchBulk(action: RevokeAction, latencyMs: number, count: number, progress: (line: string) => void): Promise<BulkEntry> {
  progress(`bulk ${action} @ ${latencyMs} ms: extension…`);
  const extension = await runExtension(action, latencyMs, count);
  progress(`bulk ${action} @ ${latencyMs} ms: sequential pop-core…`);
  const sequentialPopCore = await runScript(action, latencyMs, count, 'sequential');
  progress(`bulk ${action} @ ${latencyMs} ms: Promise.all pop-core…`);
  const promiseAllPopCore = await runScript(action, latencyMs, count, 'promiseAll');
  return { action, emulatorLatencyMs: latencyMs, targets: count, extension, sequentialPopCore, promiseAllPopCore };
}
