// Bundles the extension. `--production` minifies and drops source maps; `--watch` rebuilds on change;
// `--metafile` prints what the activation bundle is made of. Type checking is separate (`npm run typecheck`):
// esbuild only strips types.
//
// What VS Code loads at activation is `dist/extension.js`, and it should stay small. Code needed only later (see
// LAZY_BUNDLES) is bundled into its own file in `dist/`, which the extension reaches with a plain `require` at
// first use. Modules both sides import (the cloud core's errors and validators, say) must exist once: two copies
// of CloudError would break every `instanceof` and every module-level cache. So a lazy bundle does not carry its
// own copy of anything `dist/extension.js` already holds; it takes those modules from the loaded extension, which
// exports them under HOST_EXPORT. Each build therefore runs in three steps:
//   1. work out which source files the activation bundle holds (no output written);
//   2. bundle each lazy file, replacing imports of those files with a lookup into the extension's HOST_EXPORT;
//   3. bundle `dist/extension.js`, exporting under HOST_EXPORT exactly the bindings step 2 found in use.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const analyze = process.argv.includes('--metafile');

/**
 * Bundles loaded on first use. `entry` is the module the extension `require`s lazily (always through a runtime
 * `require('…/name')`, never a value import, or esbuild would inline it); the build turns that `require` into one
 * of `dist/<name>.js`. To add one: list it here and reach it the same way. `.vscodeignore` ships `dist/*.js`.
 */
const LAZY_BUNDLES = [
  // pop-core and its HTTP stack, the clients, the limiter and retries: needed from the first request on.
  { name: 'cloudClients', entry: 'src/cloud/clients.ts' },
  // The Request Inspector's host side (HTML, message protocol, panel wiring): needed when the panel first opens.
  { name: 'inspectorPanel', entry: 'src/webview/inspectorPanel.ts' },
  // @alicloud/credentials and the aliyun CLI profile reader: needed only by profiles with credentialSource "aliyun-cli".
  { name: 'cliCredentials', entry: 'src/credentials/cliProvider.ts' },
  // Every command's implementation (pickers, the mutation pipeline, undo): needed from the first command on.
  { name: 'commands', entry: 'src/commands/index.ts' },
  // How Find Access to App's result rows look and which rows they hold: needed once a scan has run.
  { name: 'accessScanView', entry: 'src/tree/accessScanView.ts' },
  // How a call's record reads in the log: needed from the first call on (which loads the clients too).
  { name: 'callLogFormat', entry: 'src/log/formatCallRecord.ts' },
  // What a Request History row says (the record's words): needed once the view shows a row.
  { name: 'historyRowText', entry: 'src/history/historyRowText.ts' },
  // The records' sanitizer for the history (what a record may keep): needed from the first record on, after a call.
  { name: 'recordIntake', entry: 'src/history/recordIntake.ts' },
  // Exporting the request history (save dialog, JSON and CSV writers): needed on the first export.
  { name: 'historyExport', entry: 'src/history/historyExportFile.ts' },
  // The request history's journal file (appends, locked rewrites, reading and replaying lines): needed on first use.
  { name: 'historyFile', entry: 'src/history/historyFile.ts' },
  // What each event makes stale (profiles/cacheOwner.ts): needed on the first settings or key change or Refresh.
  { name: 'cacheOwner', entry: 'src/profiles/cacheOwner.ts' },
  // Whether a key is a VOD app administrator (profiles/appAdministrators.ts): needed on the first identity listing.
  { name: 'appAdministrators', entry: 'src/profiles/appAdministrators.ts' },
  // RAM grant rows under an identity (and the RAM reads behind them): needed once an identity row is expanded.
  { name: 'ramGrantRows', entry: 'src/tree/ramGrantRows.ts' },
  // Reading VS Code's proxy settings for the clients' proxy plan: loaded with the clients, on the first call.
  { name: 'proxySettings', entry: 'src/settings/proxySettings.ts' },
];

const MAIN_ENTRY = 'src/extension.ts';
const HOST_EXPORT = '__lazyHost';

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

/**
 * Every module that imports `vscode` would get its own `require("vscode")` and interop wrapper; routed through
 * one bundled module they share a single one (about 400 bytes of the activation bundle).
 */
const oneVscodeRequire = {
  name: 'one-vscode-require',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-shim' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-shim' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-shim' }, () => ({ contents: "module.exports = require('vscode');", loader: 'js' }));
  },
};

const root = __dirname;
const rel = (file) => path.relative(root, file).split(path.sep).join('/');

