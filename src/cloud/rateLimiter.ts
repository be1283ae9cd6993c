// Client-side pacing, so bulk runs stay under Alibaba's per-action QPS instead of bouncing off it.
//
// The server counts requests in a sliding one-second window. A token bucket would allow a burst of N at once and
// then N more a moment later, which such a window rejects; so instead every call gets its own time slot, spaced
// evenly: slot = max(now, previous slot + interval). The interval carries a small safety margin so network jitter
// does not squeeze N+1 requests into one server-side second.

import * as l10n from '@vscode/l10n';
import { cancelledError } from './errors';
import { qpsFor } from './quotas';

export interface LimiterClock {
  now(): number;
  /** Resolves after `ms`; rejects (with anything) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: LimiterClock = {
  now: () => performance.now(),
  sleep: abortableSleep,
};

/** setTimeout that rejects with a cancelled CloudError as soon as the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** 2 % slower than the quota: at 100 QPS that is one slot every 10.2 ms, 98 per second. */
export const DEFAULT_SAFETY_MARGIN = 1.02;

/** Hands out evenly spaced slots for one (AccessKey, action) pair. */
export class PacedLimiter {
  readonly intervalMs: number;
  private lastSlot = -Infinity;

  constructor(
    readonly qps: number,
    private readonly clock: LimiterClock = systemClock,
    safetyMargin = DEFAULT_SAFETY_MARGIN,
  ) {
    if (!(qps > 0)) throw new RangeError(l10n.t('QPS must be positive (got {0}).', String(qps)));
    this.intervalMs = (1000 / qps) * safetyMargin;
  }

  /** Resolves at this caller's slot; rejects with a cancelled CloudError if the signal aborts first. */
  async acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw cancelledError();
    const now = this.clock.now();
    const slot = Math.max(now, this.lastSlot + this.intervalMs);
    this.lastSlot = slot;
    const wait = slot - now;
    if (wait <= 0) return;
    try {
      await this.clock.sleep(wait, signal);
    } catch {
      // Give the slot back when nobody queued behind it, so a cancelled call leaves no gap.
      if (this.lastSlot === slot) this.lastSlot = slot - this.intervalMs;
      throw cancelledError();
    }
    if (signal?.aborted) throw cancelledError();
  }
}

export interface RateLimiterRegistryOptions {
  readonly clock?: LimiterClock;
  readonly safetyMargin?: number;
  /** QPS per action; defaults to quotas.ts. */
  readonly qpsFor?: (action: string) => number;
}

/** One limiter per AccessKeyId and action: Alibaba counts quotas per account and API, not per client object. */
export class RateLimiterRegistry {
  // AccessKeyId → action → limiter. Two lookups with the caller's own strings instead of one with a key built
  // (and hashed) afresh on every attempt.
  private readonly limiters = new Map<string, Map<string, PacedLimiter>>();
  private readonly clock: LimiterClock;
  private readonly safetyMargin: number;
  private readonly qps: (action: string) => number;

  constructor(options: RateLimiterRegistryOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.safetyMargin = options.safetyMargin ?? DEFAULT_SAFETY_MARGIN;
    this.qps = options.qpsFor ?? qpsFor;
  }

  limiterFor(accessKeyId: string, action: string): PacedLimiter {
    let byAction = this.limiters.get(accessKeyId);
    if (!byAction) {
      byAction = new Map();
      this.limiters.set(accessKeyId, byAction);
    }
    let limiter = byAction.get(action);
    if (!limiter) {
      limiter = new PacedLimiter(this.qps(action), this.clock, this.safetyMargin);
      byAction.set(action, limiter);
    }
    return limiter;
  }

  acquire(accessKeyId: string, action: string, signal?: AbortSignal): Promise<void> {
    return this.limiterFor(accessKeyId, action).acquire(signal);
  }
}

/** Shared by every client in the process unless a test injects its own registry. */
export const defaultRateLimiters = new RateLimiterRegistry();
