// When and how long to wait before trying a failed call again.
//
// Retried: throttling, 5xx, timeouts, connection resets, non-JSON gateway pages, SignatureNonceUsed — every error
// whose CloudError.retryable is true. Never retried: auth, permission, invalid input, not found, cancellation.
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
  /** Total attempts including the first. */
  readonly maxAttempts: number;
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
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  jitter: 'equal',
  maxRetryAfterMs: 30_000,
  random: Math.random,
  sleep: abortableSleep,
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

/** Whether the call that failed on attempt number `attempt` (1-based) gets another one. */
export function shouldRetry(err: CloudError, attempt: number, policy: RetryPolicy): boolean {
  return attempt < policy.maxAttempts && isRetryable(err);
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
  for (let n = 1; ; n++) {
    if (hooks.signal?.aborted) throw cancelledError();
    try {
      return await attempt(n);
    } catch (thrown) {
      const err = thrown as CloudError;
      if (!shouldRetry(err, n, policy) || hooks.signal?.aborted) throw err;
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
