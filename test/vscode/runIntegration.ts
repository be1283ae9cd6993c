// npm run test:integration — the extension-host suite (test/integration) inside a real VS Code, offline:
// code-server (VS Code for the web, from npm) + headless Chromium through playwright-core.
//
//   npx tsx test/vscode/runIntegration.ts [--extension <dir>] [--no-build] [--timeout <seconds>]
//
// --extension  extension folder to load in development mode (default: the repo root)
// --no-build   skip `npm run build` (the test bundles are always rebuilt)
// --timeout    overall limit for the workbench load + suite (default 300, env VSCODE_TEST_TIMEOUT)
// CHROMIUM_PATH picks the browser; VSCODE_TEST_VERBOSE=1 also echoes code-server's own log and the browser's
// filtered noise.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_ACCESS_KEY } from '../emulator/server';
import { generateTlsMaterial } from '../emulator/tls';
import { launchBrowser, type Browser } from './browser';
import { buildTests, integrationIndex } from './buildTests';
import { ensureCodeServer } from './codeServer/install';
import { startCodeServer, type CodeServer } from './codeServer/launch';
import { log, makeTempDir, outputDir, repoRoot, run, seconds, startedAs } from './util';
import { workbenchUrl } from './workbenchUrl';

// Console lines that only say "this machine is offline" or are the workbench's own chatter.
const NOISE = [
  /open-vsx/i,
  /telemetry/i,
  /marketplace|gallery|vscode-unpkg|vscode-cdn|update\.code\.visualstudio/i,
  /net::ERR_|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|Failed to load resource/i,
  /Failed to fetch/i,
  /punycode/i,
  /\[Service Worker\]|serviceWorker/i,
  /An iframe which has both allow-scripts and allow-same-origin/i,
];

// The workbench's own startup lines, not interesting unless debugging the harness.
const WORKBENCH_CHATTER =
  /Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin extensions cache|ChatSessionStore|Overwriting extension|web worker extension host|status of 404/;

export function isNoise(text: string): boolean {
  return NOISE.some((re) => re.test(text));
}

/**
 * The extension host inherits code-server's environment. The suite checks that an "environment" profile signs with
 * a key VS Code was started with, so start it with the emulator's demo key in the lowest-precedence spelling
 * (Terraform's) and the other spellings emptied: a developer's real keys never reach the test host.
 */
export const CREDENTIAL_ENV: Record<string, string> = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: '',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: '',
  ALIBABA_CLOUD_SECURITY_TOKEN: '',
  ALIBABACLOUD_ACCESS_KEY_ID: '',
  ALIBABACLOUD_ACCESS_KEY_SECRET: '',
  ALIBABACLOUD_SECURITY_TOKEN: '',
  ALICLOUD_ACCESS_KEY_ID: '',
  ALICLOUD_ACCESS_KEY_SECRET: '',
  ALICLOUD_SECURITY_TOKEN: '',
  ALICLOUD_ACCESS_KEY: DEMO_ACCESS_KEY.accessKeyId,
  ALICLOUD_SECRET_KEY: DEMO_ACCESS_KEY.accessKeySecret,
};

/** Where the extension host finds the emulator's TLS certificate and key (test/integration/support/harness.ts). */
export const EMULATOR_TLS_DIR_ENV = 'ALICLOUD_TEST_EMULATOR_TLS_DIR';

/**
 * What the extension host needs for the aliyun CLI suite: a HOME of its own (the extension and @alicloud/credentials
 * read `~/.aliyun/config.json` from os.homedir(), so a developer's real CLI profiles never reach the tests), and the
 * CA of a certificate generated for this run. @alicloud/credentials speaks https only to STS, and Node reads
 * NODE_EXTRA_CA_CERTS only when it starts, so the CA exists before code-server does; the suite's emulators serve
 * TLS with that certificate. Both folders are removed when the run ends.
 */
export function cliTestEnvironment(): { env: Record<string, string>; remove(): void } {
  const home = makeTempDir('vscode-test-home');
  const tls = makeTempDir('vscode-test-tls');
  const material = generateTlsMaterial();
  fs.writeFileSync(path.join(tls.dir, 'ca.pem'), material.caCert);
  fs.writeFileSync(path.join(tls.dir, 'cert.pem'), material.cert);
  fs.writeFileSync(path.join(tls.dir, 'key.pem'), material.key, { mode: 0o600 });
  return {
    env: { HOME: home.dir, NODE_EXTRA_CA_CERTS: path.join(tls.dir, 'ca.pem'), [EMULATOR_TLS_DIR_ENV]: tls.dir, ALIBABA_CLOUD_PROFILE: '', ALIBABA_CLOUD_CLI_PROFILE_DISABLED: '' },
    remove() {
      home.remove();
      tls.remove();
    },
  };
}

/**
 * VS Code's proxy support and system-certificate loading wrap Node's https in the extension host with the OS's CA
 * list, which leaves out NODE_EXTRA_CA_CERTS (checked: with them on, the library's https AssumeRole to the emulator
 * fails "unable to verify the first certificate"). The suite is offline and needs neither, so both are off.
 */
export const CLI_TEST_SETTINGS = { 'http.proxySupport': 'off', 'http.systemCertificates': false, 'http.experimental.systemCertificatesV2': false };

