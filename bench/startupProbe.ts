// Runs inside the extension host as the test module of a tiny probe extension (the extension under test is
// installed from its .vsix like a user's). Two phases:
//  1. View closed: with the workbench open and the Alibaba Cloud Media view never shown, wait, then check that the
//     extension is not active AND that no module of its install folder is in the extension host's require cache
//     (the host loads an extension's main file only to activate it, so both say "nothing of it was loaded").
//  2. Open the view the way a click does (workbench.view.extension.alicloudMedia), wait for activation, then ask the
//     extension for its own timings (alicloudMedia.internal.startupTimings): activate() duration and the time
//     from activation start until the Resources tree's first getChildren(undefined) resolved.
// Throughout phase 2 it also watches which of the extension's lazily loaded files (the dist/*.js beside its main
// file, see esbuild.js) Node loads, and whether the extension was active yet at that moment: any loaded before
// activation finished would mean activation pays for them. Loaded after it (the tree's first cloud call needs the
// clients) shows they load from the installed package at all.
// Results go to the JSON file named by BENCH_STARTUP_RESULT_FILE (the host inherits code-server's environment).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export interface ProbeResult {
  extensionFound: boolean;
  closedWaitMs: number;
  activeWhileViewClosed: boolean;
  modulesLoadedWhileViewClosed: string[];
  /** The files next to the extension's main file that it requires on first use (relative to its folder). */
  lazyFiles: string[];
  /** Lazy files Node loaded before the extension was active: must be none. */
  lazyLoadedDuringActivation: string[];
  /** Lazy files loaded once the extension was active, by the end of phase 2. */
  lazyLoadedAfterActivation: string[];
  /** Probe-side: from the command that opens the view until isActive. */
  openToActiveMs?: number;
  /** Probe-side: from the command that opens the view until the extension reported its first tree render. */
  openToFirstTreeRenderMs?: number;
  /** What the extension itself reported. */
  reported?: { activateMs?: number; firstTreeRenderMs?: number };
  error?: string;
}

const EXTENSION_ID = process.env.BENCH_EXTENSION_ID ?? 'alicloud-media-tools.alicloud-media-access';
const OPEN_VIEW = 'workbench.view.extension.alicloudMedia';
const TIMINGS = 'alicloudMedia.internal.startupTimings';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, stepMs = 5): Promise<T | undefined> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(stepMs);
  }
  return undefined;
}

function loadedFrom(dir: string): string[] {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  return Object.keys(require.cache).filter((file) => file.startsWith(prefix));
}

interface ModuleInternals {
  _load(request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown;
}

/**
 * Wraps Node's module loader to see each lazy file arrive in the require cache, and notes whether the extension
 * was active then. Only requires issued from the extension's own files are looked at, so the rest of the host
 * pays nothing.
 */
function watchLazyLoads(ext: vscode.Extension<unknown>, lazyFiles: readonly string[]): { during: string[]; after: string[]; stop(): void } {
  const moduleInternals = require('node:module') as ModuleInternals;
  const original = moduleInternals._load;
  const prefix = `${ext.extensionPath}${path.sep}`;
  const pending = new Set(lazyFiles.map((file) => path.join(ext.extensionPath, file)));
  const seen = { during: [] as string[], after: [] as string[] };
  moduleInternals._load = function (this: unknown, request, parent, isMain) {
    const result = original.call(this, request, parent, isMain);
    if (parent?.filename?.startsWith(prefix)) {
      for (const file of pending) {
        if (!require.cache[file]) continue;
        pending.delete(file);
        (ext.isActive ? seen.after : seen.during).push(path.relative(ext.extensionPath, file));
      }
    }
    return result;
  };
  return { ...seen, stop: () => void (moduleInternals._load = original) };
}

function lazyFilesOf(ext: vscode.Extension<unknown>): string[] {
  const main = (ext.packageJSON as { main?: string }).main ?? '';
  const mainFile = path.join(ext.extensionPath, main);
  const dir = path.dirname(mainFile);
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.js') && path.join(dir, name) !== mainFile && path.join(dir, name) !== `${mainFile}.js`)
    .map((name) => path.relative(ext.extensionPath, path.join(dir, name)));
}

export async function run(): Promise<void> {
  const out = process.env.BENCH_STARTUP_RESULT_FILE;
  const closedWaitMs = Number(process.env.BENCH_CLOSED_WAIT_MS ?? 5000);
  const result: ProbeResult = { extensionFound: false, closedWaitMs, activeWhileViewClosed: false, modulesLoadedWhileViewClosed: [], lazyFiles: [], lazyLoadedDuringActivation: [], lazyLoadedAfterActivation: [] };
  let lazyLoads: ReturnType<typeof watchLazyLoads> | undefined;
  try {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    result.extensionFound = !!ext;
    if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);

    await sleep(closedWaitMs);
    result.activeWhileViewClosed = ext.isActive;
    result.modulesLoadedWhileViewClosed = loadedFrom(ext.extensionPath);
    result.lazyFiles = lazyFilesOf(ext);
    if (!result.lazyFiles.length) throw new Error(`no lazily loaded files next to ${String((ext.packageJSON as { main?: string }).main)}`);
    lazyLoads = watchLazyLoads(ext, result.lazyFiles);

    const opened = performance.now();
    await vscode.commands.executeCommand(OPEN_VIEW);
    const active = await until(() => (ext.isActive ? true : undefined), 30_000);
    if (!active) throw new Error('the extension did not activate within 30 s of opening its view');
    result.openToActiveMs = performance.now() - opened;

    const reported = await until(async () => {
      const t = (await vscode.commands.executeCommand(TIMINGS)) as ProbeResult['reported'] | undefined;
      return t && typeof t.firstTreeRenderMs === 'number' ? t : undefined;
    }, 30_000);
    result.openToFirstTreeRenderMs = performance.now() - opened;
    result.reported = reported ?? ((await vscode.commands.executeCommand(TIMINGS)) as ProbeResult['reported']);
    if (!reported) throw new Error('the extension reported no first tree render within 30 s');
    // The tree's first listing call loads the cloud clients; give it a moment so the report can show that the
    // lazy files do load from the installed package, after activation.
    const watching = lazyLoads;
    await until(() => (watching.after.length ? true : undefined), 10_000);
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
  } finally {
    lazyLoads?.stop();
    result.lazyLoadedDuringActivation = lazyLoads?.during ?? [];
    result.lazyLoadedAfterActivation = lazyLoads?.after ?? [];
    if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2));
  }
  if (result.error) throw new Error(result.error);
}
