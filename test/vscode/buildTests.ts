// Bundles the extension-host test suite: test/integration/index.ts and every test/integration/**/*.test.ts
// → out/test/integration/**/*.js (node, cjs; `vscode` and `mocha` stay external, resolved at run time from the
// extension host and the repo's node_modules).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { log, repoRoot, seconds, startedAs } from './util';

export const integrationSrc = path.join(repoRoot, 'test', 'integration');
export const integrationOut = path.join(repoRoot, 'out', 'test', 'integration');
export const integrationIndex = path.join(integrationOut, 'index.js');

export function integrationEntryPoints(): string[] {
  const tests = (fs.readdirSync(integrationSrc, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(integrationSrc, f))
    .sort();
  return [path.join(integrationSrc, 'index.ts'), ...tests];
}

export async function buildTests(): Promise<void> {
  const t = Date.now();
  fs.rmSync(integrationOut, { recursive: true, force: true });
  const entryPoints = integrationEntryPoints();
  await esbuild.build({
    entryPoints,
    outbase: integrationSrc,
    outdir: integrationOut,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  log(`built ${entryPoints.length - 1} integration test file(s) + index into ${path.relative(repoRoot, integrationOut)} in ${seconds(t)}`);
}

if (require.main === module && startedAs('buildTests')) {
  buildTests().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
