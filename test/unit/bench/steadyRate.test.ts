import { strict as assert } from 'node:assert';
import { judgedRate, steadyRate, steadyRateOf } from '../../../bench/steadyRate';

describe('bench steady rate', () => {
  it('is (n − 1) over the time between the first and the last accepted arrival', () => {
    // 500 calls 10 ms apart: 100/s, whatever the last answer's latency adds to the wall clock.
    assert.equal(steadyRate(500, 1_000, 1_000 + 499 * 10), 100);
    assert.equal(steadyRateOf({ received: 3, accepted: 3, throttled: 0, failed: 0, peakPerSecond: 3, firstAcceptedArrivalAt: 0, lastAcceptedArrivalAt: 40 }), 50);
  });

  it('is null under two accepted calls or when they share a millisecond', () => {
    assert.equal(steadyRate(1, 5, 5), null);
    assert.equal(steadyRate(0, undefined, undefined), null);
    assert.equal(steadyRate(3, 7, 7), null);
    assert.equal(steadyRateOf(undefined), null);
    assert.equal(steadyRateOf({ received: 2, accepted: 0, throttled: 2, failed: 0, peakPerSecond: 2 }), null);
  });

  it('targets are judged on it, on the wall-clock rate only when there is none', () => {
    assert.equal(judgedRate({ reqPerSec: 87.7, steadyReqPerSec: 98 }), 98);
    assert.equal(judgedRate({ reqPerSec: 1, steadyReqPerSec: null }), 1);
  });
});
