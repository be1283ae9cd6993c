// The inspector's ActionTrail messages: the page asks by record id only, and the answer's rows are pairs of strings
// (server text the page shows as text) or the whole message is refused.
import { strict as assert } from 'node:assert';
import { MAX_TRAIL_ROWS, parseInspectorRequest, parseInspectorUpdate } from '../../../src/webview/messages';
import { TRAIL, noticeActions } from '../../../src/commands/noticeActions';

describe('inspector: ActionTrail messages', () => {
  it('takes a lookUpTrail request by record id and nothing else', () => {
    assert.deepEqual(parseInspectorRequest({ type: 'lookUpTrail', recordId: 'r1' }), { message: { type: 'lookUpTrail', recordId: 'r1' } });
    assert.ok('error' in parseInspectorRequest({ type: 'lookUpTrail', recordId: 'r1', requestId: 'X' }), 'a page cannot choose the RequestId');
    assert.ok('error' in parseInspectorRequest({ type: 'lookUpTrail', recordId: '' }));
  });

  it('takes a trail answer only as label/value string pairs, within a bound', () => {
    const ok = parseInspectorUpdate({ type: 'trail', recordId: 'r1', note: '', rows: [['Event', 'UnbindOutputBucket']] });
    assert.deepEqual(ok, { message: { type: 'trail', recordId: 'r1', note: '', rows: [['Event', 'UnbindOutputBucket']] } });
    assert.ok('error' in parseInspectorUpdate({ type: 'trail', recordId: 'r1', note: '', rows: [['Event', { html: '<b>' }]] }));
    assert.ok('error' in parseInspectorUpdate({ type: 'trail', recordId: 'r1', note: '', rows: Array.from({ length: MAX_TRAIL_ROWS + 1 }, () => ['a', 'b']) }));
  });
});

describe('result notification: Look Up in ActionTrail', () => {
  it('is offered for a revocation with a RequestId, before Show Log, and never without a RequestId', () => {
    assert.deepEqual(noticeActions({ requestId: 'R', trail: true }), ['Copy Request ID', TRAIL, 'Show Log']);
    assert.deepEqual(noticeActions({ trail: true }), ['Show Log']);
    assert.deepEqual(noticeActions({ requestId: 'R' }), ['Copy Request ID', 'Show Log']);
  });
});
