import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HISTORY_FILE_NAME, HistoryFile, LEGACY_HISTORY_STATE_KEY, moveOutOfGlobalState, type LegacyState } from '../../../src/history/historyFile';
import { RequestHistory } from '../../../src/history/requestHistory';
import { record } from './fixtures';

// The real file in a temporary folder: these tests are about what lands on disk.
describe('HistoryFile', () => {
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'history-file-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  const inside = () => path.join(folder, 'globalStorage', 'publisher.extension');

  it('creates its folder on the first write and reads back what it appended, oldest first', async () => {
    const file = new HistoryFile(inside());
    assert.deepEqual(file.load(), [], 'no file yet: an empty history');
    const [a, b] = [record(), record()];
    await file.append([a]);
    await file.append([b]);
    assert.deepEqual(file.load().map((r) => (r as { id: string }).id), [a.id, b.id]);
  });

  it('is readable by the user only', async function () {
    if (process.platform === 'win32') this.skip();
    const file = new HistoryFile(inside());
    await file.append([record()]);
    assert.equal(fs.statSync(file.file).mode & 0o777, 0o600);
    await file.replace([record()]);
    assert.equal(fs.statSync(file.file).mode & 0o777, 0o600);
  });

  it('skips a torn last line and keeps the records before it', async () => {
    const file = new HistoryFile(inside());
    const r = record();
    await file.append([r]);
    fs.appendFileSync(file.file, '{"id":"torn","ti');
    assert.deepEqual(file.load().map((x) => (x as { id: string }).id), [r.id]);
  });

  it('replace writes exactly the records given (newest first in, oldest first on disk) and leaves no temporary file', async () => {
    const file = new HistoryFile(inside());
    await file.append([record(), record()]);
    const kept = Array.from({ length: 600 }, (_, i) => record({ time: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString() }));
    const newestFirst = [...kept].reverse();
    await file.replace(newestFirst);
    assert.deepEqual(file.load().map((x) => (x as { id: string }).id), kept.map((r) => r.id));
    assert.deepEqual(fs.readdirSync(inside()), [HISTORY_FILE_NAME]);
    assert.deepEqual(new RequestHistory(file, 5000).records().map((r) => r.id), newestFirst.map((r) => r.id));
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

  it('moves an older version’s history into the file, in order, and removes the key', () => {
    const newestFirst = [record({ time: '2025-01-01T00:00:02.000Z' }), record({ time: '2025-01-01T00:00:01.000Z' })];
    const legacy = state(newestFirst);
    const file = new HistoryFile(folder);
    moveOutOfGlobalState(legacy, file);
    assert.equal(legacy.data.has(LEGACY_HISTORY_STATE_KEY), false);
    assert.deepEqual(new RequestHistory(file).records().map((r) => r.id), newestFirst.map((r) => r.id));
  });

  it('lets an existing file win over a key left behind, and does nothing without a key', async () => {
    const file = new HistoryFile(folder);
    const current = record();
    await file.append([current]);
    const leftover = state([record()]);
    moveOutOfGlobalState(leftover, file);
    assert.equal(leftover.data.size, 0);
    assert.deepEqual(file.load().map((r) => (r as { id: string }).id), [current.id]);
    moveOutOfGlobalState(state(undefined), file);
    assert.equal(file.load().length, 1);
  });
});
