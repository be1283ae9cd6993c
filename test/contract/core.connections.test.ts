// Connection reuse, counted at the emulator: one keep-alive pool per endpoint, shared by every key and client, so
// a bulk opens about as many connections as it keeps calls in flight and later calls reuse them; over TLS a new
// connection resumes the session instead of a full handshake. (In VS Code, what the proxy settings do to this pool
// is VS Code's: src/cloud/connections.ts.)
import { strict as assert } from 'node:assert';
import { runBulk } from '../../src/cloud/bulk';
import { closeIdleConnections } from '../../src/cloud/rpc';
import { RateLimiterRegistry, INITIAL_LATENCY_MS, IN_FLIGHT_MARGIN, SPARE_IN_FLIGHT } from '../../src/cloud/rateLimiter';
import { StsClient } from '../../src/cloud/sts';
import { DEMO_ACCESS_KEY, DEMO_RAM_USER_KEY, startEmulator, type RunningEmulator } from '../emulator/server';
import { runNodeScript } from '../support/nodeScript';

/** The most calls the limiter lets out before it has learnt the latency (GetCallerIdentity: 100/s). */
const FIRST_PLACES = Math.ceil(((100 / 1.02) * INITIAL_LATENCY_MS * IN_FLIGHT_MARGIN) / 1000) + SPARE_IN_FLIGHT;

function sts(em: RunningEmulator, key: { accessKeyId: string; accessKeySecret: string }, limiters: RateLimiterRegistry): StsClient {
  return new StsClient({ region: 'cn-shanghai', endpoint: em.url, credentials: { getCredentials: async () => key }, timeoutMs: 5000, limiters });
}

describe('core: connections are reused', () => {
  let em: RunningEmulator;
  afterEach(async () => {
    closeIdleConnections();
    await em?.close();
  });

  it('a bulk opens at most one connection per call in flight, a second bulk (another key) opens none or almost none', async function () {
    this.timeout(20_000);
    em = await startEmulator({ quiet: true, latencyMs: 20 });
    const limiters = new RateLimiterRegistry();
    const calls = Array.from({ length: 200 }, (_, i) => i);
    const first = await runBulk(calls, (_i, signal) => sts(em, DEMO_ACCESS_KEY, limiters).getCallerIdentity({ signal }));
    assert.equal(first.succeeded, 200);
    const afterFirst = em.stats().connections.tcp;
    assert.ok(afterFirst <= FIRST_PLACES, `${afterFirst} connections for 200 calls`);
    const second = await runBulk(calls, (_i, signal) => sts(em, DEMO_RAM_USER_KEY, limiters).getCallerIdentity({ signal }));
    assert.equal(second.succeeded, 200);
    const added = em.stats().connections.tcp - afterFirst;
    // The other key has its own pace and learns the latency afresh, so it may need a few more sockets at first.
    assert.ok(added <= FIRST_PLACES - afterFirst + 2, `the second bulk opened ${added} more (first: ${afterFirst})`);
    // Accepted, not received: a call the server throttled was retried, on a connection already open.
    assert.equal(em.stats().byAction.GetCallerIdentity?.accepted, 400);
  });

  it('over TLS: sequential calls share one connection, and a new connection resumes the TLS session', async function () {
    this.timeout(30_000);
    em = await startEmulator({ quiet: true, tls: true });
    // A child Node trusts the run's CA (NODE_EXTRA_CA_CERTS is read only at start) and makes the calls.
    const child = `
require('tsx/cjs');
const { StsClient, forgetCachedClients, closeIdleConnections } = require('./src/cloud/clients.ts');
const { agentFor } = require('./src/cloud/connections.ts');
const key = JSON.parse(process.env.EMU_KEY);
// Over TLS a connection can return to the pool a moment after its answer was read (once the request's write has
// finished too): wait for it to be idle, or the close below may find it still busy and leave it open.
const idle = async () => {
  const agent = agentFor(process.env.EMU_URL);
  while (!Object.values(agent.freeSockets).some((sockets) => sockets.length > 0)) await new Promise((resolve) => setTimeout(resolve, 1));
};
const client = new StsClient({ region: 'cn-shanghai', endpoint: process.env.EMU_URL, credentials: { getCredentials: async () => key } });
(async () => {
  for (let i = 0; i < 20; i++) await client.getCallerIdentity();
  await idle();
  forgetCachedClients(); // closes idle connections, keeps the pool (and its TLS sessions)
  for (let i = 0; i < 20; i++) await client.getCallerIdentity();
  closeIdleConnections();
})().catch((e) => { process.stderr.write(String(e && e.code)); process.exit(1); });
`;
    const r = await runNodeScript(child, { NODE_EXTRA_CA_CERTS: String(em.caFile), EMU_URL: String(em.tlsUrl), EMU_KEY: JSON.stringify(DEMO_ACCESS_KEY) }, 25_000);
    assert.equal(r.code, 0, r.stderr);
    const s = em.stats();
    assert.equal(s.received, 40);
    assert.deepEqual(s.connections, { tcp: 2, tls: 2, tlsResumed: 1 }, JSON.stringify(s.connections));
  });

  it('learns what a new connection costs over a distance, and says 0 while an idle connection can carry the call', async function () {
    this.timeout(30_000);
    const rttMs = 100;
    em = await startEmulator({ quiet: true, tls: true, networkRttMs: rttMs });
    // In a child that trusts the run's CA: the setup cost before any connection, with the only one idle, and with
    // it busy carrying a call (a next call would need a new connection).
    const child = `
require('tsx/cjs');
const { StsClient, closeIdleConnections } = require('./src/cloud/clients.ts');
const { connectionSetupMs } = require('./src/cloud/connections.ts');
const url = process.env.EMU_URL;
const key = JSON.parse(process.env.EMU_KEY);
const client = new StsClient({ region: 'cn-shanghai', endpoint: url, credentials: { getCredentials: async () => key } });
(async () => {
  const out = { before: connectionSetupMs(url) };
  await client.getCallerIdentity();
  out.idle = connectionSetupMs(url);
  const onTheWire = client.getCallerIdentity();
  await new Promise((resolve) => setTimeout(resolve, 20));
  out.busy = connectionSetupMs(url);
  await onTheWire;
  closeIdleConnections();
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { process.stderr.write(String(e && e.stack)); process.exit(1); });
`;
    const r = await runNodeScript(child, { NODE_EXTRA_CA_CERTS: String(em.caFile), EMU_URL: String(em.tlsUrl), EMU_KEY: JSON.stringify(DEMO_ACCESS_KEY) }, 25_000);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { before: number; idle: number; busy: number };
    assert.equal(out.before, 0, 'nothing learnt before the first connection');
    assert.equal(out.idle, 0, 'an idle connection carries the next call');
    // The TCP handshake's round trip and TLS 1.3's: about two round trips, never the whole call's time.
    assert.ok(out.busy >= 1.5 * rttMs && out.busy < 10 * rttMs, `a new connection costs ${out.busy} ms at ${rttMs} ms round trips`);
  });
});
