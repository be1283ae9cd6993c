// A file that takes the full output of noisy build commands (npm, node-gyp), so the terminal shows a few
// progress lines instead of hundreds of compiler lines. When a command fails, its error carries the log's path
// and last lines, which is what a person needs to see first.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const TAIL_LINES = 30;

export class BuildLog {
  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `# started ${new Date().toISOString()}\n`);
  }

  /** Runs a command with stdout and stderr appended to the log; throws with the log's tail when it fails. */
  run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): void {
    fs.appendFileSync(this.file, `\n$ ${[cmd, ...args].join(' ')}    (in ${opts.cwd})\n`);
    const fd = fs.openSync(this.file, 'a');
    let r: ReturnType<typeof spawnSync>;
    try {
      r = spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', fd, fd] });
    } finally {
      fs.closeSync(fd);
    }
    if (r.error) throw this.failure(`${cmd} could not start: ${r.error.message}`);
    if (r.status !== 0) throw this.failure(`${cmd} ${args.join(' ')} failed with exit code ${r.status ?? r.signal}`);
  }

  /** An Error whose message ends with where the full output is and its last lines. */
  failure(message: string): Error {
    return new Error(`${message}.\nFull output: ${this.file}\nLast ${TAIL_LINES} lines:\n${this.tail()}`);
  }

  tail(lines = TAIL_LINES): string {
    const text = fs.readFileSync(this.file, 'utf8').replace(/\n+$/, '');
    return text.split('\n').slice(-lines).join('\n');
  }
}
