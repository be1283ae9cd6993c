// The system packages a fresh machine needs for `npm run demo` and `npm test`, in one list with why each is
// needed, and the one way they get installed. npm's postinstall (codeServer/install.ts --if-possible), the demo,
// the code-server installer and the browser launcher all ask ensureSystemPackages() for what they need:
//   - where the machine allows it (root, or passwordless sudo, on Debian/Ubuntu) it runs `apt-get update` and
//     `apt-get install` for what is missing, says in one line what and why, and writes apt's output to
//     <tools>/system-packages.log;
//   - otherwise it prints one line with the exact command to run, and the caller goes on with what it can.
// Switches, mostly for testing this path on a machine that already has everything:
//   ALICLOUD_MEDIA_ASSUME_MISSING=chromium,fonts-wqy-zenhei (or `all`): treat those as missing;
//   ALICLOUD_MEDIA_SKIP_SYSTEM_PACKAGES=1: never install, only say what is missing and how to install it.
// The decisions (planInstall) are pure, so the unit tests cover every kind of machine.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BuildLog } from './codeServer/buildLog';

export interface SystemPackage {
  /** The Debian/Ubuntu package name. */
  readonly name: string;
  /** Why the project needs it, in a few words for the one-line notice. */
  readonly why: string;
  /** Whether the machine has what the package provides (not whether dpkg lists it: any install will do). */
  readonly present: () => boolean;
}

/** Where Chromium usually is; CHROMIUM_PATH names another. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const GSSAPI_HEADERS = ['/usr/include/gssapi/gssapi.h', '/usr/include/gssapi.h', '/usr/local/include/gssapi/gssapi.h'];
const CJK_FONTS = ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc'];

export const SYSTEM_PACKAGES: readonly SystemPackage[] = [
  { name: 'chromium', why: 'the browser that runs VS Code for the tests and the demo', present: () => !!process.env.CHROMIUM_PATH || CHROMIUM_CANDIDATES.some((p) => fs.existsSync(p)) },
  { name: 'libkrb5-dev', why: "gssapi.h for code-server's kerberos module", present: () => GSSAPI_HEADERS.some((p) => fs.existsSync(p)) },
  { name: 'python3', why: 'node-gyp, to build code-server\'s native modules', present: () => commandExists('python3') },
  { name: 'make', why: 'node-gyp builds', present: () => commandExists('make') },
  { name: 'g++', why: 'node-gyp builds', present: () => commandExists('g++') || commandExists('c++') },
  { name: 'fonts-wqy-zenhei', why: 'a CJK font, so the Chinese UI and screenshots are legible', present: () => CJK_FONTS.some((p) => fs.existsSync(p)) },
];

/** What code-server's build needs, what the browser needs. */
export const BUILD_PACKAGES = ['libkrb5-dev', 'python3', 'make', 'g++'];
export const BROWSER_PACKAGES = ['chromium', 'fonts-wqy-zenhei'];

export const ASSUME_MISSING_ENV = 'ALICLOUD_MEDIA_ASSUME_MISSING';
export const SKIP_ENV = 'ALICLOUD_MEDIA_SKIP_SYSTEM_PACKAGES';

export function commandExists(cmd: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, cmd)));
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The packages of `wanted` (names; all when undefined) that are missing, or that the environment says to treat so. */
export function missingPackages(wanted: readonly string[] | undefined, env: NodeJS.ProcessEnv = process.env): SystemPackage[] {
  const assumed = (env[ASSUME_MISSING_ENV] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return SYSTEM_PACKAGES.filter((p) => !wanted || wanted.includes(p.name)).filter(
    (p) => assumed.includes('all') || assumed.includes(p.name) || !p.present(),
  );
}

/** What the machine allows. */
export interface Machine {
  readonly platform: NodeJS.Platform;
  /** Debian or Ubuntu (or a derivative): has apt-get and /etc/debian_version. */
  readonly debian: boolean;
  readonly root: boolean;
  /** `sudo -n true` succeeds. */
  readonly passwordlessSudo: boolean;
  readonly skip: boolean;
}

export type InstallPlan =
  | { readonly kind: 'nothing' }
  /** Run these, in order (`apt-get update`, then `apt-get install`), as they are. */
  | { readonly kind: 'install'; readonly commands: readonly (readonly string[])[] }
  /** Cannot install here: tell the person the exact command (or what to install), and why not. */
  | { readonly kind: 'manual'; readonly command: string; readonly reason: string };

export function planInstall(missing: readonly SystemPackage[], machine: Machine): InstallPlan {
  if (missing.length === 0) return { kind: 'nothing' };
  const names = missing.map((p) => p.name);
  const apt = ['apt-get', 'install', '-y', '-q', '--no-install-recommends', ...names];
  if (machine.platform !== 'linux' || !machine.debian) {
    return { kind: 'manual', command: `install ${names.join(', ')} with your system's package manager`, reason: 'not Debian/Ubuntu' };
  }
  const sudoCommand = `sudo apt-get update && sudo ${apt.join(' ')}`;
  if (machine.skip) return { kind: 'manual', command: machine.root ? `apt-get update && ${apt.join(' ')}` : sudoCommand, reason: `${SKIP_ENV} is set` };
  if (machine.root) return { kind: 'install', commands: [['apt-get', 'update', '-q'], apt] };
  if (machine.passwordlessSudo) return { kind: 'install', commands: [['sudo', '-n', 'apt-get', 'update', '-q'], ['sudo', '-n', ...apt]] };
  return { kind: 'manual', command: sudoCommand, reason: 'not root and sudo asks for a password' };
}

export function thisMachine(env: NodeJS.ProcessEnv = process.env): Machine {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const debian = process.platform === 'linux' && fs.existsSync('/etc/debian_version') && commandExists('apt-get');
  const passwordlessSudo = !root && debian && commandExists('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  return { platform: process.platform, debian, root, passwordlessSudo, skip: !!env[SKIP_ENV] };
}

/** One line for the person: what is installed and why. */
export function describeMissing(missing: readonly SystemPackage[]): string {
  return missing.map((p) => `${p.name} (${p.why})`).join(', ');
}

/**
 * Installs what of `wanted` is missing, where the machine allows; otherwise says how. `say` gets one line either
 * way (none when nothing is missing). True when everything wanted is present afterwards.
 */
export function ensureSystemPackages(
  wanted: readonly string[] | undefined,
  options: { readonly logFile: string; readonly say: (line: string) => void; readonly env?: NodeJS.ProcessEnv },
): boolean {
  const env = options.env ?? process.env;
  const missing = missingPackages(wanted, env);
  const plan = planInstall(missing, thisMachine(env));
  if (plan.kind === 'nothing') return true;
  if (plan.kind === 'manual') {
    options.say(`missing system packages: ${describeMissing(missing)}. Install them with: ${plan.command} (not done here: ${plan.reason})`);
    return false;
  }
  options.say(`installing system packages: ${describeMissing(missing)} (apt-get log: ${options.logFile})`);
  const log = new BuildLog(options.logFile);
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    for (const [cmd, ...args] of plan.commands) log.run(cmd, args, { cwd: process.cwd(), env: aptEnv });
  } catch (err) {
    options.say(`installing system packages failed: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
  // Assumed-missing packages were present all along; what is still missing now really is.
  const still = missingPackages(wanted, { ...env, [ASSUME_MISSING_ENV]: '' });
  if (still.length) options.say(`still missing after apt-get: ${still.map((p) => p.name).join(', ')} (log: ${options.logFile})`);
  return still.length === 0;
}
