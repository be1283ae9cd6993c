// Speed at a distance and with a shared quota (issue #22): what the extension's bulk path and Find Access do when
// the answers are slow, when another client uses part of the same key's quota, when two windows revoke at once,
// and when the network itself (TCP and TLS handshakes included) is 0, 50 or 200 ms away. Each number is printed
// beside its target and its peer, a plain @alicloud/pop-core loop (popCoreScript.ts).
//
// Two windows are two processes, as in VS Code (each window has its own extension host and so its own limiter);
// the network runs are a child process too, since only a process started with NODE_EXTRA_CA_CERTS trusts the
// emulator's per-run CA. Children are this same bundle started with `--child <task>`; they print one JSON line.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CallObserver } from '../src/cloud';
import { closeIdleConnections } from '../src/cloud/clients';
import { startEmulator, type RunningEmulator } from '../test/emulator/server';
import { generateTlsMaterial } from '../test/emulator/tls';
import { startOtherClient } from '../test/support/otherClient';
import { benchAccessScan, type AccessScanBench } from './accessScan';
import { extensionBulkPath } from './extensionPath';
import { BENCH_KEY, benchState, bucketNames } from './fixtures';
import { median } from './median';
import { closeScriptClient, scriptClient } from './popCoreScript';
import { judgedRate, steadyRate } from './steadyRate';

const ACTION = 'UnbindOutputBucket';
const LIMIT = 100;

export interface ContentionResult {
  readonly targets: number;
  readonly emulatorLatencyMs: number;
  /** Calls a second the foreign client sent on the same key and action (it neither paces nor retries). */
  readonly foreignSentPerSec: number;
  /** Of those, accepted by the server, a second. */
  readonly foreignAcceptedPerSec: number;
  /** The extension's successful revocations per wall-clock second. */
  readonly reqPerSec: number;
  /** reqPerSec / (limit − foreignAcceptedPerSec): the share of what the other client left. Target ≥ 0.9. */
  readonly shareOfRemaining: number;
  readonly failed: number;
  readonly throttledSurfaced: number;
  /** Throttled answers the extension received (and retried). */
  readonly throttledAnswers: number;
  readonly seconds: number;
}

export interface TwoWindowsResult {
  readonly targetsEach: number;
  readonly emulatorLatencyMs: number;
  /** Both windows' successful revocations per second, over the time from the first start to the last end. */
  readonly togetherPerSec: number;
  /** togetherPerSec / the limit. Target ≥ 0.9. */
  readonly shareOfLimit: number;
  readonly windows: readonly ChildBulk[];
  readonly failed: number;
  readonly throttledSurfaced: number;
  /** What the emulator counted for the action: accepted and throttled. */
  readonly server: { accepted: number; throttled: number };
}

export interface NetworkResult {
  readonly rttMs: number;
  /** One revocation through the extension's pipeline in a fresh process: TCP + TLS handshakes + the exchange. */
  readonly singleColdMs: number;
  /** The next revocation on the kept-alive connection. Target ≤ 1.2 × (rttMs + serverMs). */
  readonly singleWarmMs: number;
  /** The emulator's own time for one call, measured with no network delay. */
  readonly serverMs: number;
  readonly warmTargetMs: number;
  /**
   * reqPerSec per wall-clock second of the bulk; steadyReqPerSec the pace the emulator saw, from its request log
   * (the bulk's own buckets: the child's other calls are the same action), null when the log no longer held every
   * accepted call of the bulk. Target: steadyReqPerSec ≥ 95.
   */
  readonly bulk: { targets: number; seconds: number; reqPerSec: number; steadyReqPerSec: number | null; failed: number; throttledSurfaced: number };
  /** The peer: a pop-core client in the same process, cold and warm, and a sequential loop over `targets`. */
  readonly popCore: { singleColdMs: number; singleWarmMs: number; loopTargets: number; loopSucceeded: number; loopReqPerSec: number };
  /** Connections and TLS handshakes the emulator saw for the whole run (extension and peer). */
  readonly connections: { tcp: number; tls: number; tlsResumed: number };
}

