// A second "window" for historyWindows.test.ts: a separate Node process with its own RequestHistory over the real
// journal file, driven by messages from the test. Not a mock: the same modules the extension host runs, minus VS
// Code, which the history does not use. Each message is one step; the answer is what this window's history holds.
import { HistoryFile } from '../../../src/history/historyFile';
import { RequestHistory } from '../../../src/history/requestHistory';
import type { CallRecord } from '../../../src/cloud/types';
import type { UndoneBy } from '../../../src/records/historyRecord';

export type WindowStep =
  | { readonly op: 'open'; readonly folder: string; readonly maxRecords: number; readonly writeIntervalMs: number }
  /** Adds `count` records over about a second, so two processes interleave (a bulk of calls in each window). */
  | { readonly op: 'burst'; readonly count: number; readonly template: CallRecord; readonly prefix: string; readonly startMs: number; readonly stepMs: number }
  | { readonly op: 'add'; readonly record: CallRecord }
  | { readonly op: 'markUndone'; readonly id: string; readonly undoneBy: UndoneBy }
  | { readonly op: 'clear' }
  | { readonly op: 'refresh' }
  | { readonly op: 'close' };

export interface WindowAnswer {
  readonly ids?: string[];
  readonly error?: string;
}

let history: RequestHistory | undefined;

async function run(step: WindowStep): Promise<void> {
  switch (step.op) {
    case 'open':
      history = new RequestHistory(new HistoryFile(step.folder), step.maxRecords, { writeIntervalMs: step.writeIntervalMs });
      await history.ready();
      return;
    case 'burst':
      for (let i = 0; i < step.count; i++) {
        const time = new Date(step.startMs + i * step.stepMs).toISOString();
        void history?.add({ ...step.template, id: `${step.prefix}-${i}`, time, target: `${step.prefix}-${i}`, params: { Bucket: `${step.prefix}-${i}` } });
        if (i % 2 === 0) await new Promise<void>((resolve) => setTimeout(resolve, 1));
      }
      await history?.flush();
      return;
    case 'add':
      await history?.add(step.record);
      return;
    case 'markUndone':
      await history?.markUndone(step.id, step.undoneBy);
      return;
    case 'clear':
      await history?.clear();
      return;
    case 'refresh':
      await history?.refresh();
      return;
    case 'close':
      history?.dispose();
      await history?.flush();
      process.exit(0);
  }
}

process.on('message', (step: WindowStep) => {
  run(step).then(
    () => process.send?.({ ids: history?.records().map((r) => r.id) ?? [] } satisfies WindowAnswer),
    (err: unknown) => process.send?.({ error: String(err) } satisfies WindowAnswer),
  );
});
