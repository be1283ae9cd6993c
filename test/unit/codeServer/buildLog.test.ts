// BuildLog runs real commands (sh) and writes a real file in a temp folder.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BuildLog, TAIL_LINES } from '../../vscode/codeServer/buildLog';
import { makeTempDir } from '../../vscode/util';

describe('code-server install log', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir('build-log');
  });
  afterEach(() => tmp.remove());

  it('keeps a successful command’s output, stdout and stderr, in the file', () => {
    const file = path.join(tmp.dir, 'nested', 'install.log');
    const log = new BuildLog(file);
    log.run('sh', ['-c', 'echo compiled one; echo warning two >&2'], { cwd: tmp.dir });
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /\$ sh -c echo compiled one/);
    assert.match(text, /^compiled one$/m);
    assert.match(text, /^warning two$/m);
  });

  it('fails with the log path and only its last lines', () => {
    const file = path.join(tmp.dir, 'install.log');
    const log = new BuildLog(file);
    log.run('sh', ['-c', 'echo earlier step'], { cwd: tmp.dir });
    const script = 'i=1; while [ $i -le 100 ]; do echo "gyp line $i"; i=$((i+1)); done; echo "gyp ERR! build error" >&2; exit 3';
    const err = (() => {
      try {
        log.run('sh', ['-c', script], { cwd: tmp.dir });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    assert.ok(err, 'a failing command throws');
    assert.match(err.message, /^sh -c .* failed with exit code 3\./);
    assert.ok(err.message.includes(`Full output: ${file}`));
    assert.match(err.message, /gyp ERR! build error$/);
    assert.ok(err.message.includes('gyp line 100'));
    assert.ok(!err.message.includes('gyp line 71\n'), 'only the last lines are shown');
    assert.ok(!err.message.includes('earlier step'));
    assert.equal(err.message.split('Last 30 lines:\n')[1]?.split('\n').length, TAIL_LINES);
    assert.match(fs.readFileSync(file, 'utf8'), /^earlier step$[\s\S]*^gyp line 1$/m, 'the file keeps everything');
  });

  it('reports a command that cannot start', () => {
    const log = new BuildLog(path.join(tmp.dir, 'install.log'));
    assert.throws(() => log.run('no-such-command-for-build-log', [], { cwd: tmp.dir }), /no-such-command-for-build-log could not start: .*ENOENT/);
  });
});
