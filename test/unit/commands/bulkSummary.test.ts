import * as assert from 'node:assert/strict';
import { bulkReportLines, bulkSummary } from '../../../src/commands/bulkSummary';
import { InFlightCalls } from '../../../src/commands/inFlight';

describe('bulk summaries', () => {
  const wording = (succeeded: number, total: number) => `Unbound ${succeeded} of ${total} buckets`;
  it('counts every outcome', () => {
    assert.equal(bulkSummary({ succeeded: 4, failed: 0, skipped: 0, cancelled: false }, wording), 'Unbound 4 of 4 buckets');
    assert.equal(bulkSummary({ succeeded: 3, failed: 1, skipped: 0, cancelled: false }, wording), 'Unbound 3 of 4 buckets — 1 failed');
    assert.equal(bulkSummary({ succeeded: 1, failed: 1, skipped: 2, cancelled: true }, wording), 'Unbound 1 of 4 buckets — cancelled, 1 failed, 2 skipped');
  });

  it('reports each target, skipped ones included', () => {
    assert.deepEqual(
      bulkReportLines('Unbound 1 of 3 buckets', [
        { target: 'a-1', status: 'succeeded', requestId: 'R1' },
        { target: 'b-2', status: 'failed', error: 'Forbidden.RAM (HTTP 403): denied. RequestId R2' },
        { target: 'c-3', status: 'skipped' },
      ]),
      ['Unbound 1 of 3 buckets', '  a-1: succeeded RequestId R1', '  b-2: failed — Forbidden.RAM (HTTP 403): denied. RequestId R2', '  c-3: skipped (not sent)'],
    );
  });
});

describe('InFlightCalls', () => {
  it('joins a second call for the same target instead of starting another', async () => {
    const inFlight = new InFlightCalls();
    let started = 0;
    let release!: (v: string) => void;
    const start = () => {
      started++;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const key = InFlightCalls.key('demo', 'UnbindOutputBucket', 'a-1');
    const first = inFlight.run(key, start);
    const second = inFlight.run(key, start);
    assert.equal(first.joined, false);
    assert.equal(second.joined, true);
    assert.equal(started, 1);
    assert.ok(inFlight.has(key));
    release('R1');
    assert.equal(await second.promise, 'R1');
    assert.equal(inFlight.has(key), false);
    inFlight.run(key, start);
    assert.equal(started, 2, 'a finished call does not block the next one');
  });

  it('forgets failed calls too', async () => {
    const inFlight = new InFlightCalls();
    await assert.rejects(inFlight.run('k', () => Promise.reject(new Error('x'))).promise);
    assert.equal(inFlight.has('k'), false);
  });
});
