// Opening a connection costs its handshakes (TCP, then TLS: two or three round trips) before the request can go,
// so a call on a new connection reaches the server later than one sent at the same moment on an open connection.
// Far from the region that reorders arrivals: when the first answers free connections, calls on them overtake the
// calls still shaking hands, and the server sees twice the pace for a moment (40 throttled answers in a 600-call
// run at 200 ms). The limiter therefore paces arrivals: each agent learns what a new connection costs, and a call
// that will need one (no idle connection) books its arrival after its handshakes (rateLimiter.ts bookArrival).

import * as http from 'node:http';
import * as https from 'node:https';

/** A moving average of how long new connections took to be ready; 0 until one was. */
export interface SetupTimed {
  readonly setupMs: number;
}

/** The most one handshake is believed to cost: a stalled one says nothing about the next. */
const MAX_SETUP_MS = 2000;

export function learnSetup(previous: number, sampleMs: number): number {
  const sample = Math.min(MAX_SETUP_MS, Math.max(0, sampleMs));
  return previous === 0 ? sample : previous + 0.3 * (sample - previous);
}

function timeSetup(agent: { setupMs: number }, socket: unknown, readyEvent: 'connect' | 'secureConnect'): void {
  const started = performance.now();
  (socket as NodeJS.EventEmitter | undefined)?.once?.(readyEvent, () => {
    agent.setupMs = learnSetup(agent.setupMs, performance.now() - started);
  });
}

export class TimedHttpsAgent extends https.Agent implements SetupTimed {
  setupMs = 0;
  override createConnection(...args: Parameters<https.Agent['createConnection']>): ReturnType<https.Agent['createConnection']> {
    const socket = super.createConnection(...args);
    timeSetup(this, socket, 'secureConnect');
    return socket;
  }
}

export class TimedHttpAgent extends http.Agent implements SetupTimed {
  setupMs = 0;
  override createConnection(...args: Parameters<http.Agent['createConnection']>): ReturnType<http.Agent['createConnection']> {
    const socket = super.createConnection(...args);
    timeSetup(this, socket, 'connect');
    return socket;
  }
}
