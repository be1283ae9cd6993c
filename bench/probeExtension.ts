// The bench's probes are tiny extensions installed beside the real one: a package.json and one bundled file that
// runs inside the extension host. Both the start-up and the history benches build theirs here.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../test/vscode/util';

/** Writes the probe's manifest into `dir` and bundles `bench/<source>` next to it; returns the bundle's path. */
export async function buildProbeExtension(dir: string, name: string, source: string): Promise<string> {
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, publisher: 'bench', version: '0.0.0', engines: { vscode: '^1.100.0' } }, null, 2));
  const entry = path.join(dir, 'probe.js');
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'bench', source)],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return entry;
}
