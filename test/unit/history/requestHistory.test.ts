import { strict as assert } from 'node:assert';
import type { CallRecord } from '../../../src/cloud/types';
import {
  DEFAULT_MAX_RECORDS, HISTORY_STORAGE_KEY, MAX_MAX_RECORDS, RequestHistory, clampMaxRecords, type HistoryStorage,
} from '../../../src/history/requestHistory';
import { record } from './fixtures';

/**
 * A stand-in for `context.globalState`: the same get/update contract, kept in memory. Values go through JSON,
 * as VS Code's storage does, so anything that would not survive a reload does not survive here either.
 */
class FakeGlobalState implements HistoryStorage {
  readonly data = new Map<string, string>();
  writes = 0;
  get<T>(key: string): T | undefined {
    const raw = this.data.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.writes += 1;
    this.data.set(key, JSON.stringify(value));
  }
}

describe('RequestHistory', () => {
  it('lists records newest first by the time the call started, whatever order they finished in', async () => {
    const history = new RequestHistory(new FakeGlobalState());
    const early = record({ time: '2025-01-01T10:00:00.000Z' });
    const late = record({ time: '2025-01-01T10:00:05.000Z' });
    const middle = record({ time: '2025-01-01T10:00:02.000Z' });
    await history.add(early);
    await history.add(late);
    await history.add(middle);
    assert.deepEqual(history.records().map((r) => r.id), [late.id, middle.id, early.id]);
  });

  it('keeps arrival order for records that started in the same instant (a bulk action)', async () => {
    const history = new RequestHistory(new FakeGlobalState());
    const time = '2025-01-01T10:00:00.000Z';
    const a = record({ time, target: 'a' });
    const b = record({ time, target: 'b' });
    await history.add(a);
    await history.add(b);
    assert.deepEqual(history.records().map((r) => r.target), ['b', 'a']);
  });

  it('drops the oldest records beyond the cap', async () => {
    const history = new RequestHistory(new FakeGlobalState(), 3);
    const added = [record(), record(), record(), record(), record()];
    for (const r of added) await history.add(r);
    assert.deepEqual(history.records().map((r) => r.id), [added[4].id, added[3].id, added[2].id]);
  });

  it('trims at once when the cap shrinks', async () => {
    const state = new FakeGlobalState();
    const history = new RequestHistory(state, 10);
    for (let i = 0; i < 5; i++) await history.add(record());
    await history.setMaxRecords(2);
    assert.equal(history.records().length, 2);
    assert.equal(state.get<unknown[]>(HISTORY_STORAGE_KEY)?.length, 2);
  });

  it('survives a reload: a new history over the same storage sees the same records in the same order', async () => {
    const state = new FakeGlobalState();
    const first = new RequestHistory(state);
    const records = [record(), record({ outcome: 'failed', requestId: undefined, error: { kind: 'auth', code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.', httpStatus: 404 } })];
    for (const r of records) await first.add(r);

    const reloaded = new RequestHistory(state);
    assert.deepEqual(reloaded.records(), first.records());
    assert.deepEqual(reloaded.records()[0].error, records[1].error);
  });

  it('applies the cap to what it loads', async () => {
    const state = new FakeGlobalState();
    const big = new RequestHistory(state, 10);
    for (let i = 0; i < 6; i++) await big.add(record());
    assert.equal(new RequestHistory(state, 4).records().length, 4);
  });

  it('ignores stored data that is not a list of records', () => {
    const state = new FakeGlobalState();
    state.data.set(HISTORY_STORAGE_KEY, JSON.stringify({ not: 'a list' }));
    assert.deepEqual(new RequestHistory(state).records(), []);
    state.data.set(HISTORY_STORAGE_KEY, JSON.stringify([{ id: 'x' }, 42, record()]));
    assert.equal(new RequestHistory(state).records().length, 1);
  });

  it('replaces a record that arrives twice with the same id', async () => {
    const history = new RequestHistory(new FakeGlobalState());
    const r = record();
    await history.add(r);
    await history.add({ ...r, latencyMs: 999 });
    assert.equal(history.records().length, 1);
    assert.equal(history.records()[0].latencyMs, 999);
  });

  it('clears memory and storage', async () => {
    const state = new FakeGlobalState();
    const history = new RequestHistory(state);
    await history.add(record());
    await history.clear();
    assert.deepEqual(history.records(), []);
    assert.deepEqual(state.get(HISTORY_STORAGE_KEY), []);
  });

  it('finds a record by id', async () => {
    const history = new RequestHistory(new FakeGlobalState());
    const r = record();
    await history.add(r);
    assert.equal(history.find(r.id)?.requestId, r.requestId);
    assert.equal(history.find('nope'), undefined);
  });

  it('notifies listeners on every change and stops after dispose', async () => {
    const history = new RequestHistory(new FakeGlobalState());
    let calls = 0;
    const subscription = history.onDidChange(() => calls++);
    await history.add(record());
    await history.clear();
    subscription.dispose();
    await history.add(record());
    assert.equal(calls, 2);
  });

  it('keeps persisting when a listener throws', async () => {
    const state = new FakeGlobalState();
    const history = new RequestHistory(state);
    history.onDidChange(() => {
      throw new Error('broken view');
    });
    await history.add(record());
    assert.equal(state.get<unknown[]>(HISTORY_STORAGE_KEY)?.length, 1);
  });

  it('writes the last state after a burst of adds', async () => {
    const state = new FakeGlobalState();
    const history = new RequestHistory(state);
    const burst = [record(), record(), record()];
    await Promise.all(burst.map((r) => history.add(r)));
    assert.equal(state.get<CallRecord[]>(HISTORY_STORAGE_KEY)?.length, 3);
  });

  describe('redaction on write', () => {
    it('never persists secret-looking parameters or values', async () => {
      const state = new FakeGlobalState();
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
      const stored = JSON.stringify(state.get(HISTORY_STORAGE_KEY));
      for (const secret of ['hunter2', 'OLeaidS1', 'CAIS', 'secretSig', 'topsecret', 'LTAI5tAbCdEfGh12abcd']) {
        assert.ok(!stored.includes(secret), `${secret} leaked: ${stored}`);
      }
      assert.ok(stored.includes('LTAI****abcd'), 'the AccessKeyId stays, masked');
      assert.ok(stored.includes('media-out'));
    });

    it('keeps only the fields it knows', async () => {
      const state = new FakeGlobalState();
      const history = new RequestHistory(state);
      await history.add({ ...record(), rawResponse: { headers: { authorization: 'x' } } } as unknown as CallRecord);
      const stored = state.get<Record<string, unknown>[]>(HISTORY_STORAGE_KEY) ?? [];
      assert.equal('rawResponse' in stored[0], false);
    });
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
