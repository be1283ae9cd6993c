import { strict as assert } from 'node:assert';
import { MAX_ID_LENGTH, parseInspectorRequest, parseInspectorUpdate } from '../../../src/webview/messages';
import { record } from '../history/fixtures';

const accepted = (parsed: ReturnType<typeof parseInspectorRequest> | ReturnType<typeof parseInspectorUpdate>) => {
  assert.ok('message' in parsed, 'error' in parsed ? parsed.error : '');
  return parsed.message;
};
const rejected = (parsed: { message: unknown } | { error: string }) => {
  assert.ok('error' in parsed, `accepted ${JSON.stringify(parsed)}`);
  return parsed.error;
};

describe('inspector requests (webview → extension)', () => {
  it('accepts every well-formed request', () => {
    assert.deepEqual(accepted(parseInspectorRequest({ type: 'ready' })), { type: 'ready' });
    assert.deepEqual(accepted(parseInspectorRequest({ type: 'copyRequestId', requestId: 'R-1' })), { type: 'copyRequestId', requestId: 'R-1' });
    assert.deepEqual(accepted(parseInspectorRequest({ type: 'undo', recordId: 'rec-1' })), { type: 'undo', recordId: 'rec-1' });
    assert.deepEqual(accepted(parseInspectorRequest({ type: 'export', recordIds: ['a', 'b'] })), { type: 'export', recordIds: ['a', 'b'] });
    assert.deepEqual(accepted(parseInspectorRequest({ type: 'export', recordIds: [] })), { type: 'export', recordIds: [] });
    assert.deepEqual(accepted(parseInspectorRequest({ type: 'openTroubleshooting', recordId: 'rec-1' })), { type: 'openTroubleshooting', recordId: 'rec-1' });
  });

  it('rejects non-objects and unknown types', () => {
    for (const data of [undefined, null, 'ready', 42, [], { kind: 'ready' }, { type: 7 }]) {
      rejected(parseInspectorRequest(data));
    }
    assert.match(rejected(parseInspectorRequest({ type: 'deleteEverything' })), /unknown message type/);
  });

  it('rejects wrong shapes', () => {
    rejected(parseInspectorRequest({ type: 'copyRequestId' }));
    rejected(parseInspectorRequest({ type: 'copyRequestId', requestId: 12 }));
    rejected(parseInspectorRequest({ type: 'copyRequestId', requestId: '' }));
    rejected(parseInspectorRequest({ type: 'undo', recordId: { id: 'x' } }));
    rejected(parseInspectorRequest({ type: 'export', recordIds: 'a,b' }));
    // The page names a record, never a URL: a link in the message is refused, not opened.
    rejected(parseInspectorRequest({ type: 'openTroubleshooting', url: 'https://api.aliyun.com/' }));
    rejected(parseInspectorRequest({ type: 'openTroubleshooting', recordId: 'rec-1', url: 'https://evil.io/' }));
    rejected(parseInspectorRequest({ type: 'export', recordIds: ['a', 3] }));
  });

  it('rejects oversized strings and lists', () => {
    rejected(parseInspectorRequest({ type: 'copyRequestId', requestId: 'x'.repeat(MAX_ID_LENGTH + 1) }));
    rejected(parseInspectorRequest({ type: 'export', recordIds: new Array(10001).fill('a') }));
    assert.ok(rejected(parseInspectorRequest({ type: 'y'.repeat(100000) })).length < 100, 'the reason stays short for the log');
  });

  it('rejects extra fields instead of ignoring them', () => {
    assert.match(rejected(parseInspectorRequest({ type: 'ready', script: 'x' })), /unexpected field script/);
  });
});

describe('inspector updates (extension → webview)', () => {
  it('accepts records and focus', () => {
    const r = record();
    assert.deepEqual(accepted(parseInspectorUpdate({ type: 'records', records: [r], undoableIds: [r.id] })), { type: 'records', records: [r], undoableIds: [r.id] });
    assert.deepEqual(accepted(parseInspectorUpdate({ type: 'focus', recordId: r.id })), { type: 'focus', recordId: r.id });
  });

  it('drops malformed records but keeps the rest', () => {
    const r = record();
    const message = accepted(parseInspectorUpdate({ type: 'records', records: [{ id: 'broken' }, r], undoableIds: [] }));
    assert.ok(message.type === 'records');
    assert.deepEqual(message.records.map((x) => x.id), [r.id]);
  });

  it('redacts records on the way in', () => {
    const message = accepted(parseInspectorUpdate({ type: 'records', records: [record({ params: { Signature: 'abc', Bucket: 'b' } })], undoableIds: [] }));
    assert.ok(message.type === 'records');
    assert.deepEqual(message.records[0].params, { Bucket: 'b' });
  });

  it('rejects unknown types and wrong shapes', () => {
    rejected(parseInspectorUpdate({ type: 'eval', code: '1' }));
    rejected(parseInspectorUpdate({ type: 'records', records: 'none', undoableIds: [] }));
    rejected(parseInspectorUpdate({ type: 'records', records: [] }));
    rejected(parseInspectorUpdate({ type: 'focus', recordId: '' }));
    rejected(parseInspectorUpdate({ type: 'focus', recordId: 'x', extra: true }));
  });

  it('accepts a delta, sanitizing only the records it carries', () => {
    const added = record({ params: { Bucket: 'b', Signature: 'abc' } });
    const updated = { ...record(), undoneBy: { requestId: 'UNDO-1', time: '2025-02-01T00:00:00.000Z' } };
    const message = accepted(parseInspectorUpdate({ type: 'delta', added: [added, { id: 'broken' }], removedIds: ['old-1', 42], updated: [updated], undoableIds: [added.id] }));
    assert.ok(message.type === 'delta');
    assert.deepEqual(message.added.map((r) => r.params), [{ Bucket: 'b' }]);
    assert.deepEqual(message.removedIds, ['old-1']);
    assert.deepEqual(message.updated[0].undoneBy, updated.undoneBy);
    assert.deepEqual(message.undoableIds, [added.id]);
  });

  it('rejects a delta with a missing or oversized part, or an extra field', () => {
    rejected(parseInspectorUpdate({ type: 'delta', added: [], removedIds: [], updated: [] }));
    rejected(parseInspectorUpdate({ type: 'delta', added: {}, removedIds: [], updated: [], undoableIds: [] }));
    rejected(parseInspectorUpdate({ type: 'delta', added: [], removedIds: new Array(10_001).fill('x'), updated: [], undoableIds: [] }));
    rejected(parseInspectorUpdate({ type: 'delta', added: [], removedIds: [], updated: [], undoableIds: [], records: [] }));
  });
});
