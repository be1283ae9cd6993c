// Runs inside the extension host as the test module of a tiny probe extension (the extension under test is
// installed from its .vsix like a user's). Two phases:
//  1. View closed: with the workbench open and the Alibaba Cloud Media view never shown, wait, then check that the
//     extension is not active AND that no module of its install folder is in the extension host's require cache
//     (the host loads an extension's main file only to activate it, so both say "nothing of it was loaded").
//  2. Open the view the way a click does (workbench.view.extension.alicloudMedia), wait for activation, then ask the
//     extension for its own timings (alicloudMedia.internal.startupTimings): activate() duration and the time
//     from activation start until the Resources tree's first getChildren(undefined) resolved.
// Results go to the JSON file named by BENCH_STARTUP_RESULT_FILE (the host inherits code-server's environment).
import * as fs from 'node:fs';
import * as vscode from 'vscode';

export interface ProbeResult {
  extensionFound: boolean;
  closedWaitMs: number;
  activeWhileViewClosed: boolean;
  modulesLoadedWhileViewClosed: string[];
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

export async function run(): Promise<void> {
  const out = process.env.BENCH_STARTUP_RESULT_FILE;
  const closedWaitMs = Number(process.env.BENCH_CLOSED_WAIT_MS ?? 5000);
  const result: ProbeResult = { extensionFound: false, closedWaitMs, activeWhileViewClosed: false, modulesLoadedWhileViewClosed: [] };
  try {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    result.extensionFound = !!ext;
    if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);

    await sleep(closedWaitMs);
    result.activeWhileViewClosed = ext.isActive;
    result.modulesLoadedWhileViewClosed = loadedFrom(ext.extensionPath);

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
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
  } finally {
    if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2));
  }
  if (result.error) throw new Error(result.error);
}
