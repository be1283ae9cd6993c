// Find Access to App at scale: one scan of 1,000 identities (900 RAM users, 100 roles) against a fresh in-process
// emulator that enforces ListAppPoliciesForIdentity's QPS, through the same path the command takes — the core's
// scanAppAccess over a ProfileSession's RAM client and its scan VOD client (src/profiles/profileSessions.ts),
// with the AccessKey in a SecretStorage-shaped store. Left out: the quick picks, the progress notification and
// the tree (the store's progress hook is kept as a counter).
import { isPartial, scanAppAccess } from '../src/cloud/accessScan';
import { closeIdleConnections, qpsFor } from '../src/cloud/clients';
import type { CallObserver } from '../src/cloud';
import { startEmulator } from '../test/emulator/server';
import { SCAN_APP, accessScanState } from '../test/support/accessScanState';
import { emulatorSession } from '../test/support/emulatorProfile';
import { BENCH_KEY, BENCH_REGION } from './fixtures';
import { steadyRateOf } from './steadyRate';

const ACTION = 'ListAppPoliciesForIdentity';
const PROFILE = 'bench-scan';

export interface AccessScanBench {
  readonly identities: number;
  readonly seconds: number;
  /** ListAppPoliciesForIdentity calls answered per wall-clock second of the whole scan (directory listing included). */
  readonly reqPerSec: number;
  /**
   * The pace the emulator saw: accepted listings between the first and the last accepted arrival, (n − 1) /
   * (t_last − t_first) (steadyRate.ts); null under two. The share-of-limit target is judged on it.
   */
  readonly steadyReqPerSec: number | null;
  readonly qpsLimit: number;
  /** Identities whose listing ended as a throttling error the user would see. */
  readonly throttledSurfaced: number;
  readonly found: number;
  readonly expectedFound: number;
  readonly failed: number;
  readonly retries: number;
  readonly progressReports: number;
  /** What the emulator counted for the action. */
  readonly server: { received: number; accepted: number; throttled: number; peakPerSecond: number };
  /** Records the scan sent to the log/history observer (failures only; see ProfileSession.scanVod). */
  readonly recordsObserved: number;
}

export async function benchAccessScan(count: number, latencyMs: number, progress: (line: string) => void): Promise<AccessScanBench> {
  const roles = Math.round(count / 10);
  const { state, holders } = accessScanState({ users: count - roles, roles, holderEvery: 50 });
  const em = await startEmulator({ port: 0, quiet: true, latencyMs, state });
  try {
    let retries = 0;
    let recordsObserved = 0;
    const observer: CallObserver = {
      onCall: (r) => {
        if (r.action === ACTION) recordsObserved++;
      },
      onRetry: () => {
        retries++;
      },
    };
    const session = emulatorSession({ endpoint: em.url, profile: PROFILE, region: BENCH_REGION, key: BENCH_KEY, observer, timeoutMs: 10_000 });
    let progressReports = 0;
    progress(`accessScan: ${count} identities @ ${latencyMs} ms…`);
    const started = performance.now();
    const result = await scanAppAccess({ ram: session.ram(), vod: session.scanVod() }, SCAN_APP.appId, { onProgress: () => void progressReports++ });
    const seconds = (performance.now() - started) / 1000;
    closeIdleConnections();
    const s = em.stats().byAction[ACTION] ?? { received: 0, accepted: 0, throttled: 0, failed: 0, peakPerSecond: 0 };
    if (isPartial(result)) progress(`accessScan: partial result (${result.scanned}/${result.total}, ${result.failures.length} failed)`);
    return {
      identities: result.total,
      seconds,
      reqPerSec: seconds > 0 ? s.accepted / seconds : 0,
      steadyReqPerSec: steadyRateOf(s),
      qpsLimit: qpsFor(ACTION),
      throttledSurfaced: result.failures.filter((f) => f.error.kind === 'throttled').length,
      found: result.found.length,
      expectedFound: holders.length,
      failed: result.failures.length,
      retries,
      progressReports,
      server: { received: s.received, accepted: s.accepted, throttled: s.throttled, peakPerSecond: s.peakPerSecond },
      recordsObserved,
    };
  } finally {
    await em.close();
  }
}
