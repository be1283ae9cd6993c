// Client-side pacing, so bulk runs stay under Alibaba's per-action QPS instead of bouncing off it.
//
// The server counts requests in a sliding one-second window. A token bucket would allow a burst of N at once and
// then N more a moment later, which such a window rejects; so instead every call gets its own time slot, spaced
// evenly: slot = max(now, previous slot + interval). The interval carries a small safety margin so network jitter
// does not squeeze N+1 requests into one server-side second. Slots alone are not enough: when the event loop stalls
// (a busy extension host, a GC pause), every timer whose slot passed fires at once, and the calls of the whole stall
// would reach the server together — N + stall × rate in its window, some of them throttled. So each call also
// checks the sends of the last second before it goes, and waits while as many went out as the spacing allows.

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

// Concurrency follows Little's law: to keep R calls a second going while each takes L seconds, R·L must be in
// flight. So the calls on the wire per (key, action) are capped at rate × observed latency × IN_FLIGHT_MARGIN
// plus a few spares (a slow answer or a GC pause must not stall the pace), never above MAX_IN_FLIGHT. Far from
// the region (300 ms) that is about 50 calls; next to it, a handful. The cap keeps a stalled server from
// collecting a socket per slot until the timeout.

/** Room above rate × latency for latency jitter. */
export const IN_FLIGHT_MARGIN = 1.5;
/** Calls in flight allowed on top of the product, whatever the latency. */
export const SPARE_IN_FLIGHT = 4;
/** The most calls one (key, action) keeps in flight: full rate (100/s) up to about 0.8 s of latency. */
export const MAX_IN_FLIGHT = 128;
/**
 * Assumed before the first answer, so a run far away starts at full pace; the first sample replaces it. As far as
 * the range the pace is kept over (600 ms): with 250, a run 600 ms away let out its 41 places and then sent nothing
 * for 200 ms until the first answer came back. Nearby it costs nothing: the first answer comes before a second
 * slot.
 */
export const INITIAL_LATENCY_MS = 600;
/** Weight of a new latency sample in the moving average: the last few dozen calls count. */
const LATENCY_WEIGHT = 0.1;

// The quota is per user, not per window: another window, a CI job or a script on the same key takes part of it,
// and the server then answers Throttling. Each such answer is a sign to share: the pace drops to what the server
// let through in the last second (at most by half, at least by a tenth; in a run younger than a second, what it let
// through per second so far, so the first calls bunching up while their connections open do not halve it). It
// holds there for a second (the server's window) or a round trip, whichever is longer, so one burst of throttled
// answers counts once, then climbs back by 5 % of the quota a second while answers come back unthrottled. Two
// windows on one key so settle at about half each (additive increase, multiplicative decrease); a client taking
// 30 % leaves us the other 70 %.

/** Pace kept after a throttled answer, at least: a tenth less. */
const THROTTLED_RATE_FACTOR = 0.9;
/** Accepted in the last second, as a share of the pace, above which a throttled answer counts as bunching. */
const BUNCHED_SHARE = 0.95;
/** Pace kept after a throttled answer that counts as bunching: 2 % less. */
const BUNCHED_RATE_FACTOR = 0.98;
/** Pace kept after a throttled answer, at most: half. */
const THROTTLED_RATE_FLOOR = 0.5;
/** Share of the quota regained per second without throttling. */
const RECOVERY_PER_SECOND = 0.05;
/** The pace never drops below this share of the quota. */
const MIN_RATE_SHARE = 0.05;

const noSetup = () => 0;

/** How an attempt ended, for the limiter: answered (a latency sample), throttled, or lost (timeout, reset). */
export type AttemptEnd = 'answered' | 'throttled' | 'lost';

/** Hands out evenly spaced slots for one (AccessKey, action) pair, and at most inFlightLimit calls at a time. */
export class PacedLimiter {
  private lastSlot = -Infinity;
  /** When the calls let out lately are expected at the server, ascending: slot plus setup (bookArrival). */
  private readonly arrivals: number[] = [];
  private rate: number;
  private running = 0;
  /** Moving average of answered attempts' time on the wire, ms. */
  private latency = INITIAL_LATENCY_MS;
  private sampled = false;
  /** Callers waiting for a place in flight, first come first served. */
  private readonly queue: (() => void)[] = [];
  /** When answers that were not throttled came back, over the last second. */
  private readonly accepted: number[] = [];
  /** No further slowdown before this: the throttled answers of one burst count once. */
  private holdUntil = -Infinity;
  private raisedAt = 0;
  /** Since when calls have kept coming (no idle second): the accepted count means something after a second. */
  private busySince = 0;
  private lastEnd = -Infinity;
  /** When calls were let out, over the last second (oldest first). */
  private readonly sent: number[] = [];
  /** The pace before the last slowdown, which the last second's sends may still show, and until when. */
  private formerRate = 0;
  private formerRateUntil = -Infinity;