export interface DistanceResults {
  readonly accessScan: readonly (AccessScanBench & { emulatorLatencyMs: number })[];
  readonly contention: readonly ContentionResult[];
  readonly twoWindows: readonly TwoWindowsResult[];
  readonly network: readonly NetworkResult[];
  /** Parts that could not run, with why (the others are kept). */
  readonly failures: readonly string[];
}

interface ChildBulk {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly throttledSurfaced: number;
  readonly retries: number;
}

type ChildTask =
  | { kind: 'bulk'; url: string; buckets: string[] }
  | { kind: 'serverTime'; url: string }
  | { kind: 'network'; url: string; buckets: string[]; loopBuckets: string[] };

async function extensionUnbind(url: string, buckets: string[]): Promise<ChildBulk> {
  let retries = 0;
  const observer: CallObserver = { onCall: () => undefined, onRetry: () => void retries++ };
  const run = extensionBulkPath(url, observer);
  const startedAt = Date.now();
  const report = await run.unbind(buckets);
  const endedAt = Date.now();
  const throttledSurfaced = report.outcomes.filter((o) => o.status === 'failed' && o.error.kind === 'throttled').length;
  return { startedAt, endedAt, succeeded: report.succeeded, failed: report.failed, throttledSurfaced, retries };
}

/** Warm single revocations measured per round trip; the median is reported. */
const WARM_SAMPLES = 7;
/** Idle time before each warm sample: longer than a pacing slot (10.2 ms), so the sample is not the pace's wait. */
const IDLE_BEFORE_WARM_MS = 30;

const idle = () => new Promise((resolve) => setTimeout(resolve, IDLE_BEFORE_WARM_MS));

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

/** The median of `samples` calls of `f`, each after an idle pause (a single call's time, not a loop's pace). */
async function medianWarm(samples: string[], f: (bucket: string) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (const bucket of samples) {
    await idle();
    times.push(await timed(() => f(bucket)));
  }
  return median(times);
}

/** What a child process does; its result is the last line it prints. */
export async function runChildTask(task: ChildTask): Promise<unknown> {
  if (task.kind === 'bulk') return extensionUnbind(task.url, task.buckets);
  if (task.kind === 'serverTime') return serverTime(task.url);
  const [first, ...afterFirst] = task.buckets;
  const warm = afterFirst.slice(0, WARM_SAMPLES);
  const rest = afterFirst.slice(WARM_SAMPLES);
  const run = extensionBulkPath(task.url, { onCall: () => undefined });
  const singleColdMs = await timed(() => run.unbind([first as string]));
  const singleWarmMs = await medianWarm(warm, (bucket) => run.unbind([bucket]));
  const bulk = await extensionUnbind(task.url, rest);
  closeIdleConnections();
  const client = scriptClient(task.url, ACTION);
  const [p1, ...popAfterFirst] = task.loopBuckets;
  const loop = popAfterFirst.slice(WARM_SAMPLES);
  // The extension's timeout (10 s) rather than pop-core's 3 s default; a failed call is counted, not fatal.
  const send = (bucket: string) => client.request(ACTION, { Bucket: bucket }, { method: 'POST', timeout: 10_000 });
  const popColdMs = await timed(() => send(p1 as string));
  const popWarmMs = await medianWarm(popAfterFirst.slice(0, WARM_SAMPLES), send);
  const loopStarted = performance.now();
  let loopSucceeded = 0;
  for (const bucket of loop) await send(bucket).then(() => void loopSucceeded++, () => undefined);
  const loopSeconds = (performance.now() - loopStarted) / 1000;
  closeScriptClient(client);
  return { singleColdMs, singleWarmMs, bulk, popCore: { singleColdMs: popColdMs, singleWarmMs: popWarmMs, loopTargets: loop.length, loopSucceeded, loopReqPerSec: loopSucceeded / loopSeconds } };
}

function spawnChild(task: ChildTask, env: NodeJS.ProcessEnv = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [process.argv[1] as string, '--child', JSON.stringify(task)], { env: { ...process.env, ...env }, maxBuffer: 1 << 24, timeout: 600_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`bench child failed: ${stderr.trim().split('\n').slice(0, 4).join(' ')}`));
      const last = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(last));
      } catch {
        reject(new Error(`bench child printed no result: ${last.slice(0, 200)}`));
      }
    });
  });
}

