// One clock the tests move by hand, for everything that waits: the rate limiter's sleeps and the history's write
// coalescing. Not a mock of anything the extension talks to: it stands in for setTimeout so a test can say "250 ms
// later" without waiting 250 ms. Timers fire in order, and the promises each one starts settle before the next.
import type { LimiterClock } from '../../src/cloud/rateLimiter';
import type { HistoryClock } from '../../src/history/requestHistory';

interface Timer {
  readonly at: number;
  readonly callback: () => void;
}

export class FakeClock implements LimiterClock, HistoryClock {
  private time: number;
  private readonly timers = new Map<number, Timer>();
  private nextHandle = 1;
  /** Every sleep asked for, for asserting intervals. */
  readonly requested: number[] = [];

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + ms, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.requested.push(ms);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new Error('aborted'));
      const handle = this.setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => {
        this.clearTimeout(handle);
        reject(new Error('aborted'));
      });
    });
  }

  /** Timers and sleeps not yet due. */
  get pending(): number {
    return this.timers.size;
  }

  /**
   * An event-loop stall: time moves on and no timer fires until it ends; then every overdue one fires at once, at
   * the stall's end (as Node's timers do after a blocked loop).
   */
  async stall(ms: number): Promise<void> {
    this.time += ms;
    await this.advance(0);
  }

  /** Moves time forward, firing due timers in order and letting the promises they start settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = Math.max(this.time, due[1].at);
      due[1].callback();
    }
    this.time = end;
    await settle();
  }
}

/** Lets every promise chain that is already runnable finish (a few macrotask turns). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
