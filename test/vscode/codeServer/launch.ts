// Starts a private code-server: free port on 127.0.0.1, fresh user-data/extensions/workspace/TMPDIR/XDG dirs,
// no auth, no telemetry, no update check. close() kills the whole process tree and removes every temp dir; the
// same happens if the caller exits or is interrupted (SIGINT/SIGTERM/SIGHUP) first.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort, killTree, log, makeTempDir, onEmergency, seconds, signalGroup } from '../util';
import { codeServerEntry } from './install';
import { buildLanguagePackVsix, registerLanguagePacks } from './languagePack';

export interface CodeServerOptions {
  /** Port on 127.0.0.1 (default: a free one). A given port that is busy is an error, not retried elsewhere. */
  port?: number;
  /** Use this extensions dir instead of a fresh empty one (it is not removed on close). */
  extensionsDir?: string;
  /** Merged over the defaults written to User/settings.json. */
  userSettings?: object;
  /** Extra environment for code-server and so for its extension host. */
  env?: NodeJS.ProcessEnv;
  /** Folder to open; a fresh empty one by default (a given one is not removed on close). */
  workspace?: string;
  /** .vsix files or extension ids passed to `--install-extension` before the server starts. */
  installExtensions?: string[];
  /**
   * Display language (`--locale`), e.g. `zh-cn`. Extensions see it as `vscode.env.language` only when a language
   * pack for it is installed and registered, so one is built, installed and registered (languagePack.ts).
   */
  locale?: string;
  /** Echo code-server's own stdout/stderr (default: only when VSCODE_TEST_VERBOSE is set). */
  verbose?: boolean;
}

export interface CodeServer {
  url: string;
  port: number;
  workspace: string;
  userDataDir: string;
  /** The last lines code-server printed (for diagnostics). */
  logTail(): string;
  close(): Promise<void>;
}

export const DEFAULT_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  // code-server runs the extension host as a remote one, so VS Code looks for ports to forward: every few seconds
  // the host parses /proc/net/tcp and runs `ps`, tens of milliseconds on the host's thread with many sockets open
  // (a bulk opens hundreds). A desktop window's local extension host does not; measurements should not count it.
  // Both: code-server provides tunnels, which keeps the scan on while the source is "process".
  'remote.autoForwardPorts': false,
  'remote.autoForwardPortsSource': 'output',
};

async function waitForHealthz(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode})`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000}s`);
}

export async function startCodeServer(o: CodeServerOptions = {}): Promise<CodeServer> {
  if (!fs.existsSync(codeServerEntry)) {
    throw new Error('code-server is not installed: run `npm run codeserver:install` first');
  }
  const started = Date.now();
  const root = makeTempDir('vscode-test-cs');
  const dirs = {
    userData: path.join(root.dir, 'user-data'),
    extensions: o.extensionsDir ?? path.join(root.dir, 'extensions'),
    workspace: o.workspace ?? path.join(root.dir, 'workspace'),
    tmp: path.join(root.dir, 'tmp'),
    config: path.join(root.dir, 'xdg-config'),
    data: path.join(root.dir, 'xdg-data'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...(o.userSettings ?? {}) }, null, 2),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(o.env ?? {}),
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: path.join(dirs.data, 'cache'),
    VSCODE_CLI_DISABLE_TELEMETRY: '1',
  };
  // Don't let a parent VS Code/code-server session leak into ours.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_IPC') || k === 'VSCODE_PROXY_URI') delete env[k];
  // code-server lets these override --bind-addr: a PORT in the caller's shell would move it off the port we poll,
  // a CODE_SERVER_HOST could expose it beyond loopback.
  delete env.PORT;
  delete env.CODE_SERVER_HOST;
  const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  // A failed install or registration leaves no temp dirs behind.
  try {
    const needsPack = o.locale !== undefined && !o.locale.toLowerCase().startsWith('en');
    const installs = [...(o.installExtensions ?? []), ...(needsPack ? [buildLanguagePackVsix(o.locale!, root.dir)] : [])];
    for (const ext of installs) {
      const t = Date.now();
      await new Promise<void>((resolve, reject) => {
        const p = spawn(process.execPath, [codeServerEntry, ...common, '--install-extension', ext], { env, stdio: 'pipe' });
        let out = '';
        p.stdout.on('data', (d) => (out += d));
        p.stderr.on('data', (d) => (out += d));
        p.on('error', reject);
        p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`--install-extension ${ext} failed (${code}):\n${out}`))));
      });
      log(`installed extension ${path.basename(ext)} in ${seconds(t)}`);
    }
    if (needsPack && !registerLanguagePacks(dirs.userData, dirs.extensions).includes(o.locale!.toLowerCase())) {
      throw new Error(`the ${o.locale} language pack was installed but not registered`);
    }
  } catch (err) {
    root.remove();
    throw err;
  }

  const verbose = o.verbose ?? !!process.env.VSCODE_TEST_VERBOSE;
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = o.port ?? (await freePort());
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(
      process.execPath,
      [
        codeServerEntry,
        '--bind-addr', `127.0.0.1:${port}`,
        '--auth', 'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        ...(o.locale ? ['--locale', o.locale] : []),
        ...common,
        dirs.workspace,
      ],
      { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const tail: string[] = [];
    const onData = (d: Buffer) => {
      const text = d.toString();
      if (verbose) process.stdout.write(`[code-server] ${text}`);
      tail.push(...text.split('\n').filter(Boolean));
      if (tail.length > 200) tail.splice(0, tail.length - 200);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const pid = child.pid!;
    const unregisterKill = onEmergency(() => signalGroup(pid, 'SIGKILL'));
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await killTree(child);
      unregisterKill();
      root.remove();
    };
    try {
      await waitForHealthz(url, child, 30_000);
    } catch (err) {
      lastError = new Error(`${(err as Error).message}\n${tail.slice(-20).join('\n')}`);
      closed = true;
      await killTree(child);
      unregisterKill();
      if (/EADDRINUSE/.test(tail.join('\n'))) {
        if (o.port === undefined) continue;
        lastError = new Error(`port ${o.port} on 127.0.0.1 is already in use`);
      }
      root.remove();
      throw lastError;
    }
    log(`code-server ready on ${url} in ${seconds(started)}`);
    return { url, port, workspace: dirs.workspace, userDataDir: dirs.userData, logTail: () => tail.join('\n'), close };
  }
  root.remove();
  throw lastError;
}
