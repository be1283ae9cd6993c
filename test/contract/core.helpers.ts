// Shared setup for the cloud core's contract tests: core clients pointed at a running emulator, with their own
// rate-limiter registry (so tests never share pacing state) and fast retries.
import { inspect } from 'node:util';
import type { ClientOptions } from '../../src/cloud/clientOptions';
import { MpsClient } from '../../src/cloud/mps';
import { RateLimiterRegistry } from '../../src/cloud/rateLimiter';
import type { AccessKeyCredentials, CallRecord } from '../../src/cloud/types';
import { VodClient } from '../../src/cloud/vod';
import { closeIdleConnections } from '../../src/cloud/rpc';
import type { EmulatorStateJson } from '../emulator/state';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../emulator/server';

export interface Harness {
  readonly records: CallRecord[];
  readonly retries: number[];
  options(extra?: Partial<ClientOptions>): ClientOptions;
  mps(extra?: Partial<ClientOptions>): MpsClient;
  vod(extra?: Partial<ClientOptions>): VodClient;
}

export function harness(em: RunningEmulator, key: AccessKeyCredentials = DEMO_ACCESS_KEY): Harness {
  const records: CallRecord[] = [];
  const retries: number[] = [];
  const limiters = new RateLimiterRegistry();
  const options = (extra: Partial<ClientOptions> = {}): ClientOptions => ({
    region: 'cn-shanghai',
    endpoint: em.url,
    credentials: { getCredentials: async () => key },
    profile: 'contract',
    observer: { onCall: (r) => records.push(r), onRetry: (i) => retries.push(i.attempt) },
    timeoutMs: 2000,
    retry: { baseDelayMs: 10, maxDelayMs: 40 },
    limiters,
    ...extra,
  });
  return {
    records,
    retries,
    options,
    mps: (extra) => new MpsClient(options(extra)),
    vod: (extra) => new VodClient(options(extra)),
  };
}

/** Awaits a promise that must reject and returns what it rejected with. */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Every way an error ends up as text in a log, a notification or a crash report. */
export function printable(err: unknown): string {
  return [
    (err as Error).message,
    (err as Error).stack,
    String(err),
    JSON.stringify(err),
    inspect(err),
    inspect(err, { showHidden: true, depth: 10 }),
  ].join('\n');
}

/**
 * One fresh emulator (demo state) and harness per test, closed afterwards with the clients' idle sockets. Call at
 * the top of a describe; read `em`/`h` inside tests.
 */
export function emulatorPerTest(): { readonly em: RunningEmulator; readonly h: Harness; restart(state: EmulatorStateJson): Promise<void> } {
  const current: { em?: RunningEmulator; h?: Harness } = {};
  beforeEach(async () => {
    current.em = await startEmulator({ quiet: true });
    current.h = harness(current.em);
  });
  afterEach(async () => {
    closeIdleConnections();
    await current.em?.close();
  });
  return {
    get em() {
      return current.em as RunningEmulator;
    },
    get h() {
      return current.h as Harness;
    },
    /** For a test that needs other state: this test's emulator is replaced (and still closed afterwards). */
    async restart(state: EmulatorStateJson) {
      await current.em?.close();
      current.em = await startEmulator({ quiet: true, state });
      current.h = harness(current.em);
    },
  };
}