async function withEmulator<T>(options: Parameters<typeof startEmulator>[0], body: (em: RunningEmulator) => Promise<T>): Promise<T> {
  const em = await startEmulator({ port: 0, quiet: true, ...options });
  try {
    return await body(em);
  } finally {
    await em.close();
  }
}

/** The extension's bulk with a foreign client taking `foreignShare` of the limit on the same key and action. */
export async function benchContention(count: number, latencyMs: number, foreignShare: number): Promise<ContentionResult> {
  const buckets = bucketNames(count);
  return withEmulator({ latencyMs, state: benchState({ buckets }) }, async (em) => {
    const foreign = startOtherClient(em.url, BENCH_KEY, LIMIT * foreignShare);
    let throttledAnswers = 0;
    const observer: CallObserver = { onCall: () => undefined, onRetry: (info) => void (info.error.kind === 'throttled' && throttledAnswers++) };
    const started = performance.now();
    const report = await extensionBulkPath(em.url, observer).unbind(buckets);
    const seconds = (performance.now() - started) / 1000;
    foreign.stop();
    closeIdleConnections();
    const reqPerSec = report.succeeded / seconds;
    const foreignAcceptedPerSec = foreign.accepted / seconds;
    return {
      targets: count,
      emulatorLatencyMs: latencyMs,
      foreignSentPerSec: foreign.sent / seconds,
      foreignAcceptedPerSec,
      reqPerSec,
      shareOfRemaining: reqPerSec / (LIMIT - foreignAcceptedPerSec),
      failed: report.failed,
      throttledSurfaced: report.outcomes.filter((o) => o.status === 'failed' && o.error.kind === 'throttled').length,
      throttledAnswers,
      seconds,
    };
  });
}

/** Two extension hosts (processes) each unbinding `count` buckets of one key at once. */
export async function benchTwoWindows(count: number, latencyMs: number): Promise<TwoWindowsResult> {
  const a = bucketNames(count, 'window-a');
  const b = bucketNames(count, 'window-b');
  return withEmulator({ latencyMs, state: benchState({ buckets: [...a, ...b] }) }, async (em) => {
    const windows = (await Promise.all([spawnChild({ kind: 'bulk', url: em.url, buckets: a }), spawnChild({ kind: 'bulk', url: em.url, buckets: b })])) as ChildBulk[];
    const from = Math.min(...windows.map((w) => w.startedAt));
    const to = Math.max(...windows.map((w) => w.endedAt));
    const togetherPerSec = windows.reduce((n, w) => n + w.succeeded, 0) / ((to - from) / 1000);
    const s = em.stats().byAction[ACTION];
    return {
      targetsEach: count,
      emulatorLatencyMs: latencyMs,
      togetherPerSec,
      shareOfLimit: togetherPerSec / LIMIT,
      windows,
      failed: windows.reduce((n, w) => n + w.failed, 0),
      throttledSurfaced: windows.reduce((n, w) => n + w.throttledSurfaced, 0),
      server: { accepted: s?.accepted ?? 0, throttled: s?.throttled ?? 0 },
    };
  });
}