interface Args {
  extension: string;
  build: boolean;
  timeoutMs: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    extension: repoRoot,
    build: true,
    timeoutMs: Number(process.env.VSCODE_TEST_TIMEOUT ?? 300) * 1000,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--extension') args.extension = path.resolve(argv[++i] ?? '');
    else if (a === '--no-build') args.build = false;
    else if (a === '--timeout') args.timeoutMs = Number(argv[++i]) * 1000;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isFinite(args.timeoutMs) || args.timeoutMs <= 0) throw new Error('--timeout needs a number of seconds');
  return args;
}

/**
 * Extension-host console output arrives in the page console as `%c INFO color: #33f <text>` (the workbench's
 * styled log line). Returns the level and the plain text.
 */
export function consoleText(raw: string): { level: string; text: string } {
  const m = /^%c\s*([A-Z]+)\s+color:\s*#[0-9a-fA-F]{3,6}\s?/.exec(raw);
  if (!m) return { level: '', text: raw.trimEnd() };
  return { level: m[1], text: raw.slice(m[0].length).trimEnd() };
}

interface Results {
  passed: number;
  failed: number;
  pending: number;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const overall = Date.now();
  ensureCodeServer();
  if (args.build) {
    if (!fs.existsSync(path.join(args.extension, 'esbuild.js'))) throw new Error(`${args.extension} has no esbuild.js: cannot build the extension`);
    const t = Date.now();
    run('npm', ['run', '--silent', 'build'], { cwd: args.extension });
    log(`extension built in ${seconds(t)}`);
  }
  await buildTests();

  const resultsDir = makeTempDir('vscode-test-results');
  const resultsFile = path.join(resultsDir.dir, 'results.json');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let exitCode = 1;
  let summary = '';
  const cli = cliTestEnvironment();
  try {
    server = await startCodeServer({ env: { VSCODE_TEST_RESULTS_FILE: resultsFile, ...CREDENTIAL_ENV, ...cli.env }, userSettings: CLI_TEST_SETTINGS });
    browser = await launchBrowser();
    const page = browser.page;
    const verbose = !!process.env.VSCODE_TEST_VERBOSE;
    page.on('console', (msg) => {
      const { level, text } = consoleText(msg.text());
      if (!text) return;
      const at = text.indexOf('[test]');
      if (at >= 0) process.stdout.write(`${text.slice(at)}\n`); // the suite's own lines (test/integration/index.ts)
      else if (verbose || !(isNoise(text) || WORKBENCH_CHATTER.test(text))) {
        process.stdout.write(`[console${level ? ' ' + level.toLowerCase() : ''}] ${text}\n`);
      }
    });
    page.on('pageerror', (err) => {
      if (!isNoise(err.message)) process.stdout.write(`[page error] ${err.message}\n`);
    });

    let resolveExit!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(Number(code)));

    const url = await workbenchUrl(server.url, {
      folder: server.workspace,
      extensionDevelopmentPath: args.extension,
      extensionTestsPath: integrationIndex,
    });
    const loadStart = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    page
      .waitForSelector('.monaco-workbench', { timeout: args.timeoutMs })
      .then(() => log(`workbench loaded in ${seconds(loadStart)}`))
      .catch(() => undefined);

    const suiteStart = Date.now();
    const remaining = Math.max(1000, args.timeoutMs - (Date.now() - overall));
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), remaining))),
    ]);
    clearTimeout(timer);

    let results: Results | undefined;
    try {
      results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Results;
    } catch {
      results = undefined;
    }
    if (code === 'timeout') {
      summary = `TIMEOUT: the suite did not finish within ${args.timeoutMs / 1000}s`;
      exitCode = 1;
    } else {
      exitCode = code;
      summary =
        code === 0
          ? `PASSED: integration suite in code-server (${seconds(suiteStart)} after page load)`
          : `FAILED: integration suite exited with code ${code}` + (results ? '' : ' (no results: the test module did not load or crashed)');
    }
    // A clean exit code with nothing counted is not a pass.
    if (exitCode === 0 && (!results || results.passed + results.failed === 0)) {
      exitCode = 1;
      summary = 'FAILED: the suite reported success but no test results were written';
    }
    if (exitCode !== 0) {
      fs.mkdirSync(outputDir, { recursive: true });
      const shot = path.join(outputDir, 'integration-failure.png');
      await page.screenshot({ path: shot }).catch(() => undefined);
      log(`screenshot: ${path.relative(repoRoot, shot)}`);
      if (code === 'timeout') log(`last code-server output:\n${server.logTail().split('\n').slice(-15).join('\n')}`);
    }
    log(`${summary}; total ${seconds(overall)}`);
    process.stdout.write(`${results?.passed ?? 0} passed, ${results ? results.failed : 'unknown'} failed\n`);
  } finally {
    await browser?.close();
    await server?.close();
    resultsDir.remove();
    cli.remove();
  }
  return exitCode;
}

if (require.main === module && startedAs('runIntegration')) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`[vscode-test] ${err instanceof Error ? err.message : String(err)}\n`);
      process.stdout.write('0 passed, 0 failed\n');
      process.exit(1);
    },
  );
}
