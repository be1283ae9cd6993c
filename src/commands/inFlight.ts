// One call per target at a time: a second unbind of the same bucket while the first is in flight joins the first
// instead of sending another request (which would at best fail and at worst confuse the audit trail).

export class InFlightCalls {
  private readonly calls = new Map<string, Promise<unknown>>();

  static key(profile: string, action: string, target: string): string {
    return JSON.stringify([profile, action, target]);
  }

  has(key: string): boolean {
    return this.calls.has(key);
  }

  /** Starts `start` unless a call with this key is running; `joined` says which happened. */
  run<T>(key: string, start: () => Promise<T>): { promise: Promise<T>; joined: boolean } {
    const running = this.calls.get(key);
    if (running) return { promise: running as Promise<T>, joined: true };
    const promise = start().finally(() => this.calls.delete(key));
    this.calls.set(key, promise);
    return { promise, joined: false };
  }
}