/** Round trips over TLS through the emulator's delaying relay: single revocations cold and warm, and a bulk. */
export async function benchNetwork(rtts: readonly number[], count: number, progress: (line: string) => void): Promise<NetworkResult[]> {
  const material = generateTlsMaterial();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ca-'));
  const caFile = path.join(dir, 'ca.pem');
  fs.writeFileSync(caFile, material.caCert);
  const results: NetworkResult[] = [];
  try {
    for (const rttMs of rtts) {
      progress(`network: ${rttMs} ms round trip over TLS…`);
      const buckets = bucketNames(count + 1 + WARM_SAMPLES, 'net-ext');
      const loopTargets = rttMs >= 150 ? 30 : 100;
      const loopBuckets = bucketNames(loopTargets + 1 + WARM_SAMPLES, 'net-pop');
      results.push(
        await withEmulator({ tls: true, tlsMaterial: material, networkRttMs: 0, state: benchState({ buckets: [...buckets, ...loopBuckets] }) }, async (em) => {
          // One exchange's own time with no network delay, the "server time" of the warm target: over the same TLS
          // listener and relay (at 0 ms), whose own hops are then not counted against the extension.
          const serverMs = (await spawnChild({ kind: 'serverTime', url: String(em.tlsUrl) }, { NODE_EXTRA_CA_CERTS: caFile })) as number;
          em.setNetworkRtt(rttMs);
          em.resetStats();
          const child = (await spawnChild({ kind: 'network', url: String(em.tlsUrl), buckets, loopBuckets }, { NODE_EXTRA_CA_CERTS: caFile })) as {
            singleColdMs: number;
            singleWarmMs: number;
            bulk: ChildBulk;
            popCore: NetworkResult['popCore'];
          };
          const seconds = (child.bulk.endedAt - child.bulk.startedAt) / 1000;
          // The arrivals of the bulk's accepted calls (the first buckets were the single revocations).
          const bulkBuckets = new Set(buckets.slice(1 + WARM_SAMPLES));
          const arrivals = em.requests()
            .filter((r) => r.action === ACTION && r.outcome === 'OK' && bulkBuckets.has(r.params.Bucket ?? ''))
            .map((r) => Date.parse(r.time));
          const steadyReqPerSec = arrivals.length >= child.bulk.succeeded ? steadyRate(arrivals.length, Math.min(...arrivals), Math.max(...arrivals)) : null;
          return {
            rttMs,
            singleColdMs: child.singleColdMs,
            singleWarmMs: child.singleWarmMs,
            serverMs,
            warmTargetMs: 1.2 * (rttMs + serverMs),
            bulk: { targets: count, seconds, reqPerSec: child.bulk.succeeded / seconds, steadyReqPerSec, failed: child.bulk.failed, throttledSurfaced: child.bulk.throttledSurfaced },
            popCore: child.popCore,
            connections: em.stats().connections,
          };
        }),
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/**
 * The median time of warm calls with no delay, each after the same idle pause as the warm samples, by a plain
 * pop-core client over the same TLS connection and relay: what one exchange costs with no distance, the "server
 * time" of the warm target. (Measured in a child, which trusts the run's CA.)
 */
async function serverTime(url: string): Promise<number> {
  const client = scriptClient(url, ACTION);
  // A bucket nobody bound: Bucket.NotBind, after the same verification and bookkeeping as a real unbind.
  const send = (bucket: string) => client.request(ACTION, { Bucket: bucket }, { method: 'POST' }).catch(() => undefined);
  await send('probe-warm-up');
  const ms = await medianWarm(Array.from({ length: 11 }, (_, i) => `probe-${i}`), send);
  closeScriptClient(client);
  return ms;
}

export async function benchDistance(o: { targets: number; latencies: readonly number[]; rtts: readonly number[]; progress: (line: string) => void }): Promise<DistanceResults> {
  const failures: string[] = [];
  const attempt = async <T>(name: string, f: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await f();
    } catch (err) {
      const why = `${name}: ${err instanceof Error ? err.message : String(err)}`;
      o.progress(`failed: ${why}`);
      failures.push(why);
      return undefined;
    }
  };
  const accessScan: (AccessScanBench & { emulatorLatencyMs: number })[] = [];
  for (const latency of o.latencies) {
    const a = await attempt(`accessScan @ ${latency} ms`, () => benchAccessScan(o.targets, latency, o.progress));
    if (a) accessScan.push({ ...a, emulatorLatencyMs: latency });
  }
  const contention: ContentionResult[] = [];
  for (const latency of [30, 300]) {
    o.progress(`contention: 30 % foreign load @ ${latency} ms…`);
    const c = await attempt(`contention @ ${latency} ms`, () => benchContention(o.targets, latency, 0.3));
    if (c) contention.push(c);
  }
  const twoWindows: TwoWindowsResult[] = [];
  for (const latency of [30, 300]) {
    o.progress(`two windows @ ${latency} ms…`);
    const t = await attempt(`two windows @ ${latency} ms`, () => benchTwoWindows(o.targets, latency));
    if (t) twoWindows.push(t);
  }
  const network: NetworkResult[] = [];
  for (const rtt of o.rtts) {
    const n = await attempt(`network @ ${rtt} ms`, () => benchNetwork([rtt], Math.min(o.targets, 500), o.progress));
    if (n) network.push(...n);
  }
  return { accessScan, contention, twoWindows, network, failures };
}

const f1 = (n: number) => n.toFixed(1);
const steady = (n: number | null) => (n === null ? '–' : `${f1(n)}/s`);
const mark = (met: boolean) => (met ? '✓ met' : '✗ missed');

export function renderDistance(d: DistanceResults): string {
  const out: string[] = ['## Speed at a distance and with a shared quota (#22)', ''];
  out.push(
    'Steady req/s = the pace the emulator saw, (accepted − 1) ÷ (last − first accepted arrival), which the rate targets are judged on; wall-clock req/s = per second of the whole run, which also waits one latency for the last answer.',
    '',
  );
  out.push('### Find Access to App by answer latency', '', '| latency | identities | steady req/s | wall-clock req/s | target | throttled surfaced | server throttled |', '|---|---|---|---|---|---|---|');
  for (const a of d.accessScan) {
    const target = 0.95 * a.qpsLimit;
    out.push(`| ${a.emulatorLatencyMs} ms | ${a.identities} | **${steady(a.steadyReqPerSec)}** | ${f1(a.reqPerSec)}/s | ≥ ${f1(target)}/s ${mark(judgedRate(a) >= target)} | ${a.throttledSurfaced} | ${a.server.throttled} |`);
  }
  out.push('', '### Contention: another client takes 30 % of the quota on the same key and action', '', '| latency | foreign sent / accepted | extension req/s | share of what is left | target | failed (throttled) | throttled answers retried |', '|---|---|---|---|---|---|---|');
  for (const c of d.contention) {
    out.push(`| ${c.emulatorLatencyMs} ms | ${f1(c.foreignSentPerSec)} / ${f1(c.foreignAcceptedPerSec)}/s | **${f1(c.reqPerSec)}/s** | ${(c.shareOfRemaining * 100).toFixed(0)} % | ≥ 90 %, 0 surfaced ${mark(c.shareOfRemaining >= 0.9 && c.throttledSurfaced === 0)} | ${c.failed} (${c.throttledSurfaced}) | ${c.throttledAnswers} |`);
  }
  out.push('', '### Two windows (two processes) unbinding at once on one key', '', '| latency | targets each | together | share of the limit | target | failed (throttled) | server accepted / throttled |', '|---|---|---|---|---|---|---|');
  for (const t of d.twoWindows) {
    out.push(`| ${t.emulatorLatencyMs} ms | ${t.targetsEach} | **${f1(t.togetherPerSec)}/s** | ${(t.shareOfLimit * 100).toFixed(0)} % | ≥ 90 %, 0 surfaced ${mark(t.shareOfLimit >= 0.9 && t.failed === 0)} | ${t.failed} (${t.throttledSurfaced}) | ${t.server.accepted} / ${t.server.throttled} |`);
  }
  out.push('', '### Network round trips over TLS (delaying relay: handshakes pay the round trips)', '', '| round trip | single cold | single warm | warm target | pop-core cold / warm | bulk steady / wall-clock req/s (targets) | pop-core loop req/s | connections tcp / tls / resumed |', '|---|---|---|---|---|---|---|---|');
  for (const n of d.network) {
    out.push(`| ${n.rttMs} ms | ${f1(n.singleColdMs)} ms | **${f1(n.singleWarmMs)} ms** | ≤ ${f1(n.warmTargetMs)} ms ${mark(n.singleWarmMs <= n.warmTargetMs)} | ${f1(n.popCore.singleColdMs)} / ${f1(n.popCore.singleWarmMs)} ms | **${steady(n.bulk.steadyReqPerSec)}** / ${f1(n.bulk.reqPerSec)}/s (${n.bulk.targets}, ${n.bulk.failed} failed) ${mark(judgedRate(n.bulk) >= 95)} | ${f1(n.popCore.loopReqPerSec)}/s (${n.popCore.loopSucceeded} of ${n.popCore.loopTargets}) | ${n.connections.tcp} / ${n.connections.tls} / ${n.connections.tlsResumed} |`);
  }
  if (d.failures.length > 0) out.push('', `Could not run: ${d.failures.join('; ')}`);
  return out.join('\n');
}
