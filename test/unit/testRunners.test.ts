// Every runner refuses a focused test: an `it.only` left behind would run one test and report the whole suite
// green. Each runner's own configuration is used on a throwaway test file holding one `.only`, in a child process
// (a Mocha run inside this Mocha run would take over its globals): .mocharc.json, shared by the unit, contract and
// UI runs, and the extension-host suite's options (test/integration/support/suiteOptions.ts).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

describe('test runners', function () {
  // Two child Node processes with the TypeScript loader: slow on a busy machine, not in themselves.
  this.timeout(60_000);
  let dir: string;
  let focused: string;
  let plain: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runners-'));
    focused = path.join(dir, 'focused.test.js');
    plain = path.join(dir, 'plain.test.js');
    fs.writeFileSync(focused, "describe('suite', () => { it.only('focused', () => {}); it('other', () => {}); });\n");
    fs.writeFileSync(plain, "describe('suite', () => { it('one', () => {}); it('other', () => {}); });\n");
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function node(args: string[]): { status: number | null; output: string } {
    const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  }

  it('.mocharc.json (unit, contract, UI) fails a run that holds an it.only', () => {
    const mocha = require.resolve('mocha/bin/mocha.js', { paths: [ROOT] });
    const refused = node([mocha, '--config', '.mocharc.json', focused]);
    assert.notEqual(refused.status, 0, refused.output);
    assert.match(refused.output, /`\.only` forbidden by --forbid-only/);
    const ran = node([mocha, '--config', '.mocharc.json', plain]);
    assert.equal(ran.status, 0, ran.output);
    assert.match(ran.output, /2 passing/);
  });

  it("the extension-host suite's options fail a run that holds an it.only", () => {
    const runWith = (file: string) =>
      node([
        '--require',
        'tsx/cjs',
        '-e',
        `const Mocha = require('mocha');
         const { suiteMochaOptions } = require(${JSON.stringify(path.join(ROOT, 'test', 'integration', 'support', 'suiteOptions.ts'))});
         const mocha = new Mocha({ ...suiteMochaOptions({}), reporter: 'spec' });
         mocha.addFile(${JSON.stringify(file)});
         mocha.run((failures) => { process.exitCode = failures > 0 ? 3 : 0; });`,
      ]);
    // Mocha throws while loading the file (index.ts turns that into a rejected run); a run that got as far as
    // counting failures exits 3.
    const refused = runWith(focused);
    assert.notEqual(refused.status, 0, refused.output);
    assert.match(refused.output, /`\.only` forbidden by --forbid-only/);
    const ran = runWith(plain);
    assert.equal(ran.status, 0, ran.output);
    assert.match(ran.output, /2 passing/);
  });
});
