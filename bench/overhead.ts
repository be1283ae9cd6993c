// Per-call overhead of the core (validation, credentials, limiter, retry wrapper, record) over a bare pop-core
// request, against the same emulator with no added latency. Calls alternate core/bare, each followed by a pause
// longer than the limiter's interval, so neither side ever waits for a slot or meets the server's QPS limit and
// the ratio measures per-call work only. Each call revokes its own bound bucket, so every one is a real Unbind.
import type { CallObserver } from '../src/cloud';
import { DEFAULT_TIMEOUT_MS, MpsClient, closeIdleConnections, defaultRateLimiters, qpsFor } from '../src/cloud/clients';
import { startEmulator } from '../test/emulator/server';
import { BENCH_KEY, BENCH_REGION, benchState, bucketNames } from './fixtures';
import { closeScriptClient, scriptClient } from './popCoreScript';

export interface OverheadResult {
  readonly coreMedianMs: number;
  readonly barePopCoreMedianMs: number;
  readonly ratio: number;
  readonly calls: number;
  readonly warmupCalls: number;
  readonly gapMs: number;
  /** The core's pacing interval for this action (every call here is spaced further apart than this). */
  readonly limiterIntervalMs: number;
  readonly coreP90Ms: number;
  readonly barePopCoreP90Ms: number;
  /** Server-side: throttled must be 0 for the comparison to be about per-call work. */
  readonly server: { readonly received: number; readonly accepted: number; readonly throttled: number; readonly failed: number };
}

const ACTION = 'UnbindOutputBucket';

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function benchOverhead(calls = 200, warmupCalls = 50): Promise<OverheadResult> {
  const total = calls + warmupCalls;
  const coreBuckets = bucketNames(total, 'bench-core');
  const bareBuckets = bucketNames(total, 'bench-bare');
  const em = await startEmulator({ port: 0, quiet: true, latencyMs: 0, state: benchState({ buckets: [...coreBuckets, ...bareBuckets] }) });
  // One core call and one bare call per round share the server's Unbind window: a round of two calls every
  // (2 × gap) stays under the quota, and each side's own calls are 2 × gap apart, beyond the limiter interval.
  const limiterIntervalMs = defaultRateLimiters.limiterFor(BENCH_KEY.accessKeyId, ACTION).intervalMs;
  const gapMs = Math.ceil(limiterIntervalMs) + 1;
  if (2 / (2 * gapMs / 1000) > qpsFor(ACTION)) throw new Error('overhead pacing would exceed the QPS limit');
  const observer: CallObserver = { onCall: () => undefined, onRetry: () => undefined };
  const core = new MpsClient({
    region: BENCH_REGION,
    endpoint: em.url,
    credentials: { getCredentials: async () => BENCH_KEY },
    profile: 'bench',
    observer,
    timeoutMs: DEFAULT_TIMEOUT_MS,
  });
  const bare = scriptClient(em.url, ACTION);
  const coreMs: number[] = [];
  const bareMs: number[] = [];
  try {
    for (let i = 0; i < total; i++) {
      // Alternate which side goes first, so neither always follows the other's socket or GC work.
      const order = i % 2 === 0 ? (['core', 'bare'] as const) : (['bare', 'core'] as const);
      for (const side of order) {
        const t = performance.now();
        if (side === 'core') await core.unbindOutputBucket(coreBuckets[i] as string);
        else await bare.request(ACTION, { Bucket: bareBuckets[i] as string }, { method: 'POST' });
        const ms = performance.now() - t;
        if (i >= warmupCalls) (side === 'core' ? coreMs : bareMs).push(ms);
        await sleep(gapMs);
      }
    }
  } finally {
    closeScriptClient(bare);
    closeIdleConnections();
  }
  const s = em.stats().byAction[ACTION] ?? { received: 0, accepted: 0, throttled: 0, failed: 0 };
  await em.close();
  coreMs.sort((a, b) => a - b);
  bareMs.sort((a, b) => a - b);
  const coreMedianMs = quantile(coreMs, 0.5);
  const barePopCoreMedianMs = quantile(bareMs, 0.5);
  return {
    coreMedianMs,
    barePopCoreMedianMs,
    ratio: coreMedianMs / barePopCoreMedianMs,
    calls,
    warmupCalls,
    gapMs,
    limiterIntervalMs,
    coreP90Ms: quantile(coreMs, 0.9),
    barePopCoreP90Ms: quantile(bareMs, 0.9),
    server: { received: s.received, accepted: s.accepted, throttled: s.throttled, failed: s.failed },
  };
}
