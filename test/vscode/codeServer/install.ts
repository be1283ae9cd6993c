// Installs code-server (VS Code in the browser, from npm) into <repo>/.tools/code-server, idempotently.
//
//   npx tsx test/vscode/codeServer/install.ts      (also: npm run codeserver:install)
//
// Works without access to GitHub: the four things a plain `npm install code-server` trips over are handled here:
//   1. its postinstall refuses to run as root unless npm_config_unsafe_perm=true;
//   2. the kerberos native module needs gssapi.h (Debian/Ubuntu: libkrb5-dev);
//   3. @vscode/ripgrep downloads `rg` from GitHub: its download cache is pre-seeded with the binary from the npm
//      package @vscode/ripgrep-linux-x64, in a private TMPDIR;
//   4. node-pty's postinstall runs npx, which must not prompt: npm_config_yes=true.
// npm 11 gates dependencies' install scripts behind an allowScripts policy. code-server is useless without its
// native modules, so the policy is written down explicitly: `allowScripts` in the tools prefix's package.json for
// the top level, and a project .npmrc `allow-scripts` list in the two folders where code-server's postinstall runs
// its own nested `npm install`. Install is two-phase for that reason: extract with --ignore-scripts, write the
// policy, then `npm rebuild` runs the scripts.
//
// The terminal gets a few progress lines; the full npm and node-gyp output (hundreds of lines, including
// argon2's expected failure to download a prebuilt binary before it compiles one) goes to
// <tools>/code-server-install.log, whose path and last 30 lines are printed only when a step fails.
//
// <tools> is <repo>/.tools, or the folder named by ALICLOUD_MEDIA_TOOLS_DIR: point that at an empty folder to try
// a fresh install without touching the one everybody's tests use.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commandExists, log, makeTempDir, seconds, toolsDir, startedAs } from '../util';
import { BuildLog } from './buildLog';
import { BUILD_PACKAGES, ensureSystemPackages } from '../systemPackages';

export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_PACKAGE = '@vscode/ripgrep-linux-x64@1.18.0';
// What code-server 4.100.3's bundled @vscode/ripgrep 1.15.11 looks for in its download cache.
const RIPGREP_CACHE_DIR = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_CACHE_FILE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export const codeServerPrefix = path.join(toolsDir, 'code-server');
export const codeServerPackageDir = path.join(codeServerPrefix, 'node_modules', 'code-server');
/** The entry script; run it with the current Node (code-server 4.100 requires Node 20). */
export const codeServerEntry = path.join(codeServerPackageDir, 'out', 'node', 'entry.js');
const markerFile = path.join(codeServerPrefix, '.install-complete.json');
/** Outside the prefix, which each install starts by deleting. */
export const installLogFile = path.join(toolsDir, 'code-server-install.log');
/** apt-get's output when the setup installs system packages (systemPackages.ts). */
export const systemPackagesLogFile = path.join(toolsDir, 'system-packages.log');

/** The one call every entry point makes for system packages: `wanted` names (all of them when undefined). */
export function setupSystemPackages(wanted?: readonly string[]): boolean {
  return ensureSystemPackages(wanted, { logFile: systemPackagesLogFile, say: (line) => log(line) });
}

/**
 * The folder whose include/node holds this Node's headers (Debian's nodejs and the official tarballs ship them),
 * for node-gyp's `nodedir`: without it node-gyp may download the headers, which an offline machine cannot.
 */
export function localNodeHeadersDir(execPath = process.execPath): string | undefined {
  const prefix = path.resolve(path.dirname(execPath), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'common.gypi')) ? prefix : undefined;
}

// Packages whose install scripts code-server needs, by the folder whose `npm install` meets them.
const TOP_LEVEL_SCRIPTS = ['code-server', 'argon2'];
const NESTED_SCRIPTS: Record<string, string[]> = {
  'lib/vscode': [
    '@parcel/watcher', '@vscode/deviceid', '@vscode/ripgrep', '@vscode/spdlog', '@vscode/windows-process-tree',
    '@vscode/windows-registry', 'kerberos', 'native-watchdog', 'node-pty',
  ],
  'lib/vscode/extensions': [],
};
// Files that exist only when the native builds and downloads really happened.
const REQUIRED_ARTIFACTS = [
  'lib/vscode/node_modules/@vscode/ripgrep/bin/rg',
  'lib/vscode/node_modules/node-pty/build/Release/pty.node',
  'lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'lib/vscode/node_modules/kerberos/build/Release/kerberos.node',
  'lib/vscode/node_modules.asar',
];

