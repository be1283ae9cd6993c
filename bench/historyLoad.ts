// How long loading a full request history holds the extension host's thread: the journal as full as it gets
// (twice the cap: a write compacts it beyond that, whatever the number of windows), read by a fresh
// RequestHistory over the real file, as a new window does on first use. The longest stretch without an event-loop
// turn is measured by a chain of setImmediate callbacks running beside the load: any synchronous work longer than
// that shows as a gap between two of them. No VS Code: the history and its file have no VS Code import.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { COMPACT_FACTOR, RequestHistory } from '../src/history/requestHistory';
import { HISTORY_FILE_NAME, HistoryFile } from '../src/history/historyFile';
import type { CallRecord } from '../src/cloud/types';

export interface HistoryLoadEntry {
  /** history.maxRecords */
  cap: number;
  /** Lines in the journal (COMPACT_FACTOR × cap). */
  lines: number;
  bytes: number;
  /** Records the load gave (the cap). */
  records: number;
  /** From the first read to ready(), median of the runs. */
  loadMs: number;
  /** The longest time the thread was held without a turn of the event loop, worst of the runs. */
  maxStallMs: number;
  /**
   * The same stretch in CPU time the process used (all its threads: an upper bound for the main thread's work), for
   * a busy machine, where the wall-clock gap also counts the time other processes had the cores.
   */
  maxStallCpuMs: number;
}

export interface HistoryLoadResult {
  runs: number;
  entries: HistoryLoadEntry[];
}

/** A record as a revocation leaves it, with a long error message: heavier than most. */
function journalLine(i: number): string {
  const time = new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString();
  const record: CallRecord = {
    id: `bench-${i}`,
    time,
    product: 'vod',
    action: 'DetachAppPolicyFromIdentity',
    region: 'cn-shanghai',
    endpoint: 'https://vod.cn-shanghai.aliyuncs.com',
    profile: 'prod',
    target: `RamUser user-${i} (2037000000000${String(i).padStart(5, '0')}) in app-1000000`,
    params: { IdentityType: 'RamUser', IdentityName: `2037000000000${String(i).padStart(5, '0')}`, AppId: 'app-1000000', PolicyNames: 'VODAppFullAccess,VODAppReadOnlyAccess' },
    maskedAccessKeyId: 'LTAI****abcd',
    outcome: i % 3 === 0 ? 'failed' : 'succeeded',
    requestId: `0D5B4B5F-0000-4000-8000-${String(i).padStart(12, '0')}`,
    latencyMs: 120,
    attempts: 1,
    ...(i % 3 === 0 ? { error: { kind: 'permission', code: 'Forbidden.RAM', message: 'User not authorized to operate on the specified resource. '.repeat(4), httpStatus: 403 } } : { nonExistPolicyNames: [], failedPolicyNames: [] }),
  };
  return JSON.stringify(record);
}

async function measureOnce(folder: string, cap: number): Promise<{ loadMs: number; maxStallMs: number; maxStallCpuMs: number; records: number }> {
  let maxStallMs = 0;
  let maxStallCpuMs = 0;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let running = true;
  const tick = () => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    maxStallMs = Math.max(maxStallMs, now - last);
    maxStallCpuMs = Math.max(maxStallCpuMs, (cpu.user + cpu.system) / 1000);
    last = now;
    lastCpu = process.cpuUsage();
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const started = performance.now();
  last = started;
  lastCpu = process.cpuUsage();
  const history = new RequestHistory(new HistoryFile(folder), cap);
  await history.ready();
  const loadMs = performance.now() - started;
  running = false;
  tick();
  const records = history.records().length;
  history.dispose();
  return { loadMs, maxStallMs, maxStallCpuMs, records };
}

export async function benchHistoryLoad(options: { caps?: number[]; runs?: number; progress?: (line: string) => void } = {}): Promise<HistoryLoadResult> {
  const runs = options.runs ?? 5;
  const entries: HistoryLoadEntry[] = [];
  for (const cap of options.caps ?? [500, 5000]) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'history-load-'));
    try {
      const lines = COMPACT_FACTOR * cap;
      fs.writeFileSync(path.join(folder, HISTORY_FILE_NAME), `${Array.from({ length: lines }, (_, i) => journalLine(i)).join('\n')}\n`);
      const bytes = fs.statSync(path.join(folder, HISTORY_FILE_NAME)).size;
      const samples = [];
      for (let run = 0; run < runs; run++) samples.push(await measureOnce(folder, cap));
      const loads = samples.map((x) => x.loadMs).sort((a, b) => a - b);
      const entry: HistoryLoadEntry = {
        cap,
        lines,
        bytes,
        records: samples[0].records,
        loadMs: loads[Math.floor(loads.length / 2)],
        maxStallMs: Math.max(...samples.map((x) => x.maxStallMs)),
        maxStallCpuMs: Math.max(...samples.map((x) => x.maxStallCpuMs)),
      };
      options.progress?.(`history load: cap ${cap}, ${lines} lines: ${entry.loadMs.toFixed(1)} ms, longest stall ${entry.maxStallMs.toFixed(1)} ms (${entry.maxStallCpuMs.toFixed(1)} ms of CPU)`);
      entries.push(entry);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }
  return { runs, entries };
}
