// Small helpers shared by the VS Code runners: repo paths, temp dirs that are removed even when the caller
// crashes, process-tree kill, free ports, timing.
import { ChildProcess, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
/** Where code-server is installed; ALICLOUD_MEDIA_TOOLS_DIR points elsewhere (e.g. to try a fresh install). */
export const toolsDir = process.env.ALICLOUD_MEDIA_TOOLS_DIR ? path.resolve(process.env.ALICLOUD_MEDIA_TOOLS_DIR) : path.join(repoRoot, '.tools');
export const outputDir = path.join(repoRoot, 'test-output');

/**
 * Whether the process was started to run the script `name` (its file name without extension). With
 * `require.main === module` alone, a script bundled into another one (the bench imports the code-server installer)
 * would run its main part too: in a bundle every module is the main one.
 */
export function startedAs(name: string): boolean {
  const script = process.argv[1] ?? '';
  return path.basename(script, path.extname(script)) === name;
}

export function log(msg: string): void {
  process.stdout.write(`[vscode-test] ${msg}\n`);
}

export function seconds(sinceMs: number): string {
  return `${((Date.now() - sinceMs) / 1000).toFixed(1)}s`;
}

// ---------------------------------------------------------------------------------------------------------------
// Emergency cleanup: everything registered here is undone synchronously on process exit, SIGINT, SIGTERM and
// uncaught errors. Normal code paths call the returned dispose function themselves (and unregister).

type SyncCleanup = () => void;
const emergency = new Set<SyncCleanup>();
let hooksInstalled = false;

function runEmergency(): void {
  for (const fn of [...emergency].reverse()) {
    try {
      fn();
    } catch {
      // best effort: keep cleaning the rest
    }
  }
  emergency.clear();
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', runEmergency);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      process.stderr.write(`\n[vscode-test] ${signal}: cleaning up\n`);
      runEmergency();
      process.exit(code);
    });
  }
}

/** Registers a synchronous cleanup for abnormal exits; returns a function that unregisters it. */
export function onEmergency(fn: SyncCleanup): () => void {
  installHooks();
  emergency.add(fn);
  return () => emergency.delete(fn);
}

/** A fresh temp dir removed on exit even if the caller forgets or crashes. */
export function makeTempDir(prefix: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const removeSync = () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  const unregister = onEmergency(removeSync);
  return {
    dir,
    remove() {
      unregister();
      removeSync();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Processes

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends a signal to a whole process group (the child must have been spawned with detached: true). */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Terminates a detached child's process group: SIGTERM, then SIGKILL after graceMs. */
export async function killTree(child: ChildProcess, graceMs = 3000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  signalGroup(pid, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([exited, timer])) === 'timeout') signalGroup(pid, 'SIGKILL');
  await exited;
  // Children of the group may outlive the leader for a moment (extension host, watchers).
  for (let i = 0; i < 20 && groupAlive(pid); i++) {
    signalGroup(pid, i < 10 ? 'SIGTERM' : 'SIGKILL');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return alive(pgid);
  }
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not determine a free port'));
      });
    });
  });
}

export function commandExists(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Runs a command inheriting stdio; throws with the command line when it fails. */
export function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: opts.cwd ?? repoRoot, env: opts.env ?? process.env });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status ?? r.signal}`);
}
