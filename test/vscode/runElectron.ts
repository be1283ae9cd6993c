// npm run test:electron — the same extension-host suite (test/integration) in desktop VS Code through
// @vscode/test-electron. Needs network access to download VS Code (cached in .vscode-test/ afterwards); machines
// without it use `npm run test:integration` (code-server) instead. Not part of `npm test`.
//
// VSCODE_TEST_VERSION picks the VS Code version (default 1.100.3, the oldest the extension's engines accept and
// the one code-server 4.100.3 bundles; `stable` or `insiders` also work). On Linux without a display run it
// under a virtual one: `xvfb-run -a npm run test:electron`.
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildTests, integrationIndex } from './buildTests';
import { CREDENTIAL_ENV, cliTestEnvironment } from './runIntegration';
import { log, makeTempDir, repoRoot, run, seconds } from './util';

const VERSION = process.env.VSCODE_TEST_VERSION ?? '1.100.3';

async function main(): Promise<number> {
  const started = Date.now();
  // Download first: fail fast where VS Code is unreachable, before spending time on builds.
  let t = Date.now();
  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({
      version: VERSION,
      cachePath: path.join(repoRoot, '.vscode-test'),
      timeout: 15_000,
    });
  } catch (err) {
    process.stderr.write(
      `[vscode-test] could not download VS Code ${VERSION} (${err instanceof Error ? err.message : String(err)}): ` +
        'this runner needs network access to update.code.visualstudio.com; use npm run test:integration here\n',
    );
    return 2;
  }
  log(`VS Code ${VERSION} ready in ${seconds(t)}: ${vscodeExecutablePath}`);
  t = Date.now();
  run('npm', ['run', '--silent', 'build']);
  log(`extension built in ${seconds(t)}`);
  await buildTests();
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    log('warning: no DISPLAY; if VS Code fails to start, run this under xvfb-run -a');
  }

  const scratch = makeTempDir('vscode-test-electron');
  const resultsFile = path.join(scratch.dir, 'results.json');
  const workspace = path.join(scratch.dir, 'workspace');
  const userData = path.join(scratch.dir, 'user-data');
  fs.mkdirSync(workspace);
  const cli = cliTestEnvironment();
  let code: number;
  try {
    code = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: integrationIndex,
      // The same credential environment as the code-server runner; the user-data dir so the suite can read the
      // files VS Code writes (the extension's log, settings) — code-server tells its extension host on its own.
      extensionTestsEnv: { VSCODE_TEST_RESULTS_FILE: resultsFile, VSCODE_TEST_USER_DATA_DIR: userData, ...CREDENTIAL_ENV, ...cli.env },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir', userData,
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
    }).catch((err: unknown) => {
      // runTests rejects with 'Failed' or the exit code when the suite fails.
      process.stderr.write(`[vscode-test] ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    });
    let results: { passed: number; failed: number } | undefined;
    try {
      results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    } catch {
      results = undefined;
    }
    if (code === 0 && (!results || results.passed + results.failed === 0)) code = 1;
    log(`${code === 0 ? 'PASSED' : 'FAILED'}: integration suite in desktop VS Code ${VERSION}; total ${seconds(started)}`);
    process.stdout.write(`${results?.passed ?? 0} passed, ${results ? results.failed : 'unknown'} failed\n`);
  } finally {
    scratch.remove();
    cli.remove();
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`[vscode-test] ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
