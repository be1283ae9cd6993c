// A script in a fresh Node child, from the repository root (so `require('tsx/cjs')` and `./src/…` resolve), for
// what only a new process can do: trust the run's CA through NODE_EXTRA_CA_CERTS, which Node reads only when it
// starts. The child gets this process's environment plus `env`.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface ScriptRun {
  /** The exit code; 1 when the child was killed (the timeout). */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runNodeScript(script: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['-e', script], { cwd: ROOT, env: { ...process.env, ...env }, timeout: timeoutMs }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}
