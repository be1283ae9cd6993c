// The emulator's network-delay mode: a relay in front of the plain and TLS listeners makes handshakes pay their
// round trips, not only the answer. Timed with a plain Node client and a keep-alive agent: a cold request costs
// the TCP handshake plus the exchange (and over TLS its handshake too), a warm one only the exchange. The bounds
// are the round trips the relay must add (lower) and generous upper ones, not this machine's speed.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { startEmulator, type RunningEmulator } from '../emulator/server';

const RTT = 120;

function listenAnywhere(): Promise<Server> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

function timedGet(url: string, agent: http.Agent, ca?: string): Promise<number> {
  const started = performance.now();
  const get = url.startsWith('https:') ? https.get : http.get;
  return new Promise((resolve, reject) => {
    get(`${url}/__emulator/health`, { agent, ...(ca ? { ca } : {}) }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`HTTP ${res.statusCode}`))));
    }).on('error', reject);
  });
}

describe('emulator network-delay mode', () => {
  let em: RunningEmulator;
  afterEach(() => em?.close());

  it('plain: a cold request pays the TCP handshake and the exchange, a kept-alive one only the exchange', async () => {
    em = await startEmulator({ quiet: true, networkRttMs: RTT });
    const agent = new http.Agent({ keepAlive: true });
    try {
      const cold = await timedGet(em.url, agent);
      const warm = await timedGet(em.url, agent);
      assert.ok(cold >= 2 * RTT - 5 && cold < 2 * RTT + 400, `cold ${cold} ms`);
      assert.ok(warm >= RTT - 5 && warm < 2 * RTT - 20, `warm ${warm} ms`);
      assert.equal(em.stats().connections.tcp, 1, 'the warm request opened a connection');
      em.setNetworkRtt(0);
      const near = await timedGet(em.url, agent);
      assert.ok(near < RTT / 2, `without the delay ${near} ms`);
    } finally {
      agent.destroy();
    }
  });

  it('TLS: a cold request also pays the TLS handshake round trip; a kept-alive one does not', async () => {
    em = await startEmulator({ quiet: true, tls: true, networkRttMs: RTT });
    const ca = readFileSync(String(em.caFile), 'utf8');
    const agent = new https.Agent({ keepAlive: true });
    try {
      const cold = await timedGet(String(em.tlsUrl), agent, ca);
      const warm = await timedGet(String(em.tlsUrl), agent, ca);
      // TCP (1) + TLS 1.3 (1) + the request (1).
      assert.ok(cold >= 3 * RTT - 5 && cold < 3 * RTT + 500, `cold ${cold} ms`);
      assert.ok(warm >= RTT - 5 && warm < 2 * RTT - 20, `warm ${warm} ms`);
      assert.deepEqual(em.stats().connections, { tcp: 1, tls: 1, tlsResumed: 0 });
    } finally {
      agent.destroy();
    }
  });

  it('a requested port is the relay\'s, so a client given it pays the delay; a taken one fails the start', async () => {
    const probe = await listenAnywhere();
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    em = await startEmulator({ quiet: true, port, networkRttMs: RTT });
    assert.deepEqual([em.port, em.url], [port, `http://127.0.0.1:${port}`]);
    const agent = new http.Agent({ keepAlive: true });
    try {
      await timedGet(em.url, agent);
      const warm = await timedGet(em.url, agent);
      assert.ok(warm >= RTT - 5, `warm ${warm} ms`);
    } finally {
      agent.destroy();
    }
    await assert.rejects(startEmulator({ quiet: true, port, networkRttMs: RTT }), /EADDRINUSE/);
  });
});