  constructor(
    readonly qps: number,
    private readonly clock: LimiterClock = systemClock,
    private readonly safetyMargin = DEFAULT_SAFETY_MARGIN,
  ) {
    if (!(qps > 0)) throw new RangeError(l10n.t('QPS must be positive (got {0}).', String(qps)));
    this.rate = qps;
  }

  /** The pace now: the quota, or less while the server says someone else is using it. */
  get currentQps(): number {
    return this.rate;
  }

  get intervalMs(): number {
    return (1000 / this.rate) * this.safetyMargin;
  }

  /** Calls granted and not yet ended. */
  get inFlight(): number {
    return this.running;
  }

  get latencyMs(): number {
    return this.latency;
  }

  /** Little's law with a margin: how many calls may be granted and not yet ended. */
  get inFlightLimit(): number {
    const needed = Math.ceil(((this.rate / this.safetyMargin) * this.latency * IN_FLIGHT_MARGIN) / 1000);
    return Math.min(MAX_IN_FLIGHT, needed + SPARE_IN_FLIGHT);
  }

  /**
   * Resolves at this caller's slot, with a place in flight, returning the time granted; the caller must then call
   * end() exactly once. Rejects with a cancelled CloudError (holding nothing) if the signal aborts first.
   *
   * `setupMs`, asked as the call is about to go: how much later than a call on an open connection it would reach
   * the server (the handshakes of a new connection: connectionSetup.ts). The server counts arrivals, so a call on an
   * open connection that would arrive less than a slot after one still shaking hands waits (see bookArrival).
   */
  async acquire(signal?: AbortSignal, setupMs: () => number = noSetup): Promise<number> {
    if (signal?.aborted) throw cancelledError();
    if (this.running === 0 && this.clock.now() - this.lastEnd > 1000) this.busySince = this.clock.now();
    if (this.queue.length > 0 || this.running >= this.inFlightLimit) await this.placeInFlight(signal);
    else this.running++;
    const now = this.clock.now();
    const slot = Math.max(now, this.lastSlot + this.intervalMs);
    this.lastSlot = slot;
    let arrival: number | undefined;
    try {
      if (slot > now) await this.clock.sleep(slot - now, signal);
      for (let wait = this.windowWait(); wait > 0; wait = this.windowWait()) await this.clock.sleep(wait, signal);
      const setup = setupMs();
      arrival = this.bookArrival(slot, setup);
      const early = arrival - setup - this.clock.now();
      if (early > 0) await this.clock.sleep(early, signal);
      if (signal?.aborted) throw cancelledError();
    } catch {
      // Give the slot (and the arrival) back when nobody queued behind it, so a cancelled call leaves no gap.
      if (this.lastSlot === slot) this.lastSlot = slot - this.intervalMs;
      const booked = arrival === undefined ? -1 : this.arrivals.indexOf(arrival);
      if (booked >= 0) this.arrivals.splice(booked, 1);
      this.release();
      throw cancelledError();
    }
    // A late timer sends late: the latency is measured from now.
    const sentAt = this.clock.now();
    this.sent.push(sentAt);
    return sentAt;
  }

  /**
   * Arrivals a slot apart, not only sends: a call whose connection costs `setup` more arrives at slot + setup. Each
   * call books the earliest arrival from there that is an interval clear of every arrival already booked, and goes
   * `setup` before it. With every connection open (setup 0) the arrivals are the slots and nothing waits; while new
   * connections shake hands, calls on open ones fill the time before those arrive instead of landing together with
   * them, and none waits longer than that. Counted from planned slots, not from when timers fired, so late timers
   * do not add up.
   */
  private bookArrival(slot: number, setup: number): number {
    const interval = this.intervalMs;
    const booked = this.arrivals;
    while (booked.length > 0 && (booked[0] as number) <= slot - interval) booked.shift();
    let arrival = slot + setup;
    let at = 0;
    for (; at < booked.length; at++) {
      const other = booked[at] as number;
      if (other <= arrival - interval) continue;
      if (other >= arrival + interval) break;
      arrival = other + interval;
    }
    booked.splice(at, 0, arrival);
    return arrival;
  }

