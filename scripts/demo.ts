// npm run demo [-- --port N] — the extension in VS Code for the web, against the local Alibaba Cloud emulator.
//
// 1. installs what is missing (system packages where the machine allows, test/vscode/systemPackages.ts; code-server
//    on first run, about a minute, once; later runs only check it). When code-server cannot be had, the demo starts
//    the emulator alone and says how to point a desktop VS Code at it;
// 2. packages the working tree into a VSIX (production build first) and installs it into a fresh extensions dir;
// 3. starts the emulator with its demo state, in this process;
// 4. starts code-server on http://127.0.0.1:8080 (or --port) with two demo profiles in its user settings;
// 5. on Ctrl-C, SIGTERM or SIGHUP stops code-server (its whole process group) and the emulator, removes every
//    temp dir and exits 0.
//
// Why a VSIX and not the workbench URL's extensionDevelopmentPath payload: the demo is opened by a person in their
// own browser, and the plain URL must keep working after a reload or when typed by hand. An installed extension
// loads for every window of this server; a payload URL is long, is lost as soon as the user navigates to "/", and
// runs the extension as an "Extension Development Host".
//
// code-server listens on 127.0.0.1 only, so `--auth none` exposes it to this machine's users and nobody else.
// The "demo" profile reads its AccessKey from the environment: this script gives code-server (and so the
// extension host) ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET set to the emulator's demo pair — not a real credential.
import { spawnSync } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { demoUserId } from '../test/emulator/demoState';
import { DEMO_ACCESS_KEY, DEMO_READONLY_KEY, startEmulator, type RunningEmulator } from '../test/emulator/server';
import { ensureCodeServer, PrerequisiteError, setupSystemPackages } from '../test/vscode/codeServer/install';
import { startCodeServer, type CodeServer } from '../test/vscode/codeServer/launch';
import { startOtherClient } from '../test/support/otherClient';
import { makeTempDir, repoRoot, seconds } from '../test/vscode/util';

const USAGE = `Usage: npm run demo -- [--port N] [--emulator-port N] [--quiet] [--latency MS] [--network-rtt MS]
                        [--large N] [--other-client QPS]
  --port N            code-server port on 127.0.0.1 (default 8080)
  --emulator-port N   emulator port on 127.0.0.1 (default: any free port)
  --quiet             no per-request lines from the emulator
  --latency MS        the emulator answers every call MS late (a region far away)
  --network-rtt MS    the emulator sits behind a relay adding MS to every round trip, handshakes included
  --large N           a third profile, demo-large, with N output buckets bound in the emulator (up to 5000)
  --other-client QPS  another client on the demo key sends QPS UnbindOutputBucket calls a second (of buckets
                      nobody bound), taking that share of the action's 100 a second, as a script or a second
                      window would`;

export const DEMO_PROFILE = 'demo';
export const KEYCHAIN_PROFILE = 'demo-keychain';
export const LARGE_PROFILE = 'demo-large';
export const DEMO_BUCKETS = ['media-output-demo', 'media-output-archive', 'media-output-thumbs', 'media-output-unbound'];

interface Args {
  port: number;
  emulatorPort: number;
  quiet: boolean;
  help: boolean;
  latencyMs: number;
  networkRttMs?: number;
  large: number;
  otherClientQps: number;
}

