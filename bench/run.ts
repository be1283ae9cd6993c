// npm run bench [-- --out FILE.json] [--markdown FILE.md] [--quick] [--latencies 0,30] [--targets N]
//               [--skip-distance] [--distance-only] [--rtts 0,50,200]
//               [--startup-samples N] [--skip-startup] [--skip-size] [--skip-history] [--history-with-ui] [--history-cpu-profile FILE]
//               [--skip-bulk] [--skip-access-scan] [--access-scan-only] [--skip-history-load] [--history-load-only]
// Prints each number next to its target and its peer; never fails on timing. Exit code 1 only when a part of the
// benchmark itself could not run (a build or the workbench broke).
//
// The npm script bundles this file with esbuild (minified, like dist/extension.js) before running it, so the core
// runs as shipped: under tsx every closure the core creates per call is wrapped in a keepNames helper, which alone
// moved the per-call overhead ratio by several percent.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closeIdleConnections } from '../src/cloud/clients';
import { makeTempDir, repoRoot } from '../test/vscode/util';
import { benchAccessScan } from './accessScan';
import { BULK_ACTIONS, benchBulk, type BulkEntry } from './bulk';
import { benchDistance, runChildTask } from './distance';
import { benchHistoryAtScale } from './historyAtScale';
import { benchHistoryLoad } from './historyLoad';
import { machineInfo } from './machine';
import { benchOverhead } from './overhead';
import { evaluateTargets, renderMarkdown, renderTables, type BenchResults } from './report';
import { measureSize } from './size';
import { benchStartup, codeServerInstalled } from './startup';

interface Args {
  out?: string;
  markdown?: string;
  quick: boolean;
  targets: number;
  latencies: number[];
  overheadCalls: number;
  startupSamples: number;
  skipStartup: boolean;
  skipSize: boolean;
  skipHistory: boolean;
  /** historyAtScale with the view and the Request Inspector open (slow here: see BENCHMARKS.md). */
  historyWithUi: boolean;
  /** Where to write a CPU profile of the extension host during historyAtScale's measured bulk (diagnostic). */
  historyCpuProfile?: string;
  skipBulk: boolean;
  skipAccessScan: boolean;
  skipOverhead?: boolean;
  /** The first load of a full history journal (no VS Code: the history and its file run in this process). */
  skipHistoryLoad: boolean;
  /** Speed at a distance and with a shared quota (#22): access scan by latency, contention, two windows, network. */
  skipDistance: boolean;
  /** Network round trips for the distance section, ms. */
  rtts: number[];
}

