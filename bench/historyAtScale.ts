// historyAtScale: a 1,000-target bulk unbind with the request history already full at 5,000 records, in the real
// extension host (code-server + headless Chromium, the extension installed from the .vsix the size step built,
// its view and the Request Inspector open). The probe extension's test module (historyProbe.ts) fills the history
// with real calls, then runs and measures the bulk from inside the host; see there for what each number means.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator } from '../test/emulator/server';
import { launchBrowser, type Browser } from '../test/vscode/browser';
import { startCodeServer, type CodeServer } from '../test/vscode/codeServer/launch';
import { workbenchUrl } from '../test/vscode/workbenchUrl';
import { buildProbeExtension } from './probeExtension';
import { BENCH_KEY, BENCH_REGION, benchState, bucketNames } from './fixtures';
import type { HistoryProbeConfig, HistoryProbeResult } from './historyProbe';

export const HISTORY_RECORDS = 5000;
const PROFILE = 'bench-history';
/** Mirrors src/history/historyStorage.ts: the extension counts its history journal's writes only when this is set. */
const COUNT_WRITES_ENV = 'ALICLOUD_MEDIA_COUNT_HISTORY_WRITES';

export interface HistoryAtScaleResult {
  /** Records in the history after the bulk (the cap: 5,000). */
  readonly records: number;
  /** Calls the bulk made. */
  readonly calls: number;
  /** Journal writes of the history (appends and rewrites) from the bulk's start until the history was idle. */
  readonly storageWrites: number;
  /** Of those, rewrites of the whole journal (compaction). */
  readonly storageRewrites: number;
  /** The extension host's longest event-loop stall over the same time. */
  readonly maxStallMs: number;
  readonly p99StallMs: number;
  /** The longest garbage-collection pause over the same time. */
  readonly maxGcPauseMs: number;
  readonly bulkSeconds: number;
  readonly succeeded: number;
  readonly failed: number;
  /** The fill-up before the measurement: one bulk unbind of 5,000 other buckets. */
  readonly prefillSeconds: number;
  readonly prefillRecords: number;
  /** Whether the view and the Request Inspector were open. */
  readonly openUi: boolean;
}


export async function benchHistoryAtScale(
  vsixPath: string,
  workDir: string,
  o: { targets: number; records?: number; openUi?: boolean; cpuProfile?: string; progress: (line: string) => void },
): Promise<HistoryAtScaleResult> {
  const records = o.records ?? HISTORY_RECORDS;
  const prefill = bucketNames(records, 'fill-out');
  const targets = bucketNames(o.targets, 'scale-out');
  const em = await startEmulator({ port: 0, quiet: true, state: benchState({ buckets: [...prefill, ...targets] }) });
  const probeDir = fs.mkdtempSync(path.join(workDir, 'history-probe-'));
  const resultFile = path.join(probeDir, 'result.json');
  const configFile = path.join(probeDir, 'config.json');
  const config: HistoryProbeConfig = { profile: PROFILE, prefill, targets, openUi: o.openUi ?? true };
  fs.writeFileSync(configFile, JSON.stringify(config));
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    const probeEntry = await buildProbeExtension(probeDir, 'bench-history-probe', 'historyProbe.ts');
    server = await startCodeServer({
      installExtensions: [vsixPath],
      userSettings: {
        'alicloudMedia.history.maxRecords': records,
        'alicloudMedia.profiles': [{ name: PROFILE, region: BENCH_REGION, credentialSource: 'environment', endpoints: { mps: em.url, vod: em.url, ram: em.url, sts: em.url, actiontrail: em.url } }],
      },
      env: {
        ALIBABA_CLOUD_ACCESS_KEY_ID: BENCH_KEY.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: BENCH_KEY.accessKeySecret,
        [COUNT_WRITES_ENV]: '1',
        HISTORY_BENCH_CONFIG: configFile,
        HISTORY_BENCH_RESULT_FILE: resultFile,
        ...(o.cpuProfile ? { HISTORY_BENCH_CPU_PROFILE: o.cpuProfile } : {}),
      },
    });
    browser = await launchBrowser();
    let resolveExit!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (resolveExit = resolve));
    await browser.page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(Number(code)));
    const url = await workbenchUrl(server.url, { folder: server.workspace, extensionDevelopmentPath: probeDir, extensionTestsPath: probeEntry });
    o.progress(`historyAtScale: filling the history with ${records} unbinds, then a ${o.targets}-target bulk…`);
    await browser.page.goto(url, { waitUntil: 'domcontentloaded' });
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 900_000)))]);
    clearTimeout(timer);
    if (code === 'timeout') {
      const reached = fs.existsSync(resultFile) ? (JSON.parse(fs.readFileSync(resultFile, 'utf8')) as HistoryProbeResult).phase : 'not started';
      throw new Error(`history probe did not finish within 900 s (last phase: ${reached})\n${server.logTail().split('\n').slice(-10).join('\n')}`);
    }
    const probe = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as HistoryProbeResult;
    if (probe.error) throw new Error(`history probe: ${probe.error}`);
    const number = (value: number | undefined, name: string) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`history probe reported no ${name}`);
      return value;
    };
    return {
      records: number(probe.records, 'records'),
      calls: number(probe.calls, 'calls'),
      storageWrites: number(probe.storageWrites, 'storageWrites'),
      storageRewrites: number(probe.storageRewrites, 'storageRewrites'),
      maxStallMs: number(probe.maxStallMs, 'maxStallMs'),
      p99StallMs: number(probe.p99StallMs, 'p99StallMs'),
      maxGcPauseMs: number(probe.maxGcPauseMs, 'maxGcPauseMs'),
      bulkSeconds: number(probe.bulkSeconds, 'bulkSeconds'),
      succeeded: number(probe.succeeded, 'succeeded'),
      failed: number(probe.failed, 'failed'),
      prefillSeconds: number(probe.prefillSeconds, 'prefillSeconds'),
      prefillRecords: number(probe.prefillRecords, 'prefillRecords'),
      openUi: config.openUi,
    };
  } finally {
    await browser?.close();
    await server?.close();
    await em.close();
    fs.rmSync(probeDir, { recursive: true, force: true });
  }
}
