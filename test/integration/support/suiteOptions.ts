// The extension-host suite's Mocha options (index.ts adds its reporter). No VS Code import, so a unit test can run
// Mocha with exactly these options and see `.only` refused (test/unit/testRunners.test.ts).
import type Mocha from 'mocha';

export function suiteMochaOptions(env: NodeJS.ProcessEnv): Mocha.MochaOptions {
  return {
    ui: 'bdd',
    color: false,
    timeout: Number(env.VSCODE_TEST_MOCHA_TIMEOUT ?? 20_000),
    // An `it.only` left in a test file would silently run one test and report the suite green.
    forbidOnly: true,
    // For a quick local run of one suite: VSCODE_TEST_GREP='Find Access' npm run test:integration.
    ...(env.VSCODE_TEST_GREP ? { grep: env.VSCODE_TEST_GREP } : {}),
  };
}
