import { strict as assert } from 'node:assert';
import { DEFAULT_QUERY, queryRecords, toggleSort, type RecordQuery } from '../../../src/webview/recordQuery';
import { detachRecord, record } from '../history/fixtures';

const unbind = record({ time: '2025-01-01T10:00:00.000Z', target: 'media-out', requestId: 'AAAA-1111', latencyMs: 50 });
const failed = record({
  time: '2025-01-01T10:00:02.000Z', target: 'archive', outcome: 'failed', requestId: 'BBBB-2222', latencyMs: 300,
  error: { kind: 'permission', code: 'Forbidden.RAM', message: 'denied', httpStatus: 403 },
});
const detach = detachRecord({ time: '2025-01-01T10:00:01.000Z', requestId: 'CCCC-3333', latencyMs: 10 });
const cancelled = record({ time: '2025-01-01T10:00:03.000Z', target: 'zeta', outcome: 'cancelled', requestId: undefined, latencyMs: 0 });
const all = [unbind, failed, detach, cancelled];

const query = (q: Partial<RecordQuery>) => queryRecords(all, { ...DEFAULT_QUERY, ...q }).map((r) => r.id);

describe('queryRecords', () => {
  it('shows everything newest first by default', () => {
    assert.deepEqual(query({}), [cancelled.id, failed.id, detach.id, unbind.id]);
  });

  it('matches RequestId, target, action and error code, ignoring case and surrounding spaces', () => {
    assert.deepEqual(query({ text: ' bbbb-2222 ' }), [failed.id]);
    assert.deepEqual(query({ text: 'alice' }), [detach.id]);
    assert.deepEqual(query({ text: 'detachapp' }), [detach.id]);
    assert.deepEqual(query({ text: 'forbidden.ram' }), [failed.id]);
    assert.deepEqual(query({ text: 'no such thing' }), []);
  });

  it('does not match fields outside the four', () => {
    assert.deepEqual(query({ text: 'cn-shanghai' }), []);
  });

  it('filters by outcome', () => {
    assert.deepEqual(query({ outcome: 'failed' }), [failed.id]);
    assert.deepEqual(query({ outcome: 'cancelled' }), [cancelled.id]);
    assert.deepEqual(query({ outcome: 'succeeded' }), [detach.id, unbind.id]);
  });

  it('combines text and outcome', () => {
    assert.deepEqual(query({ text: 'UnbindOutputBucket', outcome: 'succeeded' }), [unbind.id]);
  });

  it('sorts by each column in both directions', () => {
    assert.deepEqual(query({ sortKey: 'latency', sortDirection: 'asc' }), [cancelled.id, detach.id, unbind.id, failed.id]);
    assert.deepEqual(query({ sortKey: 'target', sortDirection: 'asc' }), [failed.id, unbind.id, detach.id, cancelled.id]);
    assert.deepEqual(query({ sortKey: 'requestId', sortDirection: 'desc' }), [detach.id, failed.id, unbind.id, cancelled.id]);
    assert.deepEqual(query({ sortKey: 'time', sortDirection: 'asc' }), [unbind.id, detach.id, failed.id, cancelled.id]);
  });

  it('keeps the input order among equal keys', () => {
    assert.deepEqual(query({ sortKey: 'outcome', sortDirection: 'asc' }).slice(0, 1), [cancelled.id]);
    assert.deepEqual(query({ sortKey: 'code', sortDirection: 'asc' }), [unbind.id, detach.id, cancelled.id, failed.id]);
  });
});

describe('toggleSort', () => {
  it('flips the direction of the current column', () => {
    assert.equal(toggleSort(DEFAULT_QUERY, 'time').sortDirection, 'asc');
  });

  it('starts a new column ascending, or descending for time and latency', () => {
    assert.deepEqual(toggleSort(DEFAULT_QUERY, 'action'), { ...DEFAULT_QUERY, sortKey: 'action', sortDirection: 'asc' });
    assert.equal(toggleSort({ ...DEFAULT_QUERY, sortKey: 'action' }, 'latency').sortDirection, 'desc');
  });
});
