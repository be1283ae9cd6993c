// `npm run emulator -- [options]`: the emulator as a standalone process for the demo, manual testing and
// out-of-process benchmarks. Keys come from the environment when set (the secret is never printed), otherwise
// the demo pair is used and printed so it can be pasted into the extension.
import { readFile } from 'node:fs/promises';
import { parseState } from './state';
import { DEFAULT_ACCESS_KEYS, maskAccessKeyId, startEmulator, type AccessKey, type EmulatorOptions } from './server';

export const DEFAULT_PORT = 8765;

const USAGE = `Usage: npm run emulator -- [--port N] [--host 127.0.0.1|localhost|::1] [--state FILE.json]
                            [--latency MS] [--network-rtt MS] [--no-qps] [--quiet] [--tls] [--tls-port N]
  --port N       port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --host H       loopback address to bind (default 127.0.0.1)
  --state FILE   initial state JSON (default: the built-in demo state, see demo-state.json)
  --latency MS   latency added to every API request
  --network-rtt MS
                 network-delay mode: a delaying TCP relay in front of the listeners adds this round trip
                 to every exchange and handshake (TCP, TLS); --port and --tls-port are then the relays'
  --no-qps       do not enforce QPS limits
  --quiet        no per-request log lines
  --tls          also listen with TLS on a second port; the CA file to trust is printed
                 (NODE_EXTRA_CA_CERTS=<file>)
  --tls-port N   port of the TLS listener (default 0 = any free port; implies --tls)
Environment: ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET (and optionally
ALIBABA_CLOUD_SECURITY_TOKEN) replace the demo AccessKey pairs.`;

interface CliArgs {
  port: number; host: string; state?: string; latency: number; qps: boolean; quiet: boolean; help: boolean; tls: boolean; tlsPort: number;
  /** Network-delay mode's round trip, ms; absent = no relay. */
  networkRtt?: number;
}

export function parseArgs(argv: string[]): CliArgs {
  const a: CliArgs = { port: DEFAULT_PORT, host: '127.0.0.1', latency: 0, qps: true, quiet: false, help: false, tls: false, tlsPort: 0 };
  const value = (i: number, name: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2) as [string, string | undefined];
    const take = (name: string) => (inline !== undefined ? inline : value(i++, name));
    switch (flag) {
      case '--port': {
        const v = take('--port');
        if (!/^\d+$/.test(v) || Number(v) > 65535) throw new Error(`--port must be 0-65535, got ${v}`);
        a.port = Number(v);
        break;
      }
      case '--host': a.host = take('--host'); break;
      case '--state': a.state = take('--state'); break;
      case '--latency': {
        const v = take('--latency');
        if (!/^\d+$/.test(v)) throw new Error(`--latency must be a whole number of ms, got ${v}`);
        a.latency = Number(v);
        break;
      }
      case '--network-rtt': {
        const v = take('--network-rtt');
        if (!/^\d+$/.test(v)) throw new Error(`--network-rtt must be a whole number of ms, got ${v}`);
        a.networkRtt = Number(v);
        break;
      }
      case '--tls': a.tls = true; break;
      case '--tls-port': {
        const v = take('--tls-port');
        if (!/^\d+$/.test(v) || Number(v) > 65535) throw new Error(`--tls-port must be 0-65535, got ${v}`);
        a.tlsPort = Number(v);
        a.tls = true;
        break;
      }
      case '--no-qps': a.qps = false; break;
      case '--quiet': a.quiet = true; break;
      case '--help': case '-h': a.help = true; break;
      default: throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return a;
}

export function keysFromEnv(env: NodeJS.ProcessEnv): { keys: AccessKey[]; fromEnv: boolean } {
  const id = env.ALIBABA_CLOUD_ACCESS_KEY_ID;
  const secret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  if (id && secret) {
    const token = env.ALIBABA_CLOUD_SECURITY_TOKEN;
    return { keys: [{ accessKeyId: id, accessKeySecret: secret, ...(token ? { securityToken: token } : {}) }], fromEnv: true };
  }
  if (id || secret) throw new Error('set both ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or neither');
  return { keys: DEFAULT_ACCESS_KEYS.map((k) => ({ ...k })), fromEnv: false };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const { keys, fromEnv } = keysFromEnv(process.env);
  const opts: EmulatorOptions = {
    port: args.port, host: args.host, accessKeys: keys, latencyMs: args.latency, quiet: args.quiet,
    ...(args.tls ? { tls: true, tlsPort: args.tlsPort } : {}),
    ...(args.qps ? {} : { qpsLimits: false as const }),
    ...(args.networkRtt !== undefined ? { networkRttMs: args.networkRtt } : {}),
  };
  if (args.state) opts.state = parseState(JSON.parse(await readFile(args.state, 'utf8')));
  const em = await startEmulator(opts);
  const relay = args.networkRtt !== undefined ? ` through a network-delay relay (round trip ${args.networkRtt} ms)` : '';
  console.log(`Alibaba Cloud emulator (mts 2014-06-18, vod 2017-03-21, ram 2015-05-01, sts 2015-04-01) listening on ${em.url}${relay}`);
  if (em.tlsUrl) console.log(`TLS on ${em.tlsUrl}; CA certificate ${em.caFile} (trust it with NODE_EXTRA_CA_CERTS)`);
  if (fromEnv) {
    const [key] = keys;
    console.log(`AccessKeyId ${maskAccessKeyId(key.accessKeyId)} from ALIBABA_CLOUD_ACCESS_KEY_ID (secret from the environment, not shown)`
      + (key.securityToken ? '; SecurityToken required' : ''));
  } else {
    // Demo pairs are not secrets; printing them lets a user paste one into the extension.
    const [account, ramUser, partner] = keys;
    console.log(`Demo AccessKey: AccessKeyId ${account.accessKeyId}  AccessKeySecret ${account.accessKeySecret}`);
    console.log(`  RAM user of the demo account: ${ramUser.accessKeyId} / ${ramUser.accessKeySecret}; of another account: ${partner.accessKeyId} / ${partner.accessKeySecret}`);
  }
  console.log(`State: ${args.state ?? 'built-in demo'}; QPS limits ${args.qps ? 'on' : 'off'}; latency ${args.latency} ms; admin ${em.url}/__emulator/`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void em.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Importable (for parseArgs/keysFromEnv) without starting a server.
if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(`emulator: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
