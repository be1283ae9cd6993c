// A delaying TCP relay: what a client far from the region sees, on loopback. Put in front of a listener, it holds
// every chunk for half the round trip in each direction, and holds what a new connection sends first until one
// more round trip has passed — the time its TCP handshake would have taken — so a cold call pays the TCP
// handshake, every TLS handshake round trip (the relay works below TLS) and the request's own round trip, and a
// call on a kept-alive connection only the last. Order is kept per direction; a half-close or close travels the
// same delay as the data before it.

import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface DelayRelay {
  readonly port: number;
  /** Round trip added, ms; changeable while running (new chunks use the new value). */
  rttMs: number;
  /** Connections the relay accepted. */
  readonly accepted: () => number;
  close(): Promise<void>;
}

/** Delivers callbacks no earlier than their due time, in the order they were queued. */
class DelayedPipe {
  private readonly queue: { due: number; run: () => void }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastDue = 0;

  push(due: number, run: () => void): void {
    this.lastDue = Math.max(this.lastDue, due);
    this.queue.push({ due: this.lastDue, run });
    if (!this.timer) this.schedule();
  }

  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }

  private schedule(): void {
    const head = this.queue[0];
    if (!head) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const now = performance.now();
      while (this.queue.length > 0 && (this.queue[0]?.due ?? Infinity) <= now + 0.5) this.queue.shift()?.run();
      this.schedule();
    }, Math.max(0, head.due - performance.now()));
  }
}

/** `port`: where the relay listens (default 0 = any free port). */
export async function startDelayRelay(target: { host: string; port: number }, rttMs: number, host = '127.0.0.1', port = 0): Promise<DelayRelay> {
  const open = new Set<Socket>();
  let accepted = 0;
  const relay: { rttMs: number } = { rttMs };
  const server: Server = createServer((client) => {
    accepted++;
    const connectedAt = performance.now();
    const upstream = connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    const toServer = new DelayedPipe();
    const toClient = new DelayedPipe();
    // Client → server: nothing arrives before the handshake's round trip plus the one-way trip.
    const upDue = () => Math.max(performance.now(), connectedAt + relay.rttMs) + relay.rttMs / 2;
    const downDue = () => performance.now() + relay.rttMs / 2;
    client.on('data', (chunk) => toServer.push(upDue(), () => upstream.write(chunk)));
    upstream.on('data', (chunk) => toClient.push(downDue(), () => client.write(chunk)));
    client.on('end', () => toServer.push(upDue(), () => upstream.end()));
    upstream.on('end', () => toClient.push(downDue(), () => client.end()));
    const teardown = () => {
      toServer.clear();
      toClient.clear();
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('close', () => toServer.push(upDue(), teardown));
    upstream.on('close', () => toClient.push(downDue(), teardown));
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    get rttMs() {
      return relay.rttMs;
    },
    set rttMs(ms: number) {
      if (!(ms >= 0) || !Number.isFinite(ms)) throw new Error('the round trip must be a non-negative number of ms');
      relay.rttMs = ms;
    },
    accepted: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        open.clear();
        server.close(() => resolve());
      }),
  };
}
