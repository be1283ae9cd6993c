// Size of what VS Code loads at activation (dist/extension.js), of each file the extension requires later on
// first use (the other dist/*.js, see esbuild.js LAZY_BUNDLES), and of the packaged .vsix, which must ship them all.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { zipEntryNames } from './zipEntries';

export interface LazyFileSize {
  /** Relative to the extension's folder, e.g. `dist/cloudClients.js`. */
  readonly file: string;
  readonly bytes: number;
}

export interface SizeResult {
  /** dist/extension.js, the one file loaded at activation. */
  readonly activationBytes: number;
  /** Loaded on first use, largest first. */
  readonly lazyFiles: LazyFileSize[];
  readonly vsixBytes: number;
  /** Lazily loaded files the .vsix lacks; the extension would fail on first use without them. */
  readonly lazyFilesMissingFromVsix: string[];
  /** Kept for the start-up benchmark, which installs exactly this package. */
  readonly vsixPath: string;
}

const ACTIVATION_FILE = 'dist/extension.js';

function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 180_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
}

/** The bundles next to dist/extension.js: what it requires lazily. A fresh build leaves nothing else there. */
export function lazyFilesOf(repoRoot: string): LazyFileSize[] {
  const dist = path.join(repoRoot, 'dist');
  return fs
    .readdirSync(dist)
    .filter((name) => name.endsWith('.js') && `dist/${name}` !== ACTIVATION_FILE)
    .map((name) => ({ file: `dist/${name}`, bytes: fs.statSync(path.join(dist, name)).size }))
    .sort((a, b) => b.bytes - a.bytes);
}

/** Builds with `node esbuild.js --production` and packages with `vsce package --no-dependencies` into `outDir`. */
export function measureSize(repoRoot: string, outDir: string): SizeResult {
  // A bundle left from an older LAZY_BUNDLES list would be counted and shipped: start without any.
  const dist = path.join(repoRoot, 'dist');
  for (const name of fs.existsSync(dist) ? fs.readdirSync(dist) : []) {
    if (/\.js(\.map)?$/.test(name)) fs.rmSync(path.join(dist, name));
  }
  run(process.execPath, ['esbuild.js', '--production'], repoRoot);
  const activationBytes = fs.statSync(path.join(repoRoot, ACTIVATION_FILE)).size;
  const lazyFiles = lazyFilesOf(repoRoot);
  const vsixPath = path.join(outDir, 'extension.vsix');
  run('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '-o', vsixPath], repoRoot);
  const shipped = new Set(zipEntryNames(vsixPath));
  const lazyFilesMissingFromVsix = lazyFiles.map((f) => f.file).filter((file) => !shipped.has(`extension/${file}`));
  return { activationBytes, lazyFiles, vsixBytes: fs.statSync(vsixPath).size, lazyFilesMissingFromVsix, vsixPath };
}
