import * as assert from 'node:assert/strict';
import { bulkReportLines, bulkSummary } from '../../../src/commands/bulkSummary';

describe('bulk summaries', () => {
  const wording = (succeeded: number, total: number) => `Unbound ${succeeded} of ${total} buckets`;
  it('counts every outcome', () => {
    assert.equal(bulkSummary({ succeeded: 4, failed: 0, skipped: 0, cancelled: false }, wording), 'Unbound 4 of 4 buckets');
    assert.equal(bulkSummary({ succeeded: 3, failed: 1, skipped: 0, cancelled: false }, wording), 'Unbound 3 of 4 buckets — 1 failed');
    assert.equal(bulkSummary({ succeeded: 1, failed: 1, skipped: 2, cancelled: true }, wording), 'Unbound 1 of 4 buckets — cancelled, 1 failed, 2 not sent');
    // A target whose call went on for another caller is not counted as "not sent".
    assert.equal(bulkSummary({ succeeded: 1, failed: 0, skipped: 3, cancelled: true, handedOver: 1 }, wording), 'Unbound 1 of 4 buckets — cancelled, 2 not sent, 1 left to another caller');
    assert.equal(bulkSummary({ succeeded: 2, failed: 0, skipped: 1, cancelled: true, handedOver: 1 }, wording), 'Unbound 2 of 3 buckets — cancelled, 1 left to another caller');
  });

  it('reports each target, skipped ones included', () => {
    assert.deepEqual(
      bulkReportLines('Unbound 1 of 3 buckets', [
        { target: 'a-1', status: 'succeeded', requestId: 'R1' },
        { target: 'b-2', status: 'failed', error: 'Forbidden.RAM (HTTP 403): denied. RequestId R2' },
        { target: 'c-3', status: 'skipped' },
        { target: 'd-4', status: 'skipped', error: 'Not waited for: another caller is waiting for the same call.' },
      ]),
      [
        'Unbound 1 of 3 buckets',
        '  a-1: succeeded RequestId R1',
        '  b-2: failed — Forbidden.RAM (HTTP 403): denied. RequestId R2',
        '  c-3: skipped (not sent)',
        '  d-4: skipped — Not waited for: another caller is waiting for the same call.',
      ],
    );
  });
});
