// The host we show is the host we call. pop-core hands the endpoint to httpx, which re-parses `${endpoint}/` with
// Node's legacy url.parse and connects to `hostname || 'localhost'` on `port || 443/80` (httpx lib/index.js).
// Every endpoint our validator accepts must give url.parse the same host and port the WHATWG parser shows.
import { strict as assert } from 'node:assert';
import { createServer, Socket, type AddressInfo } from 'node:net';
import { parse as legacyParse } from 'node:url';
import { CloudError } from '../../../src/cloud/errors';
import { resolveEndpoint, validateEndpoint } from '../../../src/cloud/endpoints';
import { MpsClient } from '../../../src/cloud/mps';
import { closeIdleConnections } from '../../../src/cloud/rpc';
import manifest from '../../../package.json';

/** Host and port the way people see them: the WHATWG parse of the resolved endpoint. */
function shown(endpoint: string): { host: string; port: number } {
  const url = new URL(endpoint);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)) };
}

/** Host and port the way httpx computes them for pop-core's POST URL. */
function called(endpoint: string): { host: string; port: number } {
  const parsed = legacyParse(`${endpoint}/`);
  return { host: parsed.hostname || 'localhost', port: Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80)) };
}

const HOSTS = ['localhost', '127.0.0.1', 'mts-vpc.cn-shanghai.aliyuncs.com', '[::1]', 'example.com', '10.0.0.1'];
// Every printable ASCII character, controls, and a few non-ASCII ones that parsers treat specially.
const INSERTS = [
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
  '\t', '\n', '\r', '\u0000', '\u007f', '\u00e9', '\u3002', '\uff0e', '\u2028', '%2e', '%27', '\\', '..', 'xn--',
];

function corpus(): string[] {
  const out = new Set<string>();
  for (const scheme of ['https://', 'http://', 'HTTPS://']) {
    for (const host of HOSTS) {
      for (const port of ['', ':8765', ':443', ':0', ':08080', ':65536']) {
        out.add(`${scheme}${host}${port}`);
        out.add(`${scheme}${host}${port}/`);
        for (const insert of INSERTS) {
          const bare = host.replace(/^\[|\]$/g, '');
          const cut = Math.floor(bare.length / 2);
          const wrap = (h: string) => (host.startsWith('[') ? `[${h}]` : h);
          out.add(`${scheme}${wrap(bare + insert)}${port}`);
          out.add(`${scheme}${wrap(insert + bare)}${port}`);
          out.add(`${scheme}${wrap(bare.slice(0, cut) + insert + bare.slice(cut))}${port}`);
          out.add(`${scheme}${host}${insert}.mts-vpc.cn-shanghai.aliyuncs.com${port}`);
        }
      }
    }
  }
  // Hosts the WHATWG parser rewrites: shown one way, typed another.
  for (const h of ['127.1', '0x7f.0.0.1', '2130706433', '0177.0.0.1', '[0:0::1]', '[::ffff:127.0.0.1]', 'LOCALHOST', '127.0.0.1.']) {
    out.add(`http://${h}:8765`);
    out.add(`https://${h}`);
  }
  return [...out];
}

