// Two windows on one history: two Node processes (child_process.fork of historyWindow.ts), each with its own
// RequestHistory over the same real journal file, as two VS Code windows share the extension's global storage.
// This test process is a third window where a check needs one close at hand.
import { strict as assert } from 'node:assert';
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HISTORY_FILE_NAME, HistoryFile } from '../../../src/history/historyFile';
import { withLaterChange } from '../../../src/history/laterChange';
import { RequestHistory } from '../../../src/history/requestHistory';
import { planUndo } from '../../../src/history/undoPlan';
import type { HistoryRecord } from '../../../src/records/historyRecord';
import { record } from './fixtures';
import type { WindowAnswer, WindowStep } from './historyWindow';

class Window {
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  constructor() {
    this.child = fork(path.join(__dirname, 'historyWindow.ts'), [], { execArgv: ['-r', 'tsx/cjs'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.exited = new Promise((resolve) => this.child.once('exit', resolve));
  }

  /** Runs one step in the other process; resolves with the ids its history holds afterwards, newest first. */
  step(step: WindowStep): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`window exited (${code}) during ${step.op}`));
      this.child.once('exit', onExit);
      this.child.once('message', (answer: WindowAnswer) => {
        this.child.off('exit', onExit);
        if (answer.error) reject(new Error(answer.error));
        else resolve(answer.ids ?? []);
      });
      this.child.send(step);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null) this.child.send({ op: 'close' } satisfies WindowStep);
    const timer = setTimeout(() => this.child.kill(), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

describe('one request history for two windows (two processes, one file)', function () {
  this.timeout(60_000);
  let folder: string;
  let windows: Window[] = [];
  const open = async (maxRecords: number, writeIntervalMs = 250): Promise<Window> => {
    const window = new Window();
    windows.push(window);
    await window.step({ op: 'open', folder, maxRecords, writeIntervalMs });
    return window;
  };
  const freshLoad = async (maxRecords: number): Promise<readonly HistoryRecord[]> => {
    const history = new RequestHistory(new HistoryFile(folder), maxRecords);
    await history.ready();
    history.dispose();
    return history.records();
  };

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'history-windows-'));
    windows = [];
  });
  afterEach(async () => {
    await Promise.all(windows.map((w) => w.close()));
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('1,200 records from each of two windows at once, cap 500: a fresh load holds exactly the newest 500 of both, and the file stays bounded', async () => {
    const [a, b] = await Promise.all([open(500, 5), open(500, 5)]);
    const start = Date.UTC(2025, 5, 1);
    const template = record();
    // Interleaved start times (a: even ms, b: odd ms), so the newest 500 of the union are half of each.
    await Promise.all([
      a.step({ op: 'burst', count: 1200, template, prefix: 'a', startMs: start, stepMs: 2 }),
      b.step({ op: 'burst', count: 1200, template, prefix: 'b', startMs: start + 1, stepMs: 2 }),
    ]);
    const union = [
      ...Array.from({ length: 1200 }, (_, i) => ({ id: `a-${i}`, time: start + 2 * i })),
      ...Array.from({ length: 1200 }, (_, i) => ({ id: `b-${i}`, time: start + 1 + 2 * i })),
    ];
    const newest = union.sort((x, y) => y.time - x.time).slice(0, 500).map((r) => r.id);
    assert.deepEqual((await freshLoad(500)).map((r) => r.id), newest);
    const lines = fs.readFileSync(path.join(folder, HISTORY_FILE_NAME), 'utf8').split('\n').filter((line) => line.trim()).length;
    assert.ok(lines <= 2 * 500 + 200, `the journal holds ${lines} lines`);
    // Each window sees the other's records too (after its next read).
    assert.deepEqual(await a.step({ op: 'refresh' }), newest);
    assert.deepEqual(await b.step({ op: 'refresh' }), newest);
  });

  it('no append is lost to a rewrite running at the same time: a third process compacts over and over while two windows write', async () => {
    const [a, b] = await Promise.all([open(5000, 5), open(5000, 5)]);
    const template = record();
    const start = Date.UTC(2025, 6, 1);
    let writing = true;
    let rewrites = 0;
    const compactor = new HistoryFile(folder);
    const compacting = (async () => {
      while (writing) if (await compactor.compact({ maxRecords: 5000 })) rewrites++;
    })();
    await Promise.all([
      a.step({ op: 'burst', count: 1200, template, prefix: 'a', startMs: start, stepMs: 2 }),
      b.step({ op: 'burst', count: 1200, template, prefix: 'b', startMs: start + 1, stepMs: 2 }),
    ]);
    writing = false;
    await compacting;
    assert.ok(rewrites >= 5, `only ${rewrites} rewrites ran during the writes`);
    const loaded = new Set((await freshLoad(5000)).map((r) => r.id));
    const missing = [...Array.from({ length: 1200 }, (_, i) => `a-${i}`), ...Array.from({ length: 1200 }, (_, i) => `b-${i}`)].filter((id) => !loaded.has(id));
    assert.deepEqual(missing, []);
  });

  it('an undo in one window refuses the same undo in the other, and a later revocation of the target refuses an earlier one’s undo', async () => {
    const revoked = record({ time: '2025-03-01T10:00:00.000Z', params: { Bucket: 'media-out' }, target: 'media-out' });
    const other = await open(500);
    await other.step({ op: 'add', record: revoked });
    const here = new RequestHistory(new HistoryFile(folder), 500);
    try {
      await here.ready();
      assert.ok('plan' in planUndo(withLaterChange(here.records(), here.find(revoked.id)!)), 'undoable before');

      // The other window undoes it: its BindOutputBucket record, then the mark on the revocation.
      const undo = record({ time: '2025-03-01T10:05:00.000Z', action: 'BindOutputBucket', params: { Bucket: 'media-out' }, target: 'media-out' });
      await other.step({ op: 'add', record: undo });
      await other.step({ op: 'markUndone', id: revoked.id, undoneBy: { requestId: undo.requestId!, time: undo.time } });
      await here.refresh();
      const decision = planUndo(withLaterChange(here.records(), here.find(revoked.id)!));
      assert.deepEqual('refusal' in decision && decision.refusal, { why: 'alreadyUndone', requestId: undo.requestId });

      // A revocation whose target was revoked again later (in the other window) is not undone: that would re-grant it.
      const first = record({ time: '2025-03-02T10:00:00.000Z', params: { Bucket: 'media-in' }, target: 'media-in' });
      const again = record({ time: '2025-03-02T11:00:00.000Z', params: { Bucket: 'media-in' }, target: 'media-in' });
      await here.add(first);
      await other.step({ op: 'add', record: again });
      await here.refresh();
      const overtaken = planUndo(withLaterChange(here.records(), here.find(first.id)!));
      assert.deepEqual('refusal' in overtaken && overtaken.refusal, { why: 'superseded', action: 'UnbindOutputBucket', time: again.time, requestId: again.requestId });
    } finally {
      here.dispose();
      await here.flush();
    }
  });

  it('a Clear in one window is not undone by the other window’s next writes', async () => {
    const [a, b] = await Promise.all([open(500), open(500)]);
    const old = record({ time: '2025-04-01T00:00:00.000Z' });
    await a.step({ op: 'add', record: old });
    assert.deepEqual(await b.step({ op: 'refresh' }), [old.id]);
    assert.deepEqual(await a.step({ op: 'clear' }), []);
    // b has not read the clear yet: it annotates its copy of the old record and records a call of its own.
    const fresh = record({ time: new Date(Date.now() + 60_000).toISOString() });
    await b.step({ op: 'markUndone', id: old.id, undoneBy: { requestId: 'UNDO-B', time: fresh.time } });
    await b.step({ op: 'add', record: fresh });
    await b.step({ op: 'add', record: { ...old, latencyMs: 1 } });
    assert.deepEqual((await freshLoad(500)).map((r) => r.id), [fresh.id]);
    assert.deepEqual(await b.step({ op: 'refresh' }), [fresh.id], 'b dropped what the clear removed');
    assert.deepEqual(await a.step({ op: 'refresh' }), [fresh.id], 'a sees b’s new record');
  });
});