  /**
   * How long until one more call fits in the last second's sends: as many as evenly spaced slots put in any second
   * (⌊rate / margin⌋ + 1), never more than the quota. 0 in a steady run; after a stall, the overdue calls go out
   * only as the window lets them instead of together. For a second after a slowdown the window counts at the former
   * pace, which that second's sends were spaced at: counting them at the new one stopped every send for ~100 ms
   * (a tenth of a second's sends over the new count), and the calls let out together after that pause came back a
   * second later as another pause — 95.6 calls a second instead of 98, over real round trips.
   */
  private windowWait(): number {
    const now = this.clock.now();
    const sent = this.sent;
    while (sent.length > 0 && (sent[0] as number) <= now - 1000) sent.shift();
    const rate = now < this.formerRateUntil ? Math.max(this.rate, this.formerRate) : this.rate;
    const allowed = Math.max(1, Math.min(Math.floor(rate / this.safetyMargin) + 1, Math.floor(this.qps)));
    return sent.length < allowed ? 0 : (sent[sent.length - allowed] as number) + 1000 - now;
  }

  /** An attempt granted at `grantedAt` ended: frees its place, and an answer updates the latency. */
  end(grantedAt: number, how: AttemptEnd): void {
    this.lastEnd = this.clock.now();
    if (how !== 'lost') {
      const now = this.lastEnd;
      const sample = Math.max(0, now - grantedAt);
      this.latency = this.sampled ? this.latency + LATENCY_WEIGHT * (sample - this.latency) : sample;
      this.sampled = true;
      const accepted = this.accepted;
      while (accepted.length > 0 && (accepted[0] as number) <= now - 1000) accepted.shift();
      if (how === 'throttled') this.slowDown(now);
      else {
        accepted.push(now);
        // Climbing starts once the hold after a slowdown is over.
        if (now > this.raisedAt) {
          this.rate = Math.min(this.qps, this.rate + (this.qps * RECOVERY_PER_SECOND * (now - this.raisedAt)) / 1000);
          this.raisedAt = now;
        }
      }
    }
    this.release();
  }

  private slowDown(now: number): void {
    if (now < this.holdUntil) return;
    // Answers accepted in the last second, per second of it that the limiter was busy (a run may be younger).
    const busyMs = Math.min(1000, now - this.busySince - this.latency);
    const measured = busyMs >= 200 ? (this.accepted.length * 1000) / busyMs : Infinity;
    const share = Math.max(measured, this.rate * THROTTLED_RATE_FLOOR);
    // The server let through about all that was sent: this answer is the edge of a moment's bunching (late timers,
    // connections finishing their handshakes together), not someone else's share. A tenth off for that cost a
    // 600-call run at 200 ms 3 calls a second for two seconds, for one throttled answer.
    const factor = Number.isFinite(measured) && measured >= this.rate * BUNCHED_SHARE ? BUNCHED_RATE_FACTOR : THROTTLED_RATE_FACTOR;
    this.formerRate = now < this.formerRateUntil ? Math.max(this.formerRate, this.rate) : this.rate;
    this.formerRateUntil = now + 1000;
    this.rate = Math.max(this.qps * MIN_RATE_SHARE, Math.min(this.rate * factor, share));
    this.holdUntil = now + Math.max(1000, this.latency);
    this.raisedAt = this.holdUntil;
  }

  private release(): void {
    this.running--;
    // The limit may have grown with the latency: let in as many as now fit.
    while (this.queue.length > 0 && this.running < this.inFlightLimit) {
      this.running++;
      this.queue.shift()?.();
    }
  }

  /** Waits in line; the place is counted by whoever hands it over (release). */
  private placeInFlight(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const granted = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = this.queue.indexOf(granted);
        if (i >= 0) this.queue.splice(i, 1);
        reject(cancelledError());
      };
      this.queue.push(granted);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
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

  /** Waits for a slot and a place in flight; the caller ends the attempt on the limiter it got (limiterFor). */
  acquire(accessKeyId: string, action: string, signal?: AbortSignal): Promise<number> {
    return this.limiterFor(accessKeyId, action).acquire(signal);
  }
}

/** Shared by every client in the process unless a test injects its own registry. */
export const defaultRateLimiters = new RateLimiterRegistry();