describe('endpoints: the host we show is the host we call', () => {
  const all = corpus();
  const accepted = all.filter((e) => validateEndpoint(e) === undefined);

  it('the corpus has both accepted and refused endpoints', () => {
    assert.ok(all.length > 5000, `corpus of ${all.length}`);
    assert.ok(accepted.length > 50, `${accepted.length} accepted`);
    assert.ok(all.length - accepted.length > 5000);
  });

  it('for every accepted endpoint url.parse (httpx) yields the host and port we display', () => {
    for (const endpoint of accepted) {
      const resolved = resolveEndpoint('mps', 'cn-shanghai', endpoint);
      assert.deepEqual(called(resolved), shown(resolved), `endpoint ${JSON.stringify(endpoint)} resolved to ${resolved}`);
      // The typed text and the resolved text name the same place too.
      assert.deepEqual(shown(resolved), shown(endpoint.toLowerCase()), JSON.stringify(endpoint));
    }
  });

  it('refuses the hostile shapes, naming the offending character', () => {
    for (const ch of ["'", '"', ';', '{', '}', '`', '|', '^', '<', '>', ' ', '\\', '%', '_', '\u00e9']) {
      const endpoint = `https://localhost${ch}.mts-vpc.cn-shanghai.aliyuncs.com:8765`;
      const problem = validateEndpoint(endpoint);
      assert.ok(problem, JSON.stringify(endpoint));
      assert.throws(() => resolveEndpoint('mps', 'cn-shanghai', endpoint), (e: unknown) => e instanceof CloudError && e.kind === 'invalid-input');
    }
    assert.match(validateEndpoint("https://localhost'.mts-vpc.cn-shanghai.aliyuncs.com:8765")!, /: "'" is not allowed in a host/);
    assert.match(validateEndpoint('http://127.1:8765')!, /usual form.*127\.0\.0\.1/);
    assert.match(validateEndpoint('https://example.com:08080')!, /leading zeros/);
    assert.match(validateEndpoint('https://example.com:0')!, /1 to 65535/);
    assert.ok(!/\n/.test(validateEndpoint('https://a\nb.example.com')!), 'no raw newline echoed');
  });

  it('still accepts the everyday endpoints', () => {
    for (const e of ['https://mts.cn-shanghai.aliyuncs.com', 'https://mts-vpc.cn-shanghai.aliyuncs.com:443/', 'http://127.0.0.1:8765', 'http://localhost:1', 'http://[::1]:9000/', 'https://[2001:db8::1]:8443', 'https://10.0.0.1']) {
      assert.equal(validateEndpoint(e), undefined, e);
    }
  });

  it('package.json patterns accept everything the validator accepts and refuse every hostile host character', () => {
    const props = manifest.contributes.configuration.properties['alicloudMedia.profiles'].items.properties.endpoints.properties;
    for (const product of ['mps', 'vod'] as const) {
      const pattern = new RegExp(props[product].pattern);
      for (const e of accepted.filter((x) => x === x.toLowerCase())) assert.ok(pattern.test(e), `${product} pattern refuses ${JSON.stringify(e)}`);
      for (const e of all) {
        if (/[^A-Za-z0-9.:/[\]-]/.test(e)) assert.ok(!pattern.test(e), `${product} pattern accepts ${JSON.stringify(e)}`);
      }
    }
  });

  it('declares extensionKind ui first, so keys stay on the local side in remote windows', () => {
    assert.deepEqual(manifest.extensionKind, ['ui', 'workspace']);
  });

  describe('a crafted endpoint sends nothing', () => {
    const realConnect = Socket.prototype.connect;
    let connects: unknown[];
    beforeEach(() => {
      connects = [];
      // A spy, not a mock: it records every outgoing connection (to any host and port) and then connects as usual.
      Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
        connects.push(args[0]);
        return (realConnect as (...a: unknown[]) => Socket).apply(this, args);
      } as typeof Socket.prototype.connect;
    });
    afterEach(() => {
      Socket.prototype.connect = realConnect;
      closeIdleConnections();
    });

    it('is refused before any connection, and the listener it names sees none', async () => {
      let accepted = 0;
      const listener = createServer((sock) => {
        accepted++;
        sock.destroy();
      });
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      const port = (listener.address() as AddressInfo).port;
      try {
        for (const endpoint of [
          `https://localhost'.mts-vpc.cn-shanghai.aliyuncs.com:${port}`,
          `https://127.0.0.1{x}.mts-vpc.cn-shanghai.aliyuncs.com:${port}`,
          `https://127.0.0.1\`.mts-vpc.cn-shanghai.aliyuncs.com:${port}`,
          `https://127.0.0.1;.mts-vpc.cn-shanghai.aliyuncs.com:${port}`,
        ]) {
          // What httpx would have done with it: another host, and the port lost.
          assert.notEqual(called(endpoint).port, port);
          const problem = (() => {
            try {
              const client = new MpsClient({ region: 'cn-shanghai', endpoint, credentials: { getCredentials: async () => ({ accessKeyId: 'LTAI5tEmuDemoKey0000001', accessKeySecret: 'EmulatorDemoSecretNotReal00000001' }) } });
              return client.listAllMediaBuckets({ timeoutMs: 500 }).then(() => undefined, (e: unknown) => e);
            } catch (e) {
              return Promise.resolve(e);
            }
          })();
          const err = await problem;
          assert.ok(err instanceof CloudError, String(err));
          assert.deepEqual([err.kind, err.code], ['invalid-input', 'InvalidInput.Endpoint']);
        }
        await new Promise((r) => setTimeout(r, 50));
        assert.deepEqual(connects, []);
        assert.equal(accepted, 0);
      } finally {
        await new Promise<void>((resolve) => listener.close(() => resolve()));
      }
    });
  });
});
