// Running one action over many targets (150 buckets to unbind, 40 identities to detach) with a per-target report.
//
// Concurrency only keeps enough calls queued to use the quota; the rate limiter does the pacing. Cancelling stops
// new calls from starting and aborts the signal handed to calls already started; those still settle (with their
// real outcome, or kind cancelled if they honour the signal) and are reported. Targets never started are
// 'skipped'. runBulk never rejects.

import { setMaxListeners } from 'node:events';
import { CloudError, cancelledError, toCloudError } from './errors';

export type BulkOutcome<T, R> =
  | { readonly target: T; readonly status: 'succeeded'; readonly result: R }
  | { readonly target: T; readonly status: 'failed'; readonly error: CloudError }
  | { readonly target: T; readonly status: 'skipped' };

export interface BulkReport<T, R> {
  /** In target order. */
  readonly outcomes: BulkOutcome<T, R>[];
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
  /** True when the signal aborted before every target had started. */
  readonly cancelled: boolean;
}

export interface BulkOptions<T, R> {
  /** Calls kept in flight; default 16. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** After each target settles; `done` counts settled targets. Exceptions are swallowed. */
  readonly onSettled?: (outcome: BulkOutcome<T, R>, done: number, total: number) => void;
}

export const DEFAULT_BULK_CONCURRENCY = 16;

export async function runBulk<T, R>(
  targets: readonly T[],
  run: (target: T, signal: AbortSignal) => Promise<R>,
  options: BulkOptions<T, R> = {},
): Promise<BulkReport<T, R>> {
  const total = targets.length;
  const outcomes: (BulkOutcome<T, R> | undefined)[] = new Array(total).fill(undefined);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_BULK_CONCURRENCY));
  // Our own controller, so a caller's signal that never aborts still gives `run` a real signal.
  const controller = new AbortController();
  // Every call in flight listens to this signal (limiter wait, request, backoff): that is expected, not a leak.
  setMaxListeners(Math.max(10, concurrency * 4), controller.signal);
  const onAbort = () => controller.abort();
  const outer = options.signal;
  if (outer?.aborted) controller.abort();
  else outer?.addEventListener('abort', onAbort, { once: true });

  let next = 0;
  let done = 0;

  const settle = (index: number, outcome: BulkOutcome<T, R>) => {
    outcomes[index] = outcome;
    done++;
    try {
      options.onSettled?.(outcome, done, total);
    } catch {
      // Progress reporting must not break the run.
    }
  };

  const worker = async () => {
    while (next < total) {
      if (controller.signal.aborted) return;
      const index = next++;
      const target = targets[index] as T;
      try {
        const result = await run(target, controller.signal);
        settle(index, { target, status: 'succeeded', result });
      } catch (thrown) {
        const error = controller.signal.aborted && !(thrown instanceof CloudError) ? cancelledError() : toCloudError(thrown);
        settle(index, { target, status: 'failed', error });
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  } finally {
    outer?.removeEventListener('abort', onAbort);
  }

  const final = outcomes.map((o, i): BulkOutcome<T, R> => o ?? { target: targets[i] as T, status: 'skipped' });
  const count = (status: BulkOutcome<T, R>['status']) => final.filter((o) => o.status === status).length;
  const skipped = count('skipped');
  return {
    outcomes: final,
    succeeded: count('succeeded'),
    failed: count('failed'),
    skipped,
    // A worker stops early only on abort, and every target it takes settles, so this is "stopped by the abort".
    cancelled: controller.signal.aborted && skipped > 0,
  };
}
