import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HISTORY_FILE_NAME, HistoryFile, LEGACY_HISTORY_STATE_KEY, STALE_LOCK_MS, moveOutOfGlobalState, type LegacyState } from '../../../src/history/historyFile';
import { RequestHistory } from '../../../src/history/requestHistory';
import type { HistoryRecord } from '../../../src/records/historyRecord';
import { record } from './fixtures';

/** What a new window would load from the file. */
async function freshLoad(folder: string, maxRecords = 5000): Promise<readonly HistoryRecord[]> {
  const history = new RequestHistory(new HistoryFile(folder), maxRecords);
  await history.ready();
  history.dispose();
  return history.records();
}

const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);
const timeAt = (second: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, second)).toISOString();

// The real file in a temporary folder: these tests are about what lands on disk.
describe('HistoryFile', () => {
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'history-file-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  const inside = () => path.join(folder, 'globalStorage', 'publisher.extension');

  it('creates its folder on the first write and reads back what it appended, oldest first, then only what came after', async () => {
    const file = new HistoryFile(inside());
    const request = { maxRecords: 100, clearedBefore: Number.NEGATIVE_INFINITY, isOwnLine: () => false };
    assert.deepEqual(await file.read(request), { whole: true, records: [], clearedBefore: Number.NEGATIVE_INFINITY, lines: 0 }, 'no file yet: an empty history');
    const [a, b, c] = [record(), record(), record()];
    await file.append([a]);
    await file.append([b]);
    const first = await file.read(request);
    assert.ok(first.whole);
    assert.deepEqual(ids(first.records), [b.id, a.id]);
    await new HistoryFile(inside()).append([c]); // another window
    const next = await file.read(request);
    assert.ok(!next.whole);
    assert.deepEqual(next.entries, [c]);
    assert.deepEqual(await file.read(request), { whole: false, entries: [], lines: 0 });
  });

  it('is readable by the user only', async function () {
    if (process.platform === 'win32') this.skip();
    const file = new HistoryFile(inside());
    await file.append([record()]);
    assert.equal(fs.statSync(file.file).mode & 0o777, 0o600);
    await file.compact({ maxRecords: 10 });
    assert.equal(fs.statSync(file.file).mode & 0o777, 0o600);
  });

  it('a torn line costs only itself: neither the records before it nor the next append are lost', async () => {
    const file = new HistoryFile(inside());
    const [before, after] = [record(), record()];
    await file.append([before]);
    fs.appendFileSync(file.file, '{"id":"torn","ti'); // the machine died mid-append
    assert.deepEqual(ids(await freshLoad(inside())), [before.id]);
    await new HistoryFile(inside()).append([after]);
    assert.deepEqual(ids(await freshLoad(inside())), [after.id, before.id]);
  });

  it('a reader that saw a torn last line picks up the record appended after it', async () => {
    const reader = new RequestHistory(new HistoryFile(inside()), 100);
    const first = record();
    await new HistoryFile(inside()).append([first]);
    fs.appendFileSync(path.join(inside(), HISTORY_FILE_NAME), '{"id":"torn","ti');
    await reader.ready();
    const next = record();
    await new HistoryFile(inside()).append([next]);
    await reader.refresh();
    assert.deepEqual(ids(reader.records()), [next.id, first.id]);
    reader.dispose();
  });

  it('compaction rewrites exactly the history the file describes (every writer\'s lines), capped, and leaves no temporary file', async () => {
    const file = new HistoryFile(inside());
    const kept = Array.from({ length: 600 }, (_, i) => record({ time: timeAt(i) }));
    await file.append(kept.slice(0, 300));
    await new HistoryFile(inside()).append(kept.slice(300)); // another window's lines count too
    assert.equal(await file.compact({ maxRecords: 500 }), true);
    assert.deepEqual(fs.readdirSync(inside()), [HISTORY_FILE_NAME]);
    const lines = fs.readFileSync(file.file, 'utf8').trim().split('\n');
    assert.equal(lines.length, 501, 'a header and the 500 newest');
    assert.deepEqual(ids(await freshLoad(inside())), ids(kept.slice(100).reverse()));
  });

  it('compaction with whenLinesOver does nothing once another writer has compacted', async () => {
    const file = new HistoryFile(inside());
    await file.append(Array.from({ length: 30 }, () => record()));
    assert.equal(await new HistoryFile(inside()).compact({ maxRecords: 10 }), true);
    assert.equal(await file.compact({ maxRecords: 10, whenLinesOver: 20 }), false);
  });

  it('a reader learns that the file was replaced, and reads it whole', async () => {
    const file = new HistoryFile(inside());
    const request = { maxRecords: 100, clearedBefore: Number.NEGATIVE_INFINITY, isOwnLine: () => false };
    await file.append(Array.from({ length: 5 }, () => record()));
    await file.read(request);
    await new HistoryFile(inside()).compact({ maxRecords: 2 });
    const again = await file.read(request);
    assert.ok(again.whole);
    assert.equal(again.lines, 3, 'the header and the two newest');
    assert.equal(again.records.length, 2);
  });

  it('a clear keeps its time through later rewrites, so a stale writer cannot bring cleared records back', async () => {
    const file = new HistoryFile(inside());
    const old = record({ time: timeAt(1) });
    await file.append([old]);
    await file.compact({ maxRecords: 10, clearBefore: Date.parse(timeAt(100)) });
    const fresh = record({ time: timeAt(200) });
    await new HistoryFile(inside()).append([{ ...old, latencyMs: 5 }, fresh]); // a window that held the old one
    assert.deepEqual(ids(await freshLoad(inside())), [fresh.id]);
    await file.compact({ maxRecords: 10 });
    await file.append([old]);
    assert.deepEqual(ids(await freshLoad(inside())), [fresh.id]);
  });

  it('keeps an undo mark whichever order two windows wrote their versions in', async () => {
    const file = new HistoryFile(inside());
    const r = record();
    await file.append([{ ...r, undoneBy: { requestId: 'UNDO-1', time: timeAt(9) } }]);
    await new HistoryFile(inside()).append([r]); // another window's older copy, written later
    assert.equal((await freshLoad(inside()))[0].undoneBy?.requestId, 'UNDO-1');
    await file.compact({ maxRecords: 10 });
    assert.equal((await freshLoad(inside()))[0].undoneBy?.requestId, 'UNDO-1');
  });

  it('takes over a lock left by a process that is gone, and one older than the stale age', async () => {
    const file = new HistoryFile(inside());
    await file.append([record(), record()]);
    fs.writeFileSync(file.lockFile, JSON.stringify({ pid: 2 ** 22 + 12345, token: 'dead' }));
    assert.equal(await file.compact({ maxRecords: 1 }), true);
    assert.equal(fs.existsSync(file.lockFile), false, 'released');
    fs.writeFileSync(file.lockFile, JSON.stringify({ pid: process.pid, token: 'frozen' }));
    const old = (Date.now() - STALE_LOCK_MS - 1000) / 1000;
    fs.utimesSync(file.lockFile, old, old);
    assert.equal(await file.compact({ maxRecords: 1 }), true);
    assert.equal(fs.existsSync(file.lockFile), false);
  });

  it('waits for a live lock instead of rewriting under another window', async () => {
    const file = new HistoryFile(inside());
    await file.append([record(), record()]);
    fs.writeFileSync(file.lockFile, JSON.stringify({ pid: process.pid, token: 'other-window' }));
    let done = false;
    const compaction = file.compact({ maxRecords: 1 }).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(done, false, 'still waiting');
    fs.rmSync(file.lockFile);
    await compaction;
    assert.equal((await freshLoad(inside())).length, 1);
  });

  it('tells a watcher about another writer\'s append', async () => {
    const file = new HistoryFile(inside());
    await file.append([record()]);
    let changes = 0;
    const watching = file.watch(() => changes++);
    try {
      await new HistoryFile(inside()).append([record()]);
      const deadline = Date.now() + 3000;
      while (changes === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(changes > 0, 'no change noticed within 3 s');
    } finally {
      watching.dispose();
    }
  });
});

describe('moveOutOfGlobalState', () => {
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'history-move-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  /** A Memento-shaped map (the adapter passes context.globalState). */
  function state(value: unknown): LegacyState & { data: Map<string, unknown> } {
    const data = new Map<string, unknown>(value === undefined ? [] : [[LEGACY_HISTORY_STATE_KEY, value]]);
    return {
      data,
      get: <T>(key: string) => data.get(key) as T | undefined,
      update: async (key: string) => void data.delete(key),
    };
  }

  it('moves an older version’s history into the file, in order, and removes the key', async () => {
    const newestFirst = [record({ time: '2025-01-01T00:00:02.000Z' }), record({ time: '2025-01-01T00:00:01.000Z' })];
    const legacy = state(newestFirst);
    const file = new HistoryFile(folder);
    moveOutOfGlobalState(legacy, file);
    assert.equal(legacy.data.has(LEGACY_HISTORY_STATE_KEY), false);
    assert.deepEqual(ids(await freshLoad(folder)), newestFirst.map((r) => r.id));
  });

  it('lets an existing file win over a key left behind, and does nothing without a key', async () => {
    const file = new HistoryFile(folder);
    const current = record();
    await file.append([current]);
    const leftover = state([record()]);
    moveOutOfGlobalState(leftover, file);
    assert.equal(leftover.data.size, 0);
    assert.deepEqual(ids(await freshLoad(folder)), [current.id]);
    moveOutOfGlobalState(state(undefined), file);
    assert.equal((await freshLoad(folder)).length, 1);
  });
});
