// Start-up in the real extension host: code-server (VS Code for the web) + headless Chromium, the extension
// installed from the .vsix the size step packaged, three profiles of 100 output buckets and 100 identities in the
// user settings, all pointing at an in-process emulator. A probe extension's test module (startupProbe.ts) does
// the measuring from inside the extension host; see there for what each number means.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator } from '../test/emulator/server';
import { launchBrowser, type Browser } from '../test/vscode/browser';
import { startCodeServer, type CodeServer } from '../test/vscode/codeServer/launch';
import { codeServerEntry } from '../test/vscode/codeServer/install';
import { workbenchUrl } from '../test/vscode/workbenchUrl';
import { median } from './median';
import { buildProbeExtension } from './probeExtension';
import { BENCH_KEY, BENCH_REGION, benchState, bucketNames, identities } from './fixtures';
import type { ProbeResult } from './startupProbe';

export const PROFILES = 3;
export const BUCKETS_PER_PROFILE = 100;
export const IDENTITIES_PER_PROFILE = 100;

export interface StartupSample {
  readonly activateMs: number;
  readonly firstTreeRenderMs: number;
  readonly loadedWhileViewClosed: boolean;
  /** Lazily loaded files (dist/*.js beside the main file) that Node loaded before activation finished. */
  readonly lazyLoadedDuringActivation: string[];
  readonly probe: ProbeResult;
}

export interface StartupResult {
  /** Medians over the samples. */
  readonly activateMs: number;
  readonly firstTreeRenderMs: number;
  /** True if any sample saw the extension active, or any of its files loaded, while its view was closed. */
  readonly loadedWhileViewClosed: boolean;
  /** Union over the samples: must stay empty. */
  readonly lazyLoadedDuringActivation: string[];
  /** Union over the samples of the lazy files loaded after activation (on first use), for the report. */
  readonly lazyLoadedAfterActivation: string[];
  readonly lazyFiles: string[];
  readonly samples: StartupSample[];
  readonly profiles: number;
  readonly bucketsPerProfile: number;
  readonly identitiesPerProfile: number;
}

export function codeServerInstalled(): boolean {
  return fs.existsSync(codeServerEntry);
}

function profileSettings(endpoint: string) {
  return Array.from({ length: PROFILES }, (_, p) => ({
    name: `bench-${p + 1}`,
    region: BENCH_REGION,
    credentialSource: 'environment',
    endpoints: { mps: endpoint, vod: endpoint, ram: endpoint, sts: endpoint, actiontrail: endpoint },
    outputBuckets: bucketNames(BUCKETS_PER_PROFILE, `p${p + 1}-out`),
    identities: identities(IDENTITIES_PER_PROFILE, `p${p + 1}-user`).map((id) => ({ identityType: id.identityType, identityName: id.identityName })),
  }));
}


function union(lists: string[][]): string[] {
  return [...new Set(lists.flat())].sort();
}

async function oneSample(vsixPath: string, workDir: string, endpoint: string, closedWaitMs: number): Promise<StartupSample> {
  const probeDir = fs.mkdtempSync(path.join(workDir, 'probe-'));
  const probeEntry = await buildProbeExtension(probeDir, 'bench-startup-probe', 'startupProbe.ts');
  const resultFile = path.join(probeDir, 'result.json');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer({
      installExtensions: [vsixPath],
      userSettings: { 'alicloudMedia.profiles': profileSettings(endpoint) },
      env: {
        ALIBABA_CLOUD_ACCESS_KEY_ID: BENCH_KEY.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: BENCH_KEY.accessKeySecret,
        BENCH_STARTUP_RESULT_FILE: resultFile,
        BENCH_CLOSED_WAIT_MS: String(closedWaitMs),
      },
    });
    browser = await launchBrowser();
    let resolveExit!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (resolveExit = resolve));
    await browser.page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(Number(code)));
    const url = await workbenchUrl(server.url, { folder: server.workspace, extensionDevelopmentPath: probeDir, extensionTestsPath: probeEntry });
    await browser.page.goto(url, { waitUntil: 'domcontentloaded' });
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 120_000)))]);
    clearTimeout(timer);
    if (code === 'timeout') throw new Error(`start-up probe did not finish within 120 s\n${server.logTail().split('\n').slice(-10).join('\n')}`);
    const probe = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ProbeResult;
    if (probe.error) throw new Error(`start-up probe: ${probe.error}`);
    return {
      activateMs: probe.reported?.activateMs ?? NaN,
      firstTreeRenderMs: probe.reported?.firstTreeRenderMs ?? NaN,
      loadedWhileViewClosed: probe.activeWhileViewClosed || probe.modulesLoadedWhileViewClosed.length > 0,
      lazyLoadedDuringActivation: probe.lazyLoadedDuringActivation,
      probe,
    };
  } finally {
    await browser?.close();
    await server?.close();
    fs.rmSync(probeDir, { recursive: true, force: true });
  }
}

export async function benchStartup(
  vsixPath: string,
  workDir: string,
  o: { samples: number; closedWaitMs: number; progress: (line: string) => void },
): Promise<StartupResult> {
  const buckets = Array.from({ length: PROFILES }, (_, p) => bucketNames(BUCKETS_PER_PROFILE, `p${p + 1}-out`)).flat();
  const ids = Array.from({ length: PROFILES }, (_, p) => identities(IDENTITIES_PER_PROFILE, `p${p + 1}-user`)).flat();
  const em = await startEmulator({ port: 0, quiet: true, state: benchState({ buckets, identities: ids }) });
  const samples: StartupSample[] = [];
  try {
    for (let i = 0; i < o.samples; i++) {
      o.progress(`start-up sample ${i + 1}/${o.samples} (fresh code-server + browser)…`);
      samples.push(await oneSample(vsixPath, workDir, em.url, o.closedWaitMs));
    }
  } finally {
    await em.close();
  }
  return {
    activateMs: median(samples.map((s) => s.activateMs)),
    firstTreeRenderMs: median(samples.map((s) => s.firstTreeRenderMs)),
    loadedWhileViewClosed: samples.some((s) => s.loadedWhileViewClosed),
    lazyLoadedDuringActivation: union(samples.map((s) => s.lazyLoadedDuringActivation)),
    lazyLoadedAfterActivation: union(samples.map((s) => s.probe.lazyLoadedAfterActivation)),
    lazyFiles: union(samples.map((s) => s.probe.lazyFiles)),
    samples,
    profiles: PROFILES,
    bucketsPerProfile: BUCKETS_PER_PROFILE,
    identitiesPerProfile: IDENTITIES_PER_PROFILE,
  };
}