export class PrerequisiteError extends Error {}

/** `code-server --version` with a throwaway config home (code-server writes a config.yaml on first start). */
export function installedVersion(): string | undefined {
  if (!fs.existsSync(codeServerEntry)) return undefined;
  const home = makeTempDir('code-server-version');
  try {
    const r = spawnSync(process.execPath, [codeServerEntry, '--version'], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CONFIG_HOME: home.dir, XDG_DATA_HOME: home.dir, TMPDIR: home.dir },
      timeout: 30_000,
    });
    const m = /^(\d+\.\d+\.\d+)\s/m.exec(r.stdout ?? '');
    return r.status === 0 && m ? m[1] : undefined;
  } finally {
    home.remove();
  }
}

function isComplete(): boolean {
  try {
    const marker = JSON.parse(fs.readFileSync(markerFile, 'utf8')) as { version?: string };
    if (marker.version !== CODE_SERVER_VERSION) return false;
  } catch {
    return false;
  }
  if (REQUIRED_ARTIFACTS.some((rel) => !fs.existsSync(path.join(codeServerPackageDir, rel)))) return false;
  return installedVersion() === CODE_SERVER_VERSION;
}

function checkPrerequisites(): void {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new PrerequisiteError(
      `the code-server runner supports linux-x64 only (this is ${process.platform}-${process.arch}): its offline ` +
        `ripgrep seed is the linux-x64 binary. On other machines use \`npm run test:electron\` (needs network).`,
    );
  }
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) {
    throw new PrerequisiteError(`code-server ${CODE_SERVER_VERSION} requires Node 20; this is Node ${process.versions.node}.`);
  }
  const missing: string[] = [];
  if (!commandExists('npm')) missing.push('npm');
  if (!commandExists('python3')) missing.push('python3');
  if (!commandExists('make')) missing.push('make');
  if (!commandExists('g++') && !commandExists('c++')) missing.push('g++');
  const gssapi = ['/usr/include/gssapi/gssapi.h', '/usr/include/gssapi.h', '/usr/local/include/gssapi/gssapi.h'];
  if (!gssapi.some((f) => fs.existsSync(f))) missing.push('libkrb5-dev');
  if (!commandExists('tar')) missing.push('tar');
  if (missing.length) {
    throw new PrerequisiteError(
      `missing build prerequisites for code-server's native modules: ${missing.join(', ')}. ` +
        `Install them, e.g. \`apt-get install -y --no-install-recommends ${missing.join(' ')}\` on Debian/Ubuntu ` +
        `(libkrb5-dev provides gssapi.h for the kerberos module).`,
    );
  }
}

function seedRipgrepCache(tmp: string, buildLog: BuildLog): void {
  const work = path.join(tmp, 'ripgrep-seed');
  fs.mkdirSync(work, { recursive: true });
  buildLog.run('npm', ['pack', RIPGREP_PACKAGE, '--pack-destination', work], { cwd: work });
  const tgz = fs.readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw buildLog.failure(`npm pack ${RIPGREP_PACKAGE} produced no tarball`);
  buildLog.run('tar', ['xzf', path.join(work, tgz), '-C', work], { cwd: work });
  const rg = path.join(work, 'package', 'bin', 'rg');
  if (!fs.existsSync(rg)) throw buildLog.failure(`${RIPGREP_PACKAGE} has no bin/rg`);
  const cacheDir = path.join(tmp, RIPGREP_CACHE_DIR);
  fs.mkdirSync(cacheDir, { recursive: true });
  buildLog.run('tar', ['czf', path.join(cacheDir, RIPGREP_CACHE_FILE), '-C', path.dirname(rg), 'rg'], { cwd: work });
}

