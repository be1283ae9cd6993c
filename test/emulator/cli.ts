// `npm run emulator -- [options]`: the emulator as a standalone process for the demo, manual testing and
// out-of-process benchmarks. Keys come from the environment when set (the secret is never printed), otherwise
// the demo pair is used and printed so it can be pasted into the extension.
import { readFile } from 'node:fs/promises';
import { parseState } from './state';
import { DEMO_ACCESS_KEY, maskAccessKeyId, startEmulator, type AccessKey, type EmulatorOptions } from './server';

export const DEFAULT_PORT = 8765;

const USAGE = `Usage: npm run emulator -- [--port N] [--host 127.0.0.1|localhost|::1] [--state FILE.json]
                            [--latency MS] [--no-qps] [--quiet]
  --port N       port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --host H       loopback address to bind (default 127.0.0.1)
  --state FILE   initial state JSON (default: the built-in demo state, see demo-state.json)
  --latency MS   latency added to every API request
  --no-qps       do not enforce QPS limits
  --quiet        no per-request log lines
Environment: ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET (and optionally
ALIBABA_CLOUD_SECURITY_TOKEN) replace the demo AccessKey pair.`;

interface CliArgs { port: number; host: string; state?: string; latency: number; qps: boolean; quiet: boolean; help: boolean }

export function parseArgs(argv: string[]): CliArgs {
  const a: CliArgs = { port: DEFAULT_PORT, host: '127.0.0.1', latency: 0, qps: true, quiet: false, help: false };
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
      case '--no-qps': a.qps = false; break;
      case '--quiet': a.quiet = true; break;
      case '--help': case '-h': a.help = true; break;
      default: throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return a;
}

export function keysFromEnv(env: NodeJS.ProcessEnv): { key: AccessKey; fromEnv: boolean } {
  const id = env.ALIBABA_CLOUD_ACCESS_KEY_ID;
  const secret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  if (id && secret) {
    const token = env.ALIBABA_CLOUD_SECURITY_TOKEN;
    return { key: { accessKeyId: id, accessKeySecret: secret, ...(token ? { securityToken: token } : {}) }, fromEnv: true };
  }
  if (id || secret) throw new Error('set both ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or neither');
  return { key: { ...DEMO_ACCESS_KEY }, fromEnv: false };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const { key, fromEnv } = keysFromEnv(process.env);
  const opts: EmulatorOptions = {
    port: args.port, host: args.host, accessKeys: [key], latencyMs: args.latency, quiet: args.quiet,
    ...(args.qps ? {} : { qpsLimits: false as const }),
  };
  if (args.state) opts.state = parseState(JSON.parse(await readFile(args.state, 'utf8')));
  const em = await startEmulator(opts);
  console.log(`Alibaba Cloud emulator (mts 2014-06-18, vod 2017-03-21) listening on ${em.url}`);
  if (fromEnv) {
    console.log(`AccessKeyId ${maskAccessKeyId(key.accessKeyId)} from ALIBABA_CLOUD_ACCESS_KEY_ID (secret from the environment, not shown)`
      + (key.securityToken ? '; SecurityToken required' : ''));
  } else {
    console.log(`Demo AccessKey: AccessKeyId ${key.accessKeyId}  AccessKeySecret ${key.accessKeySecret}`);
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
