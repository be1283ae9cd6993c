// A manual clock for pacing tests: sleeps resolve only when the test advances time.
import type { LimiterClock } from '../../../src/cloud/rateLimiter';

interface Sleeper {
  readonly until: number;
  readonly resolve: () => void;
}

export class FakeClock implements LimiterClock {
  private time = 0;
  private sleepers: Sleeper[] = [];
  /** Every sleep request, for asserting intervals. */
  readonly requested: number[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.requested.push(ms);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new Error('aborted'));
      const sleeper = { until: this.time + ms, resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener('abort', () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(new Error('aborted'));
      });
    });
  }

  /** Moves time forward and wakes every sleeper whose time has come, in order. */
  async advance(ms: number): Promise<void> {
    this.time += ms;
    const due = this.sleepers.filter((s) => s.until <= this.time).sort((a, b) => a.until - b.until);
    this.sleepers = this.sleepers.filter((s) => s.until > this.time);
    for (const s of due) s.resolve();
    await new Promise((r) => setImmediate(r));
  }

  get pending(): number {
    return this.sleepers.length;
  }
}
