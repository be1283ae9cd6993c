// Bundles the extension into one CommonJS file. `--production` minifies and drops source maps; `--watch` rebuilds
// on change. Type checking is separate (`npm run typecheck`): esbuild only strips types.
const esbuild = require('esbuild');
const fs = require('fs');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the `file:line:col: error: text` form the VS Code problem matcher understands. */
const problemReporter = {
  name: 'problem-reporter',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

async function main() {
  const context = await esbuild.context({
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    legalComments: production ? 'none' : 'inline',
    logLevel: 'warning',
    plugins: watch ? [problemReporter] : [],
  });
  if (watch) {
    await context.watch();
    return;
  }
  // A source map left over from a dev build would otherwise ship next to the minified file.
  if (production) fs.rmSync('dist/extension.js.map', { force: true });
  await context.rebuild();
  await context.dispose();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
