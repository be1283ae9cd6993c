// Running one action over many targets (150 buckets to unbind, 40 identities to detach) with a per-target report.
//
// Concurrency only keeps enough calls queued to use the quota; the rate limiter does the pacing and decides how
// many of them are on the wire (rate × latency, rateLimiter.ts), so the default is its cap, not a fixed pool. Cancelling stops
// new calls from starting and aborts the signal handed to calls already started. A call that stops at that signal
// before its request went out rejects with kind cancelled and is reported 'skipped' (not sent), like the targets
// never started; one whose request is on the wire settles with its real outcome (rpc.ts), and the run waits for it
// (onFinishing says how many). runBulk never rejects.

import { setMaxListeners } from 'node:events';
import { CloudError, cancelledError, toCloudError } from './errors';

export type BulkOutcome<T, R> =
  | { readonly target: T; readonly status: 'succeeded'; readonly result: R }
  | { readonly target: T; readonly status: 'failed'; readonly error: CloudError }
  /** Not sent. `reason`: the cancel that stopped a started call before its request went out. */
  | { readonly target: T; readonly status: 'skipped'; readonly reason?: CloudError };

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
  /** Calls started at once; default the limiter's cap on calls in flight (MAX_IN_FLIGHT). */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** After each target settles; `done` counts settled targets. Exceptions are swallowed. */
  readonly onSettled?: (outcome: BulkOutcome<T, R>, done: number, total: number) => void;
  /**
   * After a cancel, how many started calls are still running: once those that stop at the cancel have (a turn of
   * the event loop later; what is left went out), then again as each settles. Exceptions are swallowed.
   */
  readonly onFinishing?: (running: number) => void;
}

export const DEFAULT_BULK_CONCURRENCY = 128;

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
  let next = 0;
  let done = 0;
  let running = 0;
  /** Set a turn after the cancel: from then on, every call still running is one that went out. */
  let finishing = false;
  let finishingTimer: NodeJS.Timeout | undefined;

  const tell = <A extends unknown[]>(hook: ((...args: A) => void) | undefined, ...args: A) => {
    try {
      hook?.(...args);
    } catch {
      // Progress reporting must not break the run.
    }
  };
  const onAbort = () => {
    controller.abort();
    // Calls waiting for a slot or a retry reject within this turn; what still runs after it is on the wire.
    finishingTimer = setTimeout(() => {
      finishing = true;
      if (running > 0) tell(options.onFinishing, running);
    }, 0);
  };
  const outer = options.signal;
  if (outer?.aborted) controller.abort();
  else outer?.addEventListener('abort', onAbort, { once: true });

  const settle = (index: number, outcome: BulkOutcome<T, R>) => {
    outcomes[index] = outcome;
    done++;
    running--;
    tell(options.onSettled, outcome, done, total);
    if (finishing && running > 0) tell(options.onFinishing, running);
  };

  const worker = async () => {
    while (next < total) {
      if (controller.signal.aborted) return;
      const index = next++;
      const target = targets[index] as T;
      running++;
      try {
        const result = await run(target, controller.signal);
        settle(index, { target, status: 'succeeded', result });
      } catch (thrown) {
        const error = controller.signal.aborted && !(thrown instanceof CloudError) ? cancelledError() : toCloudError(thrown);
        settle(index, error.kind === 'cancelled' ? { target, status: 'skipped', reason: error } : { target, status: 'failed', error });
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  } finally {
    outer?.removeEventListener('abort', onAbort);
    clearTimeout(finishingTimer);
  }

  const final = outcomes.map((o, i): BulkOutcome<T, R> => o ?? { target: targets[i] as T, status: 'skipped' });
  const count = (status: BulkOutcome<T, R>['status']) => final.filter((o) => o.status === status).length;
  const skipped = count('skipped');
  return {
    outcomes: final,
    succeeded: count('succeeded'),
    failed: count('failed'),
    skipped,
    // Only the abort makes a worker stop early or a started call skip, so this is "stopped by the abort".
    cancelled: controller.signal.aborted && skipped > 0,
  };
}
