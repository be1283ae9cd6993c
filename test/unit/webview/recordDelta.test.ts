import { strict as assert } from 'node:assert';
import { RequestHistory, type HistoryStorage } from '../../../src/history/requestHistory';
import type { HistoryRecord } from '../../../src/records/historyRecord';
import { DeltaBatch, applyDelta } from '../../../src/webview/recordDelta';
import { record } from '../history/fixtures';

/** In-memory storage: these tests are about the changes the history reports, not about persistence. */
const memory = (): HistoryStorage => ({ read: async () => ({ whole: false, entries: [], lines: 0 }), append: async () => undefined, compact: async () => true });

/** Folds the history's changes into batches of `every` changes and applies each to a page-side copy. */
class Page {
  records: HistoryRecord[] = [];
  messages = 0;
  constructor(private readonly history: RequestHistory) {
    this.records = [...history.records()];
  }
  apply(batch: DeltaBatch): void {
    const delta = batch.take();
    this.messages++;
    this.records = delta === 'full' ? [...this.history.records()] : applyDelta(this.records, delta);
  }
}

describe('record deltas', () => {
  it('a page that applies the batches holds exactly what the history holds, through the cap, replacements, undo, clear and a reload', async () => {
    const history = new RequestHistory(memory(), 50, { writeIntervalMs: 0 });
    for (let i = 0; i < 40; i++) await history.add(record());
    const page = new Page(history);
    const batch = new DeltaBatch();
    history.onDidChange((c) => batch.push(c));

    const bulkTime = '2026-01-01T00:00:00.000Z';
    const bulk = Array.from({ length: 30 }, (_, i) => record({ time: bulkTime, target: `b-${i}` }));
    for (const r of bulk.slice(0, 15)) void history.add(r);
    page.apply(batch);
    assert.deepEqual(page.records.map((r) => r.id), history.records().map((r) => r.id));

    for (const r of bulk.slice(15)) void history.add(r);
    void history.add({ ...bulk[3], latencyMs: 7 });
    void history.markUndone(bulk[20].id, { requestId: 'UNDO-1', time: '2026-01-01T00:01:00.000Z' });
    void history.markUndone(history.records()[40].id, { requestId: 'UNDO-2', time: '2026-01-01T00:01:00.000Z' });
    page.apply(batch);
    assert.deepEqual(page.records, history.records());

    void history.setMaxRecords(10);
    page.apply(batch);
    assert.deepEqual(page.records, history.records());

    void history.clear();
    void history.add(record());
    assert.equal(batch.take(), 'full', 'a clear sends the whole list');
    await history.flush();
  });

  it('one batch carries a whole burst, and a record added then dropped in it is not sent', async () => {
    const history = new RequestHistory(memory(), 5, { writeIntervalMs: 0 });
    await history.ready();
    const batch = new DeltaBatch();
    history.onDidChange((c) => batch.push(c));
    const burst = Array.from({ length: 8 }, () => record());
    for (const r of burst) void history.add(r);
    const delta = batch.take();
    assert.notEqual(delta, 'full');
    if (delta === 'full') return;
    assert.deepEqual(delta.added.map((r) => r.id), burst.slice(-5).reverse().map((r) => r.id));
    assert.ok(batch.empty, 'take() empties the batch');
    await history.flush();
  });
});
