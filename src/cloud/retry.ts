// When and how long to wait before trying a failed call again.
//
// Retried: throttling, 5xx, timeouts, connection resets, non-JSON gateway pages, SignatureNonceUsed — every error
// whose CloudError.retryable is true. Never retried: auth, permission, invalid input, not found, cancellation.
// Throttling is retried for a time (throttleBudgetMs from the first attempt), not a number of attempts: it means
// another window, a script or a CI job is using the same quota, and the limiter has slowed down to share it, so
// the target's turn comes; only a quota that stays taken for the whole budget fails the call. The other faults
// keep maxAttempts.
// Each retry is a brand-new pop-core request (new nonce and timestamp) that queues at the rate limiter again.
//
// Note on writes: a reset or timeout can hide a request the server already executed, and the retry's answer
// (Bucket.NotBind, a name "not attached") would then misreport what happened. Writes declare a read-back, and the
// channel reads the state before any retry of such an attempt (readBack.ts); only a state showing that nothing
// happened lets the write be retried.

import * as l10n from '@vscode/l10n';
import { cancelledError, type CloudError } from './errors';
import { abortableSleep } from './rateLimiter';

export interface RetryPolicy {
  /** Total attempts including the first, throttled ones not counted. */
  readonly maxAttempts: number;
  /** How long throttled answers are retried, from the first attempt. */
  readonly throttleBudgetMs: number;
  /** Backoff before the first retry; doubles for each further retry. */
  readonly baseDelayMs: number;
  /** Cap on the exponential part. */
  readonly maxDelayMs: number;
  /**
   * `equal` (default) waits between half and all of the exponential delay, which keeps a minimum pause for a
   * throttled quota to refill; `full` waits anywhere from 0 to all of it.
   */
  readonly jitter: 'full' | 'equal';
  /** Longest wait honoured from a server's x-acs-retry-after. */
  readonly maxRetryAfterMs: number;
  /** [0, 1); injectable for deterministic tests. */
  readonly random: () => number;
  /** Injectable for tests; must reject when the signal aborts. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Milliseconds, for the throttling budget; injectable for tests. */
  readonly now: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  throttleBudgetMs: 60_000,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  jitter: 'equal',
  maxRetryAfterMs: 30_000,
  random: Math.random,
  sleep: abortableSleep,
  now: () => performance.now(),
};

export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(l10n.t('maxAttempts must be a positive integer (got {0}).', String(policy.maxAttempts)));
  }
  return policy;
}

export function isRetryable(err: CloudError): boolean {
  return err.retryable && err.kind !== 'cancelled';
}

/**
 * Whether a call gets another attempt: `attempt` counts its failed attempts other than throttled ones (1-based),
 * `elapsedMs` the time since its first attempt.
 */
export function shouldRetry(err: CloudError, attempt: number, policy: RetryPolicy, elapsedMs = 0): boolean {
  if (!isRetryable(err)) return false;
  return err.kind === 'throttled' ? elapsedMs < policy.throttleBudgetMs : attempt < policy.maxAttempts;
}

/**
 * Delay before retry number `retry` (1 for the first retry). The exponential part is min(max, base·2^(retry−1));
 * jitter spreads clients apart; a server's x-acs-retry-after is a floor.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, err?: CloudError): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const r = Math.min(Math.max(policy.random(), 0), 1);
  const jittered = policy.jitter === 'full' ? exponential * r : exponential / 2 + (exponential / 2) * r;
  const floor = err?.retryAfterMs !== undefined ? Math.min(err.retryAfterMs, policy.maxRetryAfterMs) : 0;
  return Math.round(Math.max(jittered, floor));
}

export interface RetryHooks {
  readonly signal?: AbortSignal;
  /** Called before each wait: the attempt that failed, the wait, and why. */
  readonly onRetry?: (attempt: number, delayMs: number, err: CloudError) => void;
}

/**
 * Runs `attempt(n)` until it succeeds, fails with something not worth retrying, or the attempts run out.
 * `attempt` must throw CloudErrors. Abort rejects at once with kind cancelled.
 */
export async function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  const started = policy.now();
  let counted = 0;
  for (let n = 1; ; n++) {
    if (hooks.signal?.aborted) throw cancelledError();
    try {
      return await attempt(n);
    } catch (thrown) {
      const err = thrown as CloudError;
      if (err.kind !== 'throttled') counted++;
      if (!shouldRetry(err, counted, policy, policy.now() - started) || hooks.signal?.aborted) throw err;
      const delay = backoffDelay(n, policy, err);
      hooks.onRetry?.(n, delay, err);
      try {
        await policy.sleep(delay, hooks.signal);
      } catch {
        throw cancelledError();
      }
    }
  }
}
