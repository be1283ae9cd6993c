// Entry point of the extension-host suite: the `run(): Promise<void>` contract of @vscode/test-electron's
// extensionTestsPath, also used by the code-server runner. Loads every *.test.js beside this file (mocha, bdd),
// logs each result with console.log (the only channel both runners forward), rejects when anything failed or
// nothing ran, and writes the counts as JSON to $VSCODE_TEST_RESULTS_FILE when that is set.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, recordStartup } from './support/startup';
import { suiteMochaOptions } from './support/suiteOptions';

export const RESULTS_ENV = 'VSCODE_TEST_RESULTS_FILE';

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  failures: { title: string; error: string }[];
}

function findTests(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.join(dir, f))
    .sort();
}

// Mocha instantiates the reporter itself; the counts go into the object passed as reporterOptions.results.
class ConsoleReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    const results = (options.reporterOptions as { results: SuiteResults }).results;
    const started = Date.now();
    const { EVENT_SUITE_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;
    runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (suite.title) console.log(`[test] ${suite.fullTitle()}`);
    });
    runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
      results.passed++;
      console.log(`[test]   ✓ ${test.title} (${test.duration ?? 0}ms)`);
    });
    runner.on(EVENT_TEST_FAIL, (test: Mocha.Test, err: Error) => {
      results.failed++;
      const error = err?.stack ?? String(err);
      results.failures.push({ title: test.fullTitle(), error });
      console.log(`[test]   ✗ ${test.title}\n${error.replace(/^/gm, '[test]       ')}`);
    });
    runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => {
      results.pending++;
      console.log(`[test]   - ${test.title} (pending)`);
    });
    runner.on(EVENT_RUN_END, () => {
      results.durationMs = Date.now() - started;
    });
  }
}

export async function run(): Promise<void> {
  // Before any test file is loaded: any of them may activate the extension, so activation.test.ts can only prove
  // that nothing activated it at start-up from a snapshot taken here.
  recordStartup({ extensionActive: vscode.extensions.getExtension(EXTENSION_ID)?.isActive, at: Date.now() });
  const files = findTests(__dirname);
  const results: SuiteResults = { passed: 0, failed: 0, pending: 0, durationMs: 0, failures: [] };
  const mocha = new Mocha({ ...suiteMochaOptions(process.env), reporter: ConsoleReporter, reporterOptions: { results } });
  for (const f of files) mocha.addFile(f);

  const failures = await new Promise<number>((resolve, reject) => {
    try {
      mocha.run(resolve);
    } catch (err) {
      reject(err);
    }
  });
  const total = results.passed + results.failed;
  console.log(`[test] ${results.passed} passing, ${results.failed} failing, ${results.pending} pending (${files.length} file(s))`);

  const resultsFile = process.env[RESULTS_ENV];
  if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));

  if (files.length === 0 || total === 0) throw new Error(`no integration tests ran (looked for *.test.js in ${__dirname})`);
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