/** The source file a relative import names (TypeScript style: no extension, or a folder's index). */
function sourceFileOf(resolveDir, specifier) {
  const base = path.resolve(resolveDir, specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** In the activation bundle: each lazy entry stays a runtime `require` of its own file next to extension.js. */
const lazySeams = {
  name: 'lazy-seams',
  setup(build) {
    const byEntry = new Map(LAZY_BUNDLES.map((b) => [path.join(root, b.entry), b.name]));
    build.onResolve({ filter: /^\./ }, (args) => {
      const file = sourceFileOf(args.resolveDir, args.path);
      const name = file && byEntry.get(file);
      if (!name || args.kind === 'entry-point') return undefined;
      if (args.kind !== 'require-call') {
        return { errors: [{ text: `${rel(file)} is loaded lazily (esbuild.js LAZY_BUNDLES): reach it with require(), not import.` }] };
      }
      return { path: `./${name}.js`, external: true };
    });
  },
};

/** State shared by the three steps; in watch mode it carries over between rebuilds. */
const split = {
  /** Absolute paths of the source files in the activation bundle (step 1). */
  hostFiles: new Set(),
  /** Host module (repository-relative path) → the names the lazy bundles use from it, or '*' (step 2). */
  hostExports: new Map(),
};

/**
 * HOST_EXPORT is an array, the shortest form for the activation bundle to carry: one slot per name the lazy
 * bundles use (or per whole module, for '*'), in a fixed order both sides derive from hostExports.
 */
function hostSlots() {
  const slots = [];
  for (const file of [...split.hostExports.keys()].sort()) {
    const names = split.hostExports.get(file);
    if (names === '*') slots.push({ file, name: '*' });
    else for (const name of [...names].sort()) slots.push({ file, name });
  }
  return slots;
}

/**
 * In a lazy bundle, a module the activation bundle holds is not bundled again. In the `names` pass (ESM, not
 * written) it stays an import of `host:<path>`, so esbuild's output lists exactly the names used after tree
 * shaking; in the final pass it becomes a lookup into the loaded extension's HOST_EXPORT.
 */
function fromHost(pass) {
  return {
    name: 'from-host',
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        if (args.namespace === 'from-host') return { path: args.path, external: true };
        const file = sourceFileOf(args.resolveDir, args.path);
        if (!file || !split.hostFiles.has(file)) return undefined;
        return pass === 'names' ? { path: `host:${rel(file)}`, external: true } : { path: rel(file), namespace: 'from-host' };
      });
      // Relative to this lazy file, which sits next to extension.js. That module is loaded by then (it is what
      // requires this one), so require returns its exports without running anything again.
      // The values are read once, when this file loads; host modules export consts, functions and classes.
      build.onLoad({ filter: /.*/, namespace: 'from-host' }, (args) => {
        const slots = hostSlots().map((slot, i) => ({ ...slot, i })).filter((slot) => slot.file === args.path);
        const host = `require('./extension.js').${HOST_EXPORT}`;
        const whole = slots.find((slot) => slot.name === '*');
        const contents = whole
          ? `module.exports = ${host}[${whole.i}];`
          : `const host = ${host};\nmodule.exports = { ${slots.map((slot) => `${slot.name}: host[${slot.i}]`).join(', ')} };`;
        return { contents, loader: 'js' };
      });
    },
  };
}

/** Adds the host imports in a `names` pass's ESM output to `into`. Anything but plain named imports means '*'. */
function collectHostNames(esmText, into) {
  const add = (file, names) => {
    const known = into.get(file);
    if (known === '*' || names === '*') into.set(file, '*');
    else into.set(file, new Set([...(known ?? []), ...names]));
  };
  for (const m of esmText.matchAll(/^(import|export)\s*([^;]*?)\s*from\s*"host:([^"]+)";/gm)) {
    const named = /^\{([^}]*)\}$/.exec(m[2]);
    if (m[1] === 'import' && named) add(m[3], named[1].split(',').map((n) => n.trim().split(/\s+as\s+/)[0]).filter(Boolean));
    else add(m[3], '*');
  }
}

