import { strict as assert } from 'node:assert';
import type { CallRecord } from '../../../src/cloud/types';
import {
  DEFAULT_MAX_RECORDS, MAX_MAX_RECORDS, RequestHistory as CoalescingHistory, WRITE_INTERVAL_MS,
  clampMaxRecords, type HistoryChange, type HistoryStorage,
} from '../../../src/history/requestHistory';
import type { HistoryRecord } from '../../../src/records/historyRecord';
import { FakeClock } from '../../support/fakeClock';
import { record } from './fixtures';
import { MemoryJournal, readResult } from './memoryJournal';

/** For the tests about what is stored, not when: no interval between writes, real timers. */
class RequestHistory extends CoalescingHistory {
  constructor(storage: HistoryStorage, maxRecords?: number) {
    super(storage, maxRecords, { writeIntervalMs: 0 });
  }
}

describe('RequestHistory', () => {
  it('lists records newest first by the time the call started, whatever order they finished in', async () => {
    const history = new RequestHistory(new MemoryJournal());
    const early = record({ time: '2025-01-01T10:00:00.000Z' });
    const late = record({ time: '2025-01-01T10:00:05.000Z' });
    const middle = record({ time: '2025-01-01T10:00:02.000Z' });
    await history.add(early);
    await history.add(late);
    await history.add(middle);
    assert.deepEqual(history.records().map((r) => r.id), [late.id, middle.id, early.id]);
  });

  it('keeps arrival order for records that started in the same instant (a bulk action)', async () => {
    const history = new RequestHistory(new MemoryJournal());
    const time = '2025-01-01T10:00:00.000Z';
    const a = record({ time, target: 'a' });
    const b = record({ time, target: 'b' });
    await history.add(a);
    await history.add(b);
    assert.deepEqual(history.records().map((r) => r.target), ['b', 'a']);
  });

  it('drops the oldest records beyond the cap', async () => {
    const history = new RequestHistory(new MemoryJournal(), 3);
    const added = [record(), record(), record(), record(), record()];
    for (const r of added) await history.add(r);
    assert.deepEqual(history.records().map((r) => r.id), [added[4].id, added[3].id, added[2].id]);
  });

  it('trims at once when the cap shrinks', async () => {
    const state = new MemoryJournal();
    const history = new RequestHistory(state, 10);
    for (let i = 0; i < 5; i++) await history.add(record());
    await history.setMaxRecords(2);
    assert.equal(history.records().length, 2);
    assert.equal((await state.stored()).length, 2, 'a bigger cap later does not bring the trimmed records back');
  });

  it('survives a reload: a new history over the same storage sees the same records in the same order', async () => {
    const state = new MemoryJournal();
    const first = new RequestHistory(state);
    const records = [record(), record({ outcome: 'failed', requestId: undefined, error: { kind: 'auth', code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.', httpStatus: 404 } })];
    for (const r of records) await first.add(r);

    const reloaded = await state.stored();
    assert.deepEqual(reloaded, first.records());
    assert.deepEqual(reloaded[0].error, records[1].error);
  });

  it('applies the cap to what it loads', async () => {
    const state = new MemoryJournal();
    const big = new RequestHistory(state, 10);
    for (let i = 0; i < 6; i++) await big.add(record());
    assert.equal((await state.stored(4)).length, 4);
  });

  it('ignores stored lines that are not records', async () => {
    const state = new MemoryJournal();
    state.lines = [JSON.stringify({ not: 'a record' }), JSON.stringify({ id: 'x' }), '42', JSON.stringify(record())];
    assert.equal((await state.stored()).length, 1);
  });

  it('replaces a record that arrives twice with the same id', async () => {
    const history = new RequestHistory(new MemoryJournal());
    const r = record();
    await history.add(r);
    await history.add({ ...r, latencyMs: 999 });
    assert.equal(history.records().length, 1);
    assert.equal(history.records()[0].latencyMs, 999);
  });

  it('knows which ids it holds across every kind of change: a record pushed out or annotated can arrive again, once; a cleared one cannot', async () => {
    const history = new RequestHistory(new MemoryJournal(), 2);
    const a = record({ time: '2025-01-01T10:00:00.000Z' });
    const b = record({ time: '2025-01-01T10:00:01.000Z' });
    const c = record({ time: '2025-01-01T10:00:02.000Z' });
    await history.add(a);
    await history.add(b);
    await history.add(c); // pushes a out
    await history.add(a); // older than both: does not enter
    assert.deepEqual(history.records().map((r) => r.id), [c.id, b.id]);
    await history.markUndone(b.id, { requestId: '1A2B3C4D-0000-4000-8000-000000000009', time: '2025-02-01T10:00:00.000Z' });
    await history.add({ ...b, latencyMs: 7 }); // replaces the annotated copy
    assert.deepEqual(history.records().map((r) => [r.id, r.latencyMs]), [[c.id, c.latencyMs], [b.id, 7]]);
    await history.clear();
    await history.add(c); // started before the clear: another window's stale copy must not bring it back
    assert.deepEqual(history.records(), []);
    const d = record({ time: new Date(Date.now() + 1000).toISOString() });
    await history.add(d);
    await history.add(d);
    assert.deepEqual(history.records().map((r) => r.id), [d.id]);
  });

  it('clears memory and storage', async () => {
    const state = new MemoryJournal();
    const history = new RequestHistory(state);
    await history.add(record());
    await history.clear();
    assert.deepEqual(history.records(), []);
    assert.deepEqual(state.recordLines, [], 'only the header with the clear is left');
    assert.deepEqual(await state.stored(), []);
  });

  it('finds a record by id', async () => {
    const history = new RequestHistory(new MemoryJournal());
    const r = record();
    await history.add(r);
    assert.equal(history.find(r.id)?.requestId, r.requestId);
    assert.equal(history.find('nope'), undefined);
  });

  it('notifies listeners on every change and stops after dispose', async () => {
    const history = new RequestHistory(new MemoryJournal());
    let calls = 0;
    const subscription = history.onDidChange(() => calls++);
    await history.add(record());
    await history.clear();
    subscription.dispose();
    await history.add(record());
    assert.equal(calls, 2);
  });

  it('keeps persisting when a listener throws', async () => {
    const state = new MemoryJournal();
    const history = new RequestHistory(state);
    history.onDidChange(() => {
      throw new Error('broken view');
    });
    await history.add(record());
    assert.equal((await state.stored()).length, 1);
  });

  it('writes the last state after a burst of adds', async () => {
    const state = new MemoryJournal();
    const history = new RequestHistory(state);
    const burst = [record(), record(), record()];
    await Promise.all(burst.map((r) => history.add(r)));
    assert.equal((await state.stored()).length, 3);
  });

  describe('redaction on write', () => {
    it('never persists secret-looking parameters or values', async () => {
      const state = new MemoryJournal();
      const history = new RequestHistory(state);
      await history.add(record({
        params: {
          Bucket: 'media-out',
          AccessKeySecret: 'hunter2-secret-value',
          Signature: 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=',
          SecurityToken: 'CAIS-token',
          Note: 'see https://mts.aliyuncs.com/?Signature=abc&AccessKeyId=LTAI5tAbCdEfGh12abcd',
        },
        endpoint: 'https://mts.cn-shanghai.aliyuncs.com/?SecurityToken=CAISsecret',
        maskedAccessKeyId: 'LTAI5tAbCdEfGh12abcd',
        error: { kind: 'auth', code: 'SignatureDoesNotMatch', message: 'server string to sign: Signature%3DsecretSig%26AccessKeySecret=topsecret' },
      }));
      const stored = state.lines.join('\n');
      for (const secret of ['hunter2', 'OLeaidS1', 'CAIS', 'secretSig', 'topsecret', 'LTAI5tAbCdEfGh12abcd']) {
        assert.ok(!stored.includes(secret), `${secret} leaked: ${stored}`);
      }
      assert.ok(stored.includes('LTAI****abcd'), 'the AccessKeyId stays, masked');
      assert.ok(stored.includes('media-out'));
    });

    it('keeps only the fields it knows', async () => {
      const state = new MemoryJournal();
      const history = new RequestHistory(state);
      await history.add({ ...record(), rawResponse: { headers: { authorization: 'x' } } } as unknown as CallRecord);
      const stored = state.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.equal('rawResponse' in stored[0], false);
    });
  });
});

// Timing matters here, so these tests run the history on a FakeClock (a hand-driven setTimeout) over the in-memory
// storage; nothing else is faked.
describe('RequestHistory write coalescing', () => {
  function coalescing(state: HistoryStorage, clock: FakeClock, maxRecords = 5000, onWriteError?: (err: unknown) => void) {
    return new CoalescingHistory(state, maxRecords, { clock, ...(onWriteError ? { onWriteError } : {}) });
  }

  it('writes a synchronous burst of 1,000 records once, with all of them', async () => {
    const state = new MemoryJournal();
    const clock = new FakeClock(1_000_000);
    const history = coalescing(state, clock);
    const done = Array.from({ length: 1000 }, () => history.add(record()));
    assert.equal(state.writes, 0, 'nothing is written inside the burst');
    await clock.advance(0);
    await Promise.all(done);
    assert.equal(state.writes, 1);
    assert.equal((await state.stored()).length, 1000);
  });

  it(`spaces writes at least ${WRITE_INTERVAL_MS} ms apart during a sustained bulk, and the last state lands`, async () => {
    const state = new MemoryJournal();
    const clock = new FakeClock(1_000_000);
    const history = coalescing(state, clock, 500);
    // 1,000 calls at 100 a second: 10 seconds.
    const added = [];
    for (let i = 0; i < 1000; i++) {
      const r = record();
      added.push(r);
      void history.add(r);
      await clock.advance(10);
    }
    await clock.advance(WRITE_INTERVAL_MS);
    assert.ok(state.writes <= 10_000 / WRITE_INTERVAL_MS + 2, `${state.writes} writes`);
    assert.ok(state.writes >= 10_000 / WRITE_INTERVAL_MS - 2, `writes keep coming during the bulk (${state.writes})`);
    assert.deepEqual((await state.stored(500)).map((r) => r.id), added.slice(-500).reverse().map((r) => r.id));
  });

  it('resolves an add only once a write carrying that record has finished', async () => {
    const state = new MemoryJournal();
    const clock = new FakeClock(1_000_000);
    const history = coalescing(state, clock);
    const first = history.add(record());
    await clock.advance(0);
    await first; // this write starts the interval
    const r = record();
    let resolved = false;
    void history.add(r).then(() => (resolved = true));
    await clock.advance(WRITE_INTERVAL_MS - 1);
    assert.equal(resolved, false, 'still waiting for the interval');
    assert.ok(!(await state.stored()).some((s) => s.id === r.id));
    await clock.advance(1);
    assert.equal(resolved, true);
    assert.ok((await state.stored()).some((s) => s.id === r.id));
  });

  it('flush() writes what is pending without waiting for the interval', async () => {
    const state = new MemoryJournal();
    const clock = new FakeClock(1_000_000);
    const history = coalescing(state, clock);
    void history.add(record());
    await clock.advance(0);
    const last = record();
    void history.add(last);
    assert.equal((await state.stored())[0]?.id === last.id, false);
    await history.flush();
    assert.equal((await state.stored())[0]?.id, last.id);
    assert.equal(clock.pending, 0, 'no write left scheduled');
    const writes = state.writes;
    await clock.advance(WRITE_INTERVAL_MS * 4);
    assert.equal(state.writes, writes, 'nothing more to write');
  });

  it('flush() during a slow write waits for it, then writes the changes that arrived meanwhile', async () => {
    const writes: Array<{ value: unknown; finish: () => void }> = [];
    const slow: HistoryStorage = {
      read: async () => ({ whole: true, records: [], clearedBefore: Number.NEGATIVE_INFINITY, lines: 0 }),
      append: (value) => new Promise<void>((finish) => writes.push({ value, finish })),
      compact: () => Promise.resolve(false),
    };
    const clock = new FakeClock(1_000_000);
    const history = coalescing(slow, clock);
    void history.add(record());
    await clock.advance(0);
    assert.equal(writes.length, 1, 'first write in flight');
    const late = record();
    void history.add(late);
    const flushed = history.flush();
    await clock.advance(0);
    assert.equal(writes.length, 1, 'one write at a time');
    writes[0].finish();
    await clock.advance(0);
    assert.equal(writes.length, 2, 'the pending state goes out as soon as the first write is done');
    assert.deepEqual((writes[1].value as HistoryRecord[]).map((r) => r.id), [late.id], 'the second write appends only what arrived meanwhile');
    writes[1].finish();
    await flushed;
  });

  it('a failed write rejects the adds it carried, is reported once, and the next change writes everything again', async () => {
    const state = new MemoryJournal();
    const clock = new FakeClock(1_000_000);
    const errors: unknown[] = [];
    const history = coalescing(state, clock, 5000, (err) => errors.push(err));
    state.failWith = new Error('disk full');
    const burst = [history.add(record()), history.add(record())];
    await clock.advance(0);
    for (const p of burst) await assert.rejects(p, /disk full/);
    assert.equal(errors.length, 1);
    state.failWith = undefined;
    void history.add(record());
    await clock.advance(WRITE_INTERVAL_MS);
    assert.equal((await state.stored()).length, 3, 'nothing was lost from memory');
  });

  it('dispose() starts the last write', async () => {
    const state = new MemoryJournal();
    const clock = new FakeClock(1_000_000);
    const history = coalescing(state, clock);
    void history.add(record());
    await clock.advance(0);
    void history.add(record());
    history.dispose();
    await clock.advance(0);
    assert.equal((await state.stored()).length, 2);
  });
});

describe('RequestHistory journal', () => {
  it('reads nothing until first use, then once', async () => {
    let loads = 0;
    const stored = [JSON.stringify(record())];
    const storage: HistoryStorage = { read: (request) => (loads++, readResult(true, stored, request)), append: async () => undefined, compact: async () => false };
    const history = new RequestHistory(storage);
    assert.equal(loads, 0, 'constructing (activation) reads nothing');
    assert.deepEqual(history.records(), [], 'empty until the (sliced) first read finished');
    history.records();
    await history.ready();
    await history.ready();
    assert.equal(loads, 1);
    assert.equal(history.records().length, 1);
  });

  it('a write appends only the records that are new since the last one, never the whole history', async () => {
    const state = new MemoryJournal();
    const history = new RequestHistory(state, 5000);
    for (let i = 0; i < 100; i++) await history.add(record());
    const lines = state.lines.length;
    const burst = [record(), record(), record()];
    await Promise.all(burst.map((r) => history.add(r)));
    assert.equal(state.lines.length, lines + 3);
    assert.equal(state.rewrites, 0);
  });

  it('an undo mark is one more line, and a reload sees the marked record once', async () => {
    const state = new MemoryJournal();
    const history = new RequestHistory(state);
    const r = record();
    await history.add(r);
    await history.add(record());
    await history.markUndone(r.id, { requestId: 'UNDO-2', time: '2025-02-01T10:00:00.000Z' });
    assert.equal(state.lines.length, 3);
    const reloaded = (await state.stored());
    assert.equal(reloaded.length, 2);
    assert.equal(reloaded.find((x) => x.id === r.id)?.undoneBy?.requestId, 'UNDO-2');
  });

  it('compacts the journal once it holds twice the cap, keeping exactly the history', async () => {
    const state = new MemoryJournal();
    const history = new RequestHistory(state, 10);
    for (let i = 0; i < 20; i++) await history.add(record());
    assert.equal(state.rewrites, 0, 'up to twice the cap, only appends');
    await history.add(record());
    assert.equal(state.rewrites, 1);
    assert.equal(state.recordLines.length, 10);
    assert.deepEqual((await state.stored()).map((r) => r.id), history.records().map((r) => r.id));
  });

  it('a reload keeps the arrival order of records that started in the same instant', async () => {
    const state = new MemoryJournal();
    const history = new RequestHistory(state);
    const time = '2025-01-01T10:00:00.000Z';
    for (const target of ['a', 'b', 'c']) await history.add(record({ time, target }));
    assert.deepEqual((await state.stored()).map((r) => r.target), ['c', 'b', 'a']);
  });
});

describe('RequestHistory change events', () => {
  it('reports each add with the ids it pushed out, a shrunk cap, a clear and an annotation', async () => {
    const history = new RequestHistory(new MemoryJournal(), 2);
    const changes: HistoryChange[] = [];
    history.onDidChange((c) => changes.push(c));
    const [a, b, c] = [record(), record(), record()];
    await history.add(a);
    await history.add(b);
    await history.add(c);
    await history.add({ ...c, latencyMs: 5 });
    await history.markUndone(c.id, { requestId: 'UNDO-1', time: '2025-02-01T00:00:00.000Z' });
    await history.setMaxRecords(1);
    await history.clear();
    assert.deepEqual(
      changes.map((ch) => (ch.type === 'added' ? `added ${ch.record.id} -${ch.removedIds.join(',')}` : ch.type === 'removed' ? `removed ${ch.removedIds.join(',')}` : ch.type === 'updated' ? `updated ${ch.record.id}` : ch.type)),
      [`added ${a.id} -`, `added ${b.id} -`, `added ${c.id} -${a.id}`, `added ${c.id} -${c.id}`, `updated ${c.id}`, `removed ${b.id}`, 'cleared'],
    );
  });

  it('does not report a record older than everything in a full history, which never enters', async () => {
    const history = new RequestHistory(new MemoryJournal(), 1);
    await history.add(record({ time: '2025-06-01T00:00:00.000Z' }));
    let changes = 0;
    history.onDidChange(() => changes++);
    await history.add(record({ time: '2020-01-01T00:00:00.000Z' }));
    assert.equal(changes, 0);
    assert.equal(history.records().length, 1);
  });
});

describe('RequestHistory.markUndone', () => {
  it('stores undoneBy with the record, through a reload', async () => {
    const state = new MemoryJournal();
    const history = new RequestHistory(state);
    const r = record();
    await history.add(r);
    const undoneBy = { requestId: '1A2B3C4D-0000-4000-8000-000000000009', time: '2025-02-01T10:00:00.000Z' };
    await history.markUndone(r.id, undoneBy);
    assert.deepEqual(history.find(r.id)?.undoneBy, undoneBy);
    assert.deepEqual((await state.stored()).find((x) => x.id === r.id)?.undoneBy, undoneBy);
  });

  it('ignores an unknown record and a malformed annotation', async () => {
    const state = new MemoryJournal();
    const history = new RequestHistory(state);
    const r = record();
    await history.add(r);
    let changes = 0;
    history.onDidChange(() => changes++);
    await history.markUndone('gone', { requestId: 'x', time: '2025-02-01T10:00:00.000Z' });
    await history.markUndone(r.id, { requestId: 'x', time: 'soon' });
    assert.equal(changes, 0);
    assert.equal(history.find(r.id)?.undoneBy, undefined);
  });
});

describe('clampMaxRecords', () => {
  it('falls back to the default for non-numbers and clamps the rest', () => {
    assert.equal(clampMaxRecords(undefined), DEFAULT_MAX_RECORDS);
    assert.equal(clampMaxRecords('100'), DEFAULT_MAX_RECORDS);
    assert.equal(clampMaxRecords(0), 1);
    assert.equal(clampMaxRecords(10.7), 10);
    assert.equal(clampMaxRecords(1e9), MAX_MAX_RECORDS);
  });
});
