// Runs inside the extension host as the test module of a tiny probe extension (the extension under test is
// installed from its .vsix like a user's), for historyAtScale:
//  1. Open the extension's view (both trees render, the Request History one with every record) and the Request
//     Inspector, as a user watching a bulk would.
//  2. Fill the history to its cap with real calls: one bulk unbind of the config's `prefill` buckets.
//  3. Measure: a bulk unbind of the config's `targets` buckets, with the extension host's event loop watched by
//     perf_hooks.monitorEventLoopDelay (the probe shares the host's one thread, so any stall the extension causes
//     is a stall here too) and the history journal's writes counted by the extension's bench-only wrapper
//     (alicloudMedia.internal.historyStorageStats, present only when the bench sets its environment variable).
// The config ({ profile, prefill, targets }) is the JSON file named by HISTORY_BENCH_CONFIG; results go to the one
// named by HISTORY_BENCH_RESULT_FILE (the host inherits code-server's environment). With HISTORY_BENCH_CPU_PROFILE
// set, the measured bulk is also CPU-profiled into that file (a .cpuprofile DevTools opens), to find a stall's cause.
import * as fs from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import * as vscode from 'vscode';

export interface HistoryProbeResult {
  /** Records a fresh load of the journal gives once the measured bulk ended and storage was idle. */
  records?: number;
  /** Calls the measured bulk made (CallRecords published while it ran). */
  calls?: number;
  /** Journal writes (appends and rewrites) from the start of the measured bulk until the history was idle. */
  storageWrites?: number;
  /** Of those, rewrites of the whole journal. */
  storageRewrites?: number;
  /** The longest event-loop stall of the extension host during that time. */
  maxStallMs?: number;
  /** Event-loop delay percentiles over the same time, for context. */
  p99StallMs?: number;
  /** The longest garbage-collection pause over the same time (V8 stops the host's thread for it). */
  maxGcPauseMs?: number;
  bulkSeconds?: number;
  succeeded?: number;
  failed?: number;
  prefillSeconds?: number;
  prefillRecords?: number;
  /** The last phase the probe reached (for a run that times out). */
  phase?: string;
  error?: string;
}

const EXTENSION_ID = 'alicloud-media-tools.alicloud-media-access';
const STATS = 'alicloudMedia.internal.historyStorageStats';
/** The history writes at most every 250 ms: idle for longer than a few of those means the last write landed. */
const IDLE_MS = 1500;

interface AlicloudMediaApi {
  onDidRecordCall: vscode.Event<unknown>;
}
interface BulkResult {
  ok: boolean;
  succeeded: number;
  failed: number;
  error?: unknown;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface StorageStats {
  writes: number;
  rewrites: number;
  inFlight: number;
  storedRecords?: number;
}

async function stats(options?: { countStored: true }): Promise<StorageStats> {
  const s = (await vscode.commands.executeCommand(STATS, options)) as Partial<StorageStats> | undefined;
  if (typeof s?.writes !== 'number' || typeof s.rewrites !== 'number' || typeof s.inFlight !== 'number') {
    throw new Error(`${STATS} is not available: is the counting variable set?`);
  }
  if (options?.countStored && typeof s.storedRecords !== 'number') throw new Error(`${STATS} did not count the stored records`);
  return s as StorageStats;
}

/** Reads the journal the way a new window would (outside the measured time: it reads megabytes). */
async function storedRecords(): Promise<number> {
  return (await stats({ countStored: true })).storedRecords ?? 0;
}

/**
 * Waits until no history write started for IDLE_MS and none is in flight, i.e. the last state has reached
 * storage; returns the stats then. `report` hears every new count.
 */
async function idle(report: (s: StorageStats) => void): Promise<StorageStats> {
  let last = await stats();
  let since = Date.now();
  while (Date.now() - since < IDLE_MS || last.inFlight > 0) {
    await sleep(100);
    const now = await stats();
    if (now.writes !== last.writes || now.inFlight !== last.inFlight) since = Date.now();
    report(now);
    last = now;
  }
  return last;
}

async function unbind(profile: string, buckets: string[]): Promise<BulkResult> {
  const result = (await vscode.commands.executeCommand('alicloudMedia.unbindOutputBucket', { profile, buckets })) as BulkResult | undefined;
  if (!result || typeof result.succeeded !== 'number') throw new Error(`unbind returned ${JSON.stringify(result)?.slice(0, 300)}`);
  return result;
}

/** Samples the host's thread every 0.5 ms until stop(), which writes the profile to `file`. */
async function startProfile(file: string | undefined): Promise<{ stop(): Promise<void> } | undefined> {
  if (!file) return undefined;
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      fs.writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

export interface HistoryProbeConfig {
  profile: string;
  prefill: string[];
  targets: string[];
  /** Open the view and the inspector first (step 1); false measures the extension host with its UI closed. */
  openUi: boolean;
}

export async function run(): Promise<void> {
  const out = process.env.HISTORY_BENCH_RESULT_FILE;
  const result: HistoryProbeResult = {};
  const phase = (name: string) => {
    result.phase = `${name} at ${(performance.now() / 1000).toFixed(1)} s`;
    if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2));
  };
  try {
    const { profile, prefill, targets, openUi } = JSON.parse(fs.readFileSync(process.env.HISTORY_BENCH_CONFIG ?? '', 'utf8')) as HistoryProbeConfig;
    const ext = vscode.extensions.getExtension<AlicloudMediaApi>(EXTENSION_ID);
    if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
    phase('activating');
    const api = await ext.activate();
    if (openUi) {
      phase('opening the view and the inspector');
      await vscode.commands.executeCommand('workbench.view.extension.alicloudMedia');
      await vscode.commands.executeCommand('alicloudMedia.openRequestInspector');
    }

    phase('filling the history');
    const prefillStarted = performance.now();
    const filled = await unbind(profile, prefill);
    if (filled.failed) throw new Error(`prefill: ${filled.failed} of ${prefill.length} unbinds failed`);
    result.prefillSeconds = (performance.now() - prefillStarted) / 1000;
    phase('waiting for the history to be idle');
    const before = await idle((st) => phase(`waiting for the history to be idle (${st.writes} writes, ${st.inFlight} in flight)`));
    result.prefillRecords = await storedRecords();
    phase('measured bulk');

    let calls = 0;
    const counting = api.onDidRecordCall(() => calls++);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    let maxGc = 0;
    const gc = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) maxGc = Math.max(maxGc, entry.duration);
    });
    gc.observe({ entryTypes: ['gc'] });
    const profiler = await startProfile(process.env.HISTORY_BENCH_CPU_PROFILE);
    delay.enable();
    const started = performance.now();
    const bulk = await unbind(profile, targets);
    result.bulkSeconds = (performance.now() - started) / 1000;
    phase('waiting for the last write');
    const after = await idle((st) => phase(`waiting for the last write (${st.writes} writes, ${st.inFlight} in flight)`));
    delay.disable();
    gc.disconnect();
    await profiler?.stop();
    counting.dispose();

    result.calls = calls;
    result.succeeded = bulk.succeeded;
    result.failed = bulk.failed;
    result.storageWrites = after.writes - before.writes;
    result.storageRewrites = after.rewrites - before.rewrites;
    result.maxStallMs = delay.max / 1e6;
    result.p99StallMs = delay.percentile(99) / 1e6;
    result.maxGcPauseMs = maxGc;
    result.records = await storedRecords();
    phase('done');
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
  } finally {
    if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2));
  }
  if (result.error) throw new Error(result.error);
}