/** The activation bundle's entry: the extension itself, plus exactly what the lazy bundles take from it. */
const mainEntry = {
  name: 'main-entry',
  setup(build) {
    build.onResolve({ filter: /^main-entry$/ }, () => ({ path: 'main-entry', namespace: 'main-entry' }));
    build.onLoad({ filter: /.*/, namespace: 'main-entry' }, () => {
      const lines = [`export * from ${JSON.stringify(`./${MAIN_ENTRY}`)};`];
      const values = hostSlots().map(({ file, name }, i) => {
        lines.push(name === '*' ? `import * as h${i} from ${JSON.stringify(`./${file}`)};` : `import { ${name} as h${i} } from ${JSON.stringify(`./${file}`)};`);
        return `h${i}`;
      });
      lines.push(`export const ${HOST_EXPORT} = [${values.join(', ')}];`);
      return { contents: lines.join('\n'), loader: 'ts', resolveDir: root };
    });
  },
};

const nodeOptions = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  // Source text has `…`, `×` and the like; escaping each as \uXXXX only costs bytes.
  charset: 'utf8',
  // Code without VS Code is localized with @vscode/l10n; in the extension, VS Code answers those calls itself.
  alias: { '@vscode/l10n': './src/displayLanguage.ts' },
  legalComments: production ? 'none' : 'inline',
  logLevel: 'warning',
};

async function main() {
  // Step 1. Also the watcher: it reaches every file of every bundle, and each rebuild runs steps 2 and 3.
  const analysis = await esbuild.context({
    ...nodeOptions,
    entryPoints: [MAIN_ENTRY, ...LAZY_BUNDLES.map((b) => b.entry)],
    outdir: 'out/esbuild-analysis',
    write: false,
    minify: false,
    sourcemap: false,
    metafile: true,
    plugins: watch ? [lazySeams, dependencyStubs, { name: 'steps-2-and-3', setup: (build) => build.onEnd(rebuildOnChange) }] : [lazySeams, dependencyStubs],
  });
  const lazyContexts = await Promise.all(
    LAZY_BUNDLES.map(async (b) => {
      const names = await esbuild.context({
        ...nodeOptions,
        entryPoints: [b.entry],
        outfile: `out/esbuild-analysis/${b.name}.mjs`,
        format: 'esm',
        write: false,
        minify: false,
        sourcemap: false,
        plugins: [lazySeams, fromHost('names'), dependencyStubs],
      });
      const ctx = await esbuild.context({
        ...nodeOptions,
        entryPoints: [b.entry],
        outfile: `dist/${b.name}.js`,
        plugins: [lazySeams, fromHost('final'), oneVscodeRequire, dependencyStubs],
      });
      return { ...b, names, ctx };
    }),
  );
  const activation = await esbuild.context({
    ...nodeOptions,
    entryPoints: { extension: 'main-entry' },
    outfile: 'dist/extension.js',
    metafile: true,
    plugins: watch ? [mainEntry, lazySeams, oneVscodeRequire, dependencyStubs, problemReporter] : [mainEntry, lazySeams, oneVscodeRequire, dependencyStubs],
  });

  /** Steps 2 and 3, from step 1's metafile. Rejects if a bundle failed (esbuild has printed why). */
  async function bundle(result) {
    const mainOutput = Object.values(result.metafile.outputs).find((o) => o.entryPoint === MAIN_ENTRY);
    split.hostFiles = new Set(Object.keys(mainOutput.inputs).filter((f) => !f.includes(':')).map((f) => path.resolve(root, f)));
    const hostExports = new Map();
    for (const lazy of lazyContexts) {
      const esm = await lazy.names.rebuild();
      collectHostNames(esm.outputFiles.map((f) => f.text).join('\n'), hostExports);
    }
    split.hostExports = hostExports;
    for (const lazy of lazyContexts) await lazy.ctx.rebuild();
    const built = await activation.rebuild();
    // What makes the activation bundle big, largest first (the lazy files are not in it).
    if (analyze) console.log(await esbuild.analyzeMetafile(built.metafile));
  }

  async function rebuildOnChange(result) {
    if (result.errors.length) return;
    try {
      await bundle(result);
    } catch {
      // Already reported; the next change rebuilds.
    }
  }

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
  if (watch) {
    await Promise.all([analysis.watch(), inspector.watch()]);
    return;
  }
  // A source map left over from a dev build would otherwise ship next to the minified file.
  if (production) {
    for (const name of ['extension', ...LAZY_BUNDLES.map((b) => b.name)]) fs.rmSync(`dist/${name}.js.map`, { force: true });
    fs.rmSync('dist/webview/inspector.js.map', { force: true });
  }
  const results = await Promise.allSettled([analysis.rebuild().then(bundle), inspector.rebuild()]);
  await Promise.all([analysis, inspector, activation, ...lazyContexts.flatMap((l) => [l.names, l.ctx])].map((c) => c.dispose()));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
