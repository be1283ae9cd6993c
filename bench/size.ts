// Size of what users download: the production bundle and the packaged .vsix.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SizeResult {
  readonly extensionJsBytes: number;
  readonly vsixBytes: number;
  /** Kept for the start-up benchmark, which installs exactly this package. */
  readonly vsixPath: string;
}

function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 180_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
}

/** Builds with `node esbuild.js --production` and packages with `vsce package --no-dependencies` into `outDir`. */
export function measureSize(repoRoot: string, outDir: string): SizeResult {
  run(process.execPath, ['esbuild.js', '--production'], repoRoot);
  const extensionJsBytes = fs.statSync(path.join(repoRoot, 'dist', 'extension.js')).size;
  const vsixPath = path.join(outDir, 'extension.vsix');
  run('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '-o', vsixPath], repoRoot);
  return { extensionJsBytes, vsixBytes: fs.statSync(vsixPath).size, vsixPath };
}