export function parseArgs(argv: string[]): Args {
  const args: Args = { port: 8080, emulatorPort: 0, quiet: false, help: false, latencyMs: 0, large: 0, otherClientQps: 0 };
  const portValue = (flag: string, v: string | undefined, allowZero: boolean): number => {
    const n = Number(v);
    if (v === undefined || !/^\d+$/.test(v) || n > 65535 || (!allowZero && n === 0)) throw new Error(`${flag} needs a port number, got ${v ?? 'nothing'}`);
    return n;
  };
  const countValue = (flag: string, v: string | undefined, max: number): number => {
    const n = Number(v);
    if (v === undefined || !/^\d+$/.test(v) || n > max) throw new Error(`${flag} needs a whole number from 0 to ${max}, got ${v ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--port') args.port = portValue(flag, value(), false);
    else if (flag === '--emulator-port') args.emulatorPort = portValue(flag, value(), true);
    else if (flag === '--quiet') args.quiet = true;
    else if (flag === '--latency') args.latencyMs = countValue(flag, value(), 60_000);
    else if (flag === '--network-rtt') args.networkRttMs = countValue(flag, value(), 10_000);
    else if (flag === '--large') args.large = countValue(flag, value(), 5000);
    else if (flag === '--other-client') args.otherClientQps = countValue(flag, value(), 1000);
    else if (flag === '--help' || flag === '-h') args.help = true;
    else throw new Error(`unknown option ${argv[i]}\n${USAGE}`);
  }
  return args;
}

/** The large profile's buckets: large-output-0001, … */
export function largeBuckets(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `large-output-${String(i + 1).padStart(4, '0')}`);
}

function say(msg: string): void {
  process.stdout.write(`[demo] ${msg}\n`);
}

/** Fails fast, before the slow steps, when the port is taken. */
function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(e.code === 'EADDRINUSE' ? `port ${port} on 127.0.0.1 is in use: choose another with \`npm run demo -- --port N\`` : e.message)),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** Production build + VSIX of the working tree, in a temp dir the caller removes. */
function packageExtension(dir: string): string {
  const vsix = path.join(dir, 'alicloud-media-access-demo.vsix');
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--out', vsix], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw new Error(`could not run vsce (${r.error.message}): run \`npm install\` first`);
  if (r.status !== 0) throw new Error(`vsce package failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return vsix;
}

/** The emulator with its demo state, as far away as asked, with the large profile's buckets bound as output buckets. */
async function startDemoEmulator(args: Args): Promise<RunningEmulator> {
  const emulator = await startEmulator({ port: args.emulatorPort, quiet: args.quiet, latencyMs: args.latencyMs, networkRttMs: args.networkRttMs });
  if (args.large > 0) {
    const state = emulator.state.toJSON();
    emulator.state.replace({ ...state, mediaBuckets: [...state.mediaBuckets, ...largeBuckets(args.large).map((bucket) => ({ bucket, type: 'Output' as const }))] });
  }
  return emulator;
}

/** The other client, when asked for: started now, its stop handed to the shutdown. */
function otherClient(emulator: RunningEmulator, args: Args): (() => string) | undefined {
  if (args.otherClientQps === 0) return undefined;
  say(`another client on the demo key sends ${args.otherClientQps} UnbindOutputBucket calls a second`);
  const other = startOtherClient(emulator.url, DEMO_ACCESS_KEY, args.otherClientQps);
  return () => {
    other.stop();
    return `the other client sent ${other.sent} calls, ${other.throttled} of them throttled`;
  };
}

function distanceWords(args: Args): string {
  const parts = [
    ...(args.latencyMs ? [`answers ${args.latencyMs} ms late`] : []),
    ...(args.networkRttMs !== undefined ? [`${args.networkRttMs} ms round trips`] : []),
    ...(args.large ? [`${args.large} buckets for ${LARGE_PROFILE}`] : []),
  ];
  return parts.length ? `; ${parts.join(', ')}` : '';
}

export function demoSettings(emulatorUrl: string, large: readonly string[] = []): object {
  const endpoints = { mps: emulatorUrl, vod: emulatorUrl, ram: emulatorUrl, sts: emulatorUrl, actiontrail: emulatorUrl };
  return {
    'alicloudMedia.profiles': [
      {
        name: DEMO_PROFILE,
        region: 'cn-shanghai',
        credentialSource: 'environment',
        endpoints,
        outputBuckets: DEMO_BUCKETS,
        // Both of the demo state's input buckets; media-input-uploads has a Referer, which an unbind's undo gives back.
        inputBuckets: ['media-input-demo', 'media-input-uploads'],
        // VOD names RAM users by UserId (roles by name): alice's and build-bot's ids from the demo directory.
        identities: [
          { identityType: 'RamUser', identityName: demoUserId('alice') },
          { identityType: 'RamUser', identityName: demoUserId('build-bot') },
          { identityType: 'RamRole', identityName: 'TranscodeRole' },
          { identityType: 'RamUser', identityName: demoUserId('alice'), appId: 'app-2000001' },
        ],
      },
      {
        name: KEYCHAIN_PROFILE,
        region: 'cn-shanghai',
        credentialSource: 'keychain',
        endpoints,
        outputBuckets: ['media-output-demo'],
        identities: [{ identityType: 'RamUser', identityName: demoUserId('build-bot') }],
      },
      ...(large.length > 0
        ? [{ name: LARGE_PROFILE, region: 'cn-shanghai', credentialSource: 'environment', endpoints, outputBuckets: large, identities: [] }]
        : []),
    ],
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const started = Date.now();
  await assertPortFree(args.port);

  setupSystemPackages();
  say('checking code-server (installed into .tools/ on first run, about a minute)');
  try {
    ensureCodeServer();
  } catch (err) {
    const prefix = err instanceof PrerequisiteError ? 'cannot install code-server' : 'code-server install failed';
    say(`${prefix}: ${err instanceof Error ? err.message : String(err)}`);
    await emulatorOnly(args);
    return;
  }

  let t = Date.now();
  say('building and packaging the extension from the working tree');
  const vsixDir = makeTempDir('alicloud-demo-vsix');
  let emulator: RunningEmulator | undefined;
  let server: CodeServer | undefined;
  try {
    const vsix = packageExtension(vsixDir.dir);
    say(`packaged in ${seconds(t)}`);

    emulator = await startDemoEmulator(args);
    say(`emulator listening on ${emulator.url} (demo state${distanceWords(args)})`);

    t = Date.now();
    say(`starting code-server on 127.0.0.1:${args.port} with the extension installed`);
    server = await startCodeServer({
      port: args.port,
      userSettings: demoSettings(emulator.url, largeBuckets(args.large)),
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY.accessKeySecret },
      installExtensions: [vsix],
    });
    say(`code-server ready in ${seconds(t)}`);
  } catch (err) {
    await server?.close();
    await emulator?.close();
    throw err;
  } finally {
    vsixDir.remove();
  }

  installShutdown(server, emulator, otherClient(emulator, args));
  console.log(`
  Alibaba Cloud Media Access demo, ready in ${seconds(started)}

    Open  ${server.url}   (127.0.0.1 only, no password: --auth none is safe on loopback)
    Then  the "Alibaba Cloud Media" icon in the activity bar.

    Profile "${DEMO_PROFILE}"            AccessKey from the environment (set for code-server by this script)
    Profile "${KEYCHAIN_PROFILE}"   right-click → Set AccessKey… and enter the emulator's demo pair:
      AccessKeyId      ${DEMO_ACCESS_KEY.accessKeyId}
      AccessKeySecret  ${DEMO_ACCESS_KEY.accessKeySecret}   (not a real credential)
    or, to see what a key that is not a VOD app administrator sees (RAM user analytics-ro, read-only):
      AccessKeyId      ${DEMO_READONLY_KEY.accessKeyId}
      AccessKeySecret  ${DEMO_READONLY_KEY.accessKeySecret}   (not a real credential)

    Emulator  ${emulator.url}   (state, stats, requests: ${emulator.url}/__emulator/)

  Ctrl-C stops code-server and the emulator.
`);
}

/** What the demo can still start without code-server: the emulator, and how to use it from a desktop VS Code. */
async function emulatorOnly(args: Args): Promise<void> {
  const emulator = await startDemoEmulator(args);
  installShutdown(undefined, emulator, otherClient(emulator, args));
  console.log(`
  VS Code for the web is not available here; the emulator runs alone at ${emulator.url}.

    In a desktop VS Code with this extension (F5 in this folder, or the packaged .vsix), add to your user settings:
      "alicloudMedia.profiles": ${JSON.stringify((demoSettings(emulator.url) as { 'alicloudMedia.profiles': unknown[] })['alicloudMedia.profiles'].slice(1, 2))}
    then Set AccessKey… on "${KEYCHAIN_PROFILE}" with the emulator's demo pair:
      AccessKeyId      ${DEMO_ACCESS_KEY.accessKeyId}
      AccessKeySecret  ${DEMO_ACCESS_KEY.accessKeySecret}   (not a real credential)

  Ctrl-C stops the emulator.
`);
}

/**
 * Replaces the launcher's emergency signal handlers (which SIGKILL and exit at once) with an orderly stop; they
 * stay as the fallback for a second signal or a crash (their 'exit' hook still kills the group and removes dirs).
 */
function installShutdown(server: CodeServer | undefined, emulator: RunningEmulator, stopOtherClient?: () => string): void {
  let stopping = false;
  const initialParent = process.ppid;
  const stop = async (why: string) => {
    if (stopping) {
      say(`${why} again: stopping now`);
      process.exit(1);
    }
    stopping = true;
    if (stopOtherClient) say(stopOtherClient());
    say(`${why}: stopping code-server and the emulator`);
    const t = Date.now();
    await server?.close();
    await emulator.close();
    say(`stopped in ${seconds(t)}`);
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }
  // When whatever started us dies without passing a signal on (npm forwards SIGTERM to its `sh -c`, which dies
  // without passing it on), stop rather than linger as an orphan.
  const watch = setInterval(() => {
    if (process.ppid === initialParent) return;
    clearInterval(watch);
    void stop('parent process gone');
  }, 1000);
  watch.unref();
}

if (require.main === module) {
  main().catch((err: unknown) => {
    const prefix = err instanceof PrerequisiteError ? 'cannot install code-server' : 'demo failed';
    process.stderr.write(`[demo] ${prefix}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
