// Connection reuse in a real extension host, with VS Code's proxy support off and on its default (`override`, which
// patches the host's http/https modules): a bulk of 40 unbinds reuses the connections it opened instead of one per
// call, counted at the emulator. The emulator is on loopback, where VS Code lets the extension's own agent carry
// requests in every mode.
//
// Then with a proxy in `http.proxy` and an endpoint only a proxy can reach (mts.emulator.test, which resolves
// nowhere; the test proxy tunnels it to the emulator's TLS listener): in every mode but `off` the calls go through
// the proxy — with `on` through the extension's own kept-alive tunnels, with `override` and `fallback` through
// VS Code's agent — and with `off` they go straight to the endpoint, never to the proxy.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startConnectProxy, type ConnectProxy } from '../support/connectProxy';
import {
  DEMO_ACCESS_KEY,
  clearCredentials,
  emulatorEndpoints,
  emulatorProfile,
  setCredentials,
  setProfiles,
  startTestEmulator,
  startTlsTestEmulator,
  waitFor,
  waitForLog,
  type RunningEmulator,
} from './support/harness';

const PROFILE = 'connections-it';
const BUCKETS = Array.from({ length: 40 }, (_, i) => `conn-bucket-${String(i).padStart(2, '0')}`);

interface BulkResult {
  ok: boolean;
  succeeded: number;
  failed?: number;
  outcomes?: { error?: { code?: string; message?: string } }[];
}

/** Sets a user-level `http.*` setting and waits until this extension host sees it (its listeners have run then). */
async function setHttp(key: string, value: unknown): Promise<void> {
  const http = vscode.workspace.getConfiguration('http');
  await http.update(key, value, vscode.ConfigurationTarget.Global);
  await waitFor(() => JSON.stringify(vscode.workspace.getConfiguration('http').inspect(key)?.globalValue) === JSON.stringify(value) || undefined, `http.${key} = ${JSON.stringify(value)}`);
}

describe('connections are reused', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  const http = () => vscode.workspace.getConfiguration('http');

  before(async () => {
    emulator = await startTestEmulator();
    await setProfiles([emulatorProfile(emulator, { name: PROFILE, outputBuckets: BUCKETS })]);
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
  });

  after(async () => {
    await http().update('proxySupport', undefined, vscode.ConfigurationTarget.Global);
    await clearCredentials(PROFILE);
    await setProfiles(undefined);
    await emulator?.close();
  });

  for (const mode of ['off', 'override'] as const) {
    it(`http.proxySupport ${mode}: 40 unbinds open far fewer connections than calls`, async () => {
      await http().update('proxySupport', mode, vscode.ConfigurationTarget.Global);
      emulator.state.replace({ ...emulator.state.toJSON(), mediaBuckets: BUCKETS.map((bucket) => ({ bucket, type: 'Output' as const })) });
      emulator.setLatency(30);
      emulator.resetStats();
      const result = await vscode.commands.executeCommand<BulkResult>('alicloudMedia.unbindOutputBucket', { profile: PROFILE, buckets: BUCKETS });
      emulator.setLatency(0);
      assert.equal(result.succeeded, BUCKETS.length, JSON.stringify(result));
      const { tcp } = emulator.stats().connections;
      const received = emulator.stats().received;
      assert.ok(received >= BUCKETS.length, `the emulator received ${received}`);
      // One connection per call would be 40 or more; the pool keeps about as many as are in flight (~5 at 30 ms).
      assert.ok(tcp <= 12, `${tcp} new connections for ${received} requests`);
    });
  }
});

describe('calls go through a configured proxy, never around it', function () {
  this.timeout(90_000);
  const PROXIED = 'proxy-it';
  const AUTHORIZATION = 'Basic aXQ6cHJveHk=';
  let emulator: RunningEmulator;
  let proxy: ConnectProxy;
  const buckets = BUCKETS.slice(0, 20);

  before(async () => {
    emulator = await startTlsTestEmulator();
    proxy = await startConnectProxy();
    const endpoint = `https://mts.emulator.test:${new URL(String(emulator.tlsUrl)).port}`;
    await setProfiles([emulatorProfile(emulator, { name: PROXIED, outputBuckets: buckets, endpoints: { ...emulatorEndpoints(emulator), mps: endpoint } })]);
    assert.deepEqual(await setCredentials(PROXIED, DEMO_ACCESS_KEY), { ok: true });
    await setHttp('proxy', proxy.url);
  });

  after(async () => {
    for (const key of ['proxySupport', 'proxy', 'proxyAuthorization']) await vscode.workspace.getConfiguration('http').update(key, undefined, vscode.ConfigurationTarget.Global);
    await clearCredentials(PROXIED);
    await setProfiles(undefined);
    await proxy?.close();
    await emulator?.close();
  });

  async function unbindAll(names: string[]): Promise<BulkResult> {
    emulator.state.replace({ ...emulator.state.toJSON(), mediaBuckets: names.map((bucket) => ({ bucket, type: 'Output' as const })) });
    emulator.resetStats();
    proxy.tunnels.length = 0;
    return vscode.commands.executeCommand<BulkResult>('alicloudMedia.unbindOutputBucket', { profile: PROXIED, buckets: names });
  }

  it('on: through kept-alive tunnels of the extension’s own, with http.proxyAuthorization; the log names the proxy', async () => {
    proxy.requireAuthorization(AUTHORIZATION);
    await setHttp('proxyAuthorization', AUTHORIZATION);
    await setHttp('proxySupport', 'on');
    const result = await unbindAll(buckets);
    proxy.requireAuthorization(undefined);
    assert.equal(result.succeeded, buckets.length, JSON.stringify(result));
    assert.ok(proxy.tunnels.length >= 1 && proxy.tunnels.length <= 12, `${proxy.tunnels.length} tunnels for ${buckets.length} calls`);
    assert.ok(proxy.tunnels.every((t) => t.host === 'mts.emulator.test' && t.proxyAuthorization === AUTHORIZATION), JSON.stringify(proxy.tunnels));
    assert.equal(emulator.stats().connections.tls, proxy.tunnels.length, 'every connection the emulator saw came through the proxy');
    const log = await waitForLog([`calls go through the proxy ${proxy.url} (from http.proxy)`]);
    assert.ok(!log.includes(AUTHORIZATION), 'the proxy credentials stay out of the log');
  });

  for (const mode of ['override', 'fallback'] as const) {
    it(`${mode}: VS Code takes the calls through the proxy on its own agent`, async () => {
      await setHttp('proxySupport', mode);
      const result = await unbindAll(buckets.slice(0, 5));
      assert.equal(result.succeeded, 5, JSON.stringify(result));
      assert.ok(proxy.tunnels.length >= 1 && proxy.tunnels.every((t) => t.host === 'mts.emulator.test'), JSON.stringify(proxy.tunnels));
    });
  }

  it('off: straight to the endpoint — which only the proxy could reach — and nothing to the proxy', async () => {
    await setHttp('proxySupport', 'off');
    const result = await unbindAll(buckets.slice(0, 1));
    assert.equal(result.succeeded, 0, JSON.stringify(result));
    assert.equal(proxy.tunnels.length, 0);
    assert.equal(emulator.stats().received, 0);
  });
});
