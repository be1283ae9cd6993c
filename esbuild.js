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

/**
 * httpx (pop-core's HTTP layer) writes request headers and bodies through `debug` whenever DEBUG=httpx:* is set;
 * in an extension host that would print signed requests (AccessKeyId, Signature) to the log. Resolving `debug` to
 * a logger that is always off removes that path and about 10 KB (debug, ms, supports-color) from the bundle.
 */
const disabledDebug = {
  name: 'disabled-debug',
  setup(build) {
    build.onResolve({ filter: /^debug$/ }, () => ({ path: 'debug', namespace: 'disabled-debug' }));
    build.onLoad({ filter: /.*/, namespace: 'disabled-debug' }, () => ({
      contents: 'module.exports = () => Object.assign(() => {}, { enabled: false });',
      loader: 'js',
    }));
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
    plugins: watch ? [disabledDebug, problemReporter] : [disabledDebug],
  });
  // The Request Inspector's script runs in a webview (a browser page), not in the extension host.
  const inspector = await esbuild.context({
    entryPoints: { inspector: 'src/webview/app/main.ts' },
    outdir: 'dist/webview',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    legalComments: production ? 'none' : 'inline',
    logLevel: 'warning',
    plugins: watch ? [problemReporter] : [],
  });
  const contexts = [context, inspector];
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  // A source map left over from a dev build would otherwise ship next to the minified file.
  if (production) {
    fs.rmSync('dist/extension.js.map', { force: true });
    fs.rmSync('dist/webview/inspector.js.map', { force: true });
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