export function ensureCodeServer(): void {
  const started = Date.now();
  if (!isComplete()) setupSystemPackages(BUILD_PACKAGES);
  checkPrerequisites();
  if (isComplete()) {
    log(`code-server ${CODE_SERVER_VERSION} already installed in ${path.relative(process.cwd(), codeServerPrefix) || '.'} (checked in ${seconds(started)})`);
    return;
  }
  const shownLog = path.relative(process.cwd(), installLogFile) || installLogFile;
  const step = (what: string) => log(`code-server ${CODE_SERVER_VERSION}: ${what}`);
  step(`installing into ${path.relative(process.cwd(), codeServerPrefix) || codeServerPrefix}, a few minutes (log: ${shownLog})`);
  const buildLog = new BuildLog(installLogFile);
  fs.rmSync(codeServerPrefix, { recursive: true, force: true });
  fs.mkdirSync(codeServerPrefix, { recursive: true });
  fs.writeFileSync(
    path.join(codeServerPrefix, 'package.json'),
    JSON.stringify(
      {
        name: 'vscode-test-code-server',
        private: true,
        description: 'Tool prefix for the code-server test runner; created by test/vscode/codeServer/install.ts',
        dependencies: { 'code-server': CODE_SERVER_VERSION },
        allowScripts: Object.fromEntries(TOP_LEVEL_SCRIPTS.map((n) => [n, true])),
      },
      null,
      2,
    ) + '\n',
  );

  const tmp = makeTempDir('code-server-install');
  try {
    step(`fetching ripgrep from the npm registry (${RIPGREP_PACKAGE})…`);
    seedRipgrepCache(tmp.dir, buildLog);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TMPDIR: tmp.dir,
      npm_config_unsafe_perm: 'true',
      npm_config_yes: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      // Keep the build's config writes (node-gyp, code-server) out of the user's home.
      XDG_CONFIG_HOME: path.join(tmp.dir, 'config'),
      XDG_DATA_HOME: path.join(tmp.dir, 'data'),
      XDG_CACHE_HOME: path.join(tmp.dir, 'cache'),
    };
    const nodedir = localNodeHeadersDir();
    if (nodedir) env.npm_config_nodedir = nodedir;
    else step(`no Node headers next to ${process.execPath} (include/node): node-gyp will try to download them`);
    let t = Date.now();
    step('extracting (npm install --ignore-scripts)…');
    buildLog.run('npm', ['install', '--ignore-scripts', '--no-package-lock', '--loglevel=error'], { cwd: codeServerPrefix, env });
    step(`extracted in ${seconds(t)}`);

    for (const [rel, names] of Object.entries(NESTED_SCRIPTS)) {
      const dir = path.join(codeServerPackageDir, rel);
      if (!fs.existsSync(path.join(dir, 'package.json'))) throw new Error(`unexpected code-server layout: no ${rel}/package.json`);
      if (names.length) fs.appendFileSync(path.join(dir, '.npmrc'), `allow-scripts=${names.join(',')}\n`);
    }

    t = Date.now();
    step(`building native modules (npm rebuild: code-server's postinstall, node-gyp)… (log: ${shownLog})`);
    buildLog.run('npm', ['rebuild', '--foreground-scripts', '--ignore-scripts=false', ...TOP_LEVEL_SCRIPTS], { cwd: codeServerPrefix, env });
    step(`built in ${seconds(t)}`);
  } finally {
    tmp.remove();
  }

  const missing = REQUIRED_ARTIFACTS.filter((rel) => !fs.existsSync(path.join(codeServerPackageDir, rel)));
  if (missing.length) {
    throw buildLog.failure(
      `code-server installed but its install scripts did not produce: ${missing.join(', ')} ` +
        `(skipped install scripts? failed native build?)`,
    );
  }
  const version = installedVersion();
  if (version !== CODE_SERVER_VERSION) throw new Error(`code-server --version reports ${version ?? 'nothing'}, expected ${CODE_SERVER_VERSION}`);
  fs.writeFileSync(markerFile, JSON.stringify({ version, installedAt: new Date().toISOString() }, null, 2) + '\n');
  step(`installed in ${seconds(started)} (build output: ${shownLog})`);
}

// `--if-possible` is npm install's postinstall: it prepares the VS Code that `npm run demo` and the tests use, so
// the demo starts within seconds, but a machine that cannot build it must still get a working `npm install`.
if (require.main === module && startedAs('install')) {
  const ifPossible = process.argv.includes('--if-possible');
  if (ifPossible && process.env.SKIP_CODE_SERVER_INSTALL) {
    process.stdout.write('[vscode-test] SKIP_CODE_SERVER_INSTALL is set: code-server will be installed on first use.\n');
  } else {
    try {
      // Everything the demo and the tests need, in one apt-get run where the machine allows it.
      setupSystemPackages();
      ensureCodeServer();
    } catch (err) {
      const prefix = err instanceof PrerequisiteError ? 'cannot install code-server' : 'code-server install failed';
      process.stderr.write(`[vscode-test] ${prefix}: ${err instanceof Error ? err.message : String(err)}\n`);
      if (ifPossible) {
        process.stderr.write('[vscode-test] npm install goes on; `npm run demo` and the VS Code tests will retry the install.\n');
      } else {
        process.exit(1);
      }
    }
  }
}
