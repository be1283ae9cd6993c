// A clock the test moves by hand, for the history's write coalescing. Not a mock of anything the extension talks
// to: it stands in for setTimeout so a test can say "250 ms later" without waiting 250 ms.
import type { HistoryClock } from '../../../src/history/requestHistory';

interface Timer {
  readonly at: number;
  readonly callback: () => void;
}

export class FakeClock implements HistoryClock {
  private time = 1_000_000;
  private readonly timers = new Map<number, Timer>();
  private nextHandle = 1;

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

  pendingTimers(): number {
    return this.timers.size;
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
