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
 * Two of pop-core's dependencies replaced by a few lines each (together about 28 KB of the minified bundle):
 * - `debug`: httpx (pop-core's HTTP layer) writes request headers and bodies through it whenever DEBUG=httpx:* is
 *   set; in an extension host that would print signed requests (AccessKeyId, Signature) to the log. Always off.
 * - `bignumber.js`: json-bigint builds one only for integers longer than 15 digits, and the core reads such values
 *   only through toFixed() (src/cloud/responses.ts). A holder of the exact digits keeps them exact.
 */
const DEPENDENCY_STUBS = {
  debug: 'module.exports = () => Object.assign(() => {}, { enabled: false });',
  'bignumber.js': `class BigNumber {
  constructor(value) { this.digits = String(value); }
  static isBigNumber(value) { return value instanceof BigNumber; }
  isNaN() { return false; }
  toFixed() { return this.digits; }
  toString() { return this.digits; }
  toJSON() { return this.digits; }
}
module.exports = BigNumber;`,
};
const dependencyStubs = {
  name: 'dependency-stubs',
  setup(build) {
    const names = Object.keys(DEPENDENCY_STUBS).map((n) => n.replace(/[.]/g, '\\.'));
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'dependency-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'dependency-stub' }, (args) => ({ contents: DEPENDENCY_STUBS[args.path], loader: 'js' }));
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
    plugins: watch ? [dependencyStubs, problemReporter] : [dependencyStubs],
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