function parseArgs(argv: string[]): Args {
  const quick = argv.includes('--quick');
  const args: Args = {
    quick,
    targets: quick ? 200 : 1000,
    latencies: [0, 30],
    overheadCalls: quick ? 100 : 200,
    startupSamples: quick ? 1 : 3,
    skipStartup: false,
    skipSize: false,
    skipHistory: false,
    historyWithUi: false,
    skipBulk: false,
    skipAccessScan: false,
    skipHistoryLoad: false,
    skipDistance: false,
    rtts: [0, 50, 200],
  };
  const value = (i: number, name: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
    return v;
  };
  const count = (text: string, name: string, max: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be an integer from 1 to ${max}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') continue;
    else if (a === '--out') args.out = path.resolve(value(i++, a));
    else if (a === '--markdown') args.markdown = path.resolve(value(i++, a));
    else if (a === '--targets') args.targets = count(value(i++, a), a, 5000);
    else if (a === '--startup-samples') args.startupSamples = count(value(i++, a), a, 10);
    else if (a === '--latencies') {
      args.latencies = value(i++, a).split(',').map((x) => Number(x));
      if (!args.latencies.length || args.latencies.some((x) => !Number.isFinite(x) || x < 0 || x > 1000)) {
        throw new Error('--latencies takes comma-separated milliseconds, 0 to 1000');
      }
    } else if (a === '--skip-startup') args.skipStartup = true;
    else if (a === '--skip-size') args.skipSize = true;
    else if (a === '--skip-history') args.skipHistory = true;
    else if (a === '--history-with-ui') args.historyWithUi = true;
    else if (a === '--history-cpu-profile') args.historyCpuProfile = path.resolve(value(i++, a));
    else if (a === '--skip-bulk') args.skipBulk = true;
    else if (a === '--skip-access-scan') args.skipAccessScan = true;
    else if (a === '--access-scan-only') Object.assign(args, { skipStartup: true, skipSize: true, skipHistory: true, skipBulk: true, skipOverhead: true, skipHistoryLoad: true, skipDistance: true });
    else if (a === '--skip-history-load') args.skipHistoryLoad = true;
    else if (a === '--skip-distance') args.skipDistance = true;
    else if (a === '--distance-only') Object.assign(args, { skipStartup: true, skipSize: true, skipHistory: true, skipBulk: true, skipOverhead: true, skipAccessScan: true, skipHistoryLoad: true });
    else if (a === '--rtts') {
      args.rtts = value(i++, a).split(',').map((x) => Number(x));
      if (!args.rtts.length || args.rtts.some((x) => !Number.isFinite(x) || x < 0 || x > 1000)) throw new Error('--rtts takes comma-separated milliseconds, 0 to 1000');
    }
    else if (a === '--history-load-only') Object.assign(args, { skipStartup: true, skipSize: true, skipHistory: true, skipBulk: true, skipOverhead: true, skipAccessScan: true, skipDistance: true });
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

function commandLine(args: Args): string {
  const parts = ['npm run bench'];
  const extra: string[] = [];
  if (args.quick) extra.push('--quick');
  if (args.out) extra.push('--out', path.relative(repoRoot, args.out));
  if (args.markdown) extra.push('--markdown', path.relative(repoRoot, args.markdown));
  if (extra.length) parts.push('--', ...extra);
  return parts.join(' ');
}

async function main(): Promise<number> {
  // A child of the distance section (a second window, or a process trusting the TLS run's CA): one task, one line.
  if (process.argv[2] === '--child') {
    process.stdout.write(`\n${JSON.stringify(await runChildTask(JSON.parse(process.argv[3] ?? '{}')))}\n`);
    closeIdleConnections();
    return 0;
  }
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const machine = machineInfo();
  progress(`machine: ${machine.summary}`);
  const work = makeTempDir('bench');
  let failed = false;
  try {
    let size: BenchResults['size'] = { skipped: 'not run (--skip-size)' };
    let vsixPath: string | undefined;
    if (!args.skipSize) {
      progress('size: production build and vsce package…');
      const { vsixPath: built, ...measured } = measureSize(repoRoot, work.dir);
      vsixPath = built;
      size = measured;
    }

    let startup: BenchResults['startup'] = { skipped: 'not run (--skip-startup)' };
    if (!args.skipStartup) {
      if (!vsixPath) startup = { skipped: 'needs the .vsix from the size step (drop --skip-size)' };
      else if (!codeServerInstalled()) startup = { skipped: 'code-server is not installed: run `npm run codeserver:install`' };
      else {
        try {
          startup = await benchStartup(vsixPath, work.dir, { samples: args.startupSamples, closedWaitMs: 5000, progress });
        } catch (err) {
          failed = true;
          startup = { skipped: `failed: ${err instanceof Error ? err.message : String(err)}` };
          progress(`start-up ${startup.skipped}`);
        }
      }
    }

    let historyAtScale: BenchResults['historyAtScale'] = { skipped: 'not run (--skip-history)' };
    if (!args.skipHistory) {
      if (!vsixPath) historyAtScale = { skipped: 'needs the .vsix from the size step (drop --skip-size)' };
      else if (!codeServerInstalled()) historyAtScale = { skipped: 'code-server is not installed: run `npm run codeserver:install`' };
      else {
        try {
          historyAtScale = await benchHistoryAtScale(vsixPath, work.dir, { targets: args.targets, openUi: args.historyWithUi, cpuProfile: args.historyCpuProfile, progress });
        } catch (err) {
          failed = true;
          historyAtScale = { skipped: `failed: ${err instanceof Error ? err.message : String(err)}` };
          progress(`historyAtScale ${historyAtScale.skipped}`);
        }
      }
    }

    let historyLoad: BenchResults['historyLoad'] = { skipped: 'not run (--skip-history-load)' };
    if (!args.skipHistoryLoad) {
      progress('history load: a full journal read by a fresh history…');
      historyLoad = await benchHistoryLoad({ progress });
    }

    // Before the bulk runs, whose 6,000 calls leave a heap that the next measurement would pay to collect.
    let overhead: BenchResults['overhead'] = { skipped: 'not run (--access-scan-only / --history-load-only)' };
    if (!args.skipOverhead) {
      progress(`overhead: ${args.overheadCalls} core + ${args.overheadCalls} bare calls…`);
      overhead = await benchOverhead(args.overheadCalls);
    }

    const bulk: BulkEntry[] = [];
    if (!args.skipBulk) {
      for (const latency of args.latencies) {
        for (const action of BULK_ACTIONS) bulk.push(await benchBulk(action, latency, args.targets, progress));
      }
    }

    const accessScan: BenchResults['accessScan'] = args.skipAccessScan ? { skipped: 'not run (--skip-access-scan)' } : await benchAccessScan(args.targets, 0, progress);

    const distance: BenchResults['distance'] = args.skipDistance
      ? { skipped: 'not run (--skip-distance)' }
      : await benchDistance({ targets: args.targets, latencies: args.latencies, rtts: args.rtts, progress });

    const partial: Omit<BenchResults, 'targetsMet'> = {
      machine: machine.summary,
      machineDetails: machine,
      generatedAt: new Date().toISOString(),
      command: commandLine(args),
      options: { targets: args.targets, latenciesMs: args.latencies, overheadCalls: args.overheadCalls, startupSamples: args.startupSamples, quick: args.quick },
      startup,
      size,
      bulk,
      overhead,
      historyAtScale,
      historyLoad,
      accessScan,
      distance,
    };
    const results: BenchResults = { ...partial, targetsMet: evaluateTargets(partial) };

    process.stdout.write(`\nMachine: ${machine.summary}\n\n${renderTables(results)}\n\n`);
    if (args.out) {
      fs.mkdirSync(path.dirname(args.out), { recursive: true });
      fs.writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
      progress(`JSON written to ${path.relative(process.cwd(), args.out) || args.out}`);
    }
    if (args.markdown) {
      fs.writeFileSync(args.markdown, renderMarkdown(results));
      progress(`Markdown written to ${path.relative(process.cwd(), args.markdown) || args.markdown}`);
    }
    progress(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    closeIdleConnections();
    work.remove();
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`[bench] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
