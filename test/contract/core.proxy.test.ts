// Calls through a proxy (src/cloud/proxyPlan.ts, proxyTunnel.ts), over real sockets: a CONNECT proxy on 127.0.0.1
// tunnels to the emulator's TLS listener under a name that resolves nowhere (sts.emulator.test), so every call that
// arrives went through the proxy. Tunnels are kept alive and reused like direct connections; what the proxy refuses
// or cannot do is reported as the proxy's doing, and a proxy that cannot be used stops calls before anything is sent.
import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { INITIAL_LATENCY_MS, IN_FLIGHT_MARGIN, SPARE_IN_FLIGHT } from '../../src/cloud/rateLimiter';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../emulator/server';
import { startConnectProxy, type ConnectProxy } from '../support/connectProxy';
import { runNodeScript } from '../support/nodeScript';

/** The most calls the limiter lets out at once before it has learnt the latency (GetCallerIdentity: 100/s). */
const FIRST_PLACES = Math.ceil(((100 / 1.02) * INITIAL_LATENCY_MS * IN_FLIGHT_MARGIN) / 1000) + SPARE_IN_FLIGHT;
const AUTHORIZATION = 'Basic dGVzdDpwcm94eQ==';

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// The child trusts the run's CA (NODE_EXTRA_CA_CERTS is read only at start), makes the calls and prints what each
// step gave: 'ok' or the CloudError's code, status and message.
const CHILD = `
require('tsx/cjs');
const { StsClient, useProxySettings, closeIdleConnections } = require('./src/cloud/clients.ts');
const key = JSON.parse(process.env.EMU_KEY);
const sts = (endpoint) => new StsClient({ region: 'cn-shanghai', endpoint, credentials: { getCredentials: async () => key }, timeoutMs: 5000 });
const plan = (proxy, authorization) => useProxySettings({ support: 'on', proxy, noProxy: [], authorization, env: {} });
const step = (promise) => promise.then(() => 'ok', (e) => ({ code: e.code, kind: e.kind, httpStatus: e.httpStatus, message: e.message }));
(async () => {
  const out = {};
  const tunnelled = sts(process.env.TUNNELLED_URL);
  plan(process.env.PROXY_URL);
  out.withoutCredentials = await step(tunnelled.getCallerIdentity());
  plan(process.env.PROXY_URL, process.env.AUTHORIZATION);
  out.sequential = await step((async () => { for (let i = 0; i < 20; i++) await tunnelled.getCallerIdentity(); })());
  out.concurrent = await step(Promise.all(Array.from({ length: 30 }, () => tunnelled.getCallerIdentity())));
  out.forbidden = await step(sts(process.env.FORBIDDEN_URL).getCallerIdentity());
  out.loopback = await step(sts(process.env.LOOPBACK_URL).getCallerIdentity());
  plan(process.env.DEAD_PROXY_URL);
  out.unreachable = await step(tunnelled.getCallerIdentity());
  plan('socks5://127.0.0.1:1080');
  out.unusable = await step(tunnelled.getCallerIdentity());
  closeIdleConnections();
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { process.stderr.write(String(e && e.stack)); process.exit(1); });
`;

type Step = 'ok' | { code: string; kind: string; httpStatus?: number; message: string };

describe('core: calls through a proxy (http.proxySupport on)', () => {
  let em: RunningEmulator;
  let proxy: ConnectProxy;
  afterEach(async () => {
    await proxy?.close();
    await em?.close();
  });

  it('tunnels reuse, 407 and 403 said as the proxy’s, an unreachable proxy named, an unusable one sends nothing', async function () {
    this.timeout(40_000);
    em = await startEmulator({ quiet: true, tls: true, qpsLimits: false });
    proxy = await startConnectProxy();
    proxy.requireAuthorization(AUTHORIZATION);
    const tlsPort = new URL(String(em.tlsUrl)).port;
    const deadProxy = `http://127.0.0.1:${await closedPort()}`;
    const r = await runNodeScript(
      CHILD,
      {
        NODE_EXTRA_CA_CERTS: String(em.caFile),
        EMU_KEY: JSON.stringify(DEMO_ACCESS_KEY),
        PROXY_URL: proxy.url,
        DEAD_PROXY_URL: deadProxy,
        AUTHORIZATION,
        TUNNELLED_URL: `https://sts.emulator.test:${tlsPort}`,
        FORBIDDEN_URL: `https://sts.elsewhere.example:${tlsPort}`,
        LOOPBACK_URL: em.url,
      },
      35_000,
    );
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Record<string, Step>;

    const refused = out.withoutCredentials as Exclude<Step, 'ok'>;
    assert.equal(refused.code, 'ProxyRefused');
    assert.equal(refused.httpStatus, 407);
    assert.match(refused.message, new RegExp(`proxy ${proxy.url.replace(/[.]/g, '\\.')} \\(from http\\.proxy\\) answered 407`));
    assert.match(refused.message, /http\.proxyAuthorization/);

    assert.equal(out.sequential, 'ok');
    assert.equal(out.concurrent, 'ok');
    const forbidden = out.forbidden as Exclude<Step, 'ok'>;
    assert.equal(forbidden.code, 'ProxyRefused');
    assert.equal(forbidden.httpStatus, 403);
    assert.match(forbidden.message, /sts\.elsewhere\.example/);
    assert.equal(out.loopback, 'ok');

    const unreachable = out.unreachable as Exclude<Step, 'ok'>;
    assert.equal(unreachable.code, 'ECONNREFUSED');
    assert.equal(unreachable.kind, 'network');
    assert.match(unreachable.message, new RegExp(`Could not reach the proxy ${deadProxy.replace(/[.]/g, '\\.')}`));
    const unusable = out.unusable as Exclude<Step, 'ok'>;
    assert.equal(unusable.code, 'InvalidInput.Proxy');
    assert.match(unusable.message, /socks5 proxies are not supported.*Nothing was sent/);

    // What the proxy saw: the refused tunnel, the tunnels that carried 50 calls, the forbidden one; never the
    // loopback call (direct), nor anything after the plan changed away from it.
    const tunnelled = proxy.tunnels.filter((t) => t.host === 'sts.emulator.test' && t.proxyAuthorization === AUTHORIZATION);
    assert.equal(proxy.tunnels.filter((t) => t.host === 'sts.emulator.test' && !t.proxyAuthorization).length, 1);
    assert.equal(proxy.tunnels.filter((t) => t.host === 'sts.elsewhere.example').length, 1);
    assert.equal(proxy.tunnels.length, tunnelled.length + 2, JSON.stringify(proxy.tunnels));
    // Kept alive: at most one tunnel per call the limiter lets out at once, not one per call (50 before the fix).
    assert.ok(tunnelled.length >= 1 && tunnelled.length <= FIRST_PLACES, `${tunnelled.length} tunnels for 50 calls`);
    assert.equal(em.stats().byAction.GetCallerIdentity?.accepted, 51, 'the 50 tunnelled calls and the loopback one');
    assert.equal(em.stats().connections.tls, tunnelled.length, 'every TLS connection the emulator saw came through a tunnel');
  });
});
