// What a cancel means for one call, through the real core against the emulator: it stops only what has not
// reached the server. A read on the wire is abandoned at once; a write on the wire is awaited (bounded by the
// request timeout) or, when its answer is lost, settled by read-back, and its record says what the server did.
import { strict as assert } from 'node:assert';
import { CloudError } from '../../src/cloud/errors';
import { emulatorPerTest, harness, rejection } from './core.helpers';

describe('core: a cancel stops what has not gone out, never a write on the wire', () => {
  const ctx = emulatorPerTest();
  const received = (action: string) => ctx.em.stats().byAction[action]?.received ?? 0;
  const recordOf = (action: string) => ctx.h.records.filter((r) => r.action === action).at(-1)!;
  const cancelSoon = (ms = 50) => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), ms);
    return controller.signal;
  };

  it('a read on the wire is abandoned at once, with no further attempt', async () => {
    ctx.em.setFault('ListAllMediaBucket', { kind: 'no-answer' });
    const started = Date.now();
    const err = await rejection(ctx.h.mps().listAllMediaBuckets({ signal: cancelSoon(), timeoutMs: 5000 }));
    assert.ok(err instanceof CloudError && err.kind === 'cancelled', String(err));
    assert.ok(Date.now() - started < 1000);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(received('ListAllMediaBucket'), 1);
    assert.deepEqual([recordOf('ListAllMediaBucket').outcome, recordOf('ListAllMediaBucket').attempts], ['cancelled', 1]);
  });

  it('a write on the wire is awaited: its success is reported, not a cancel', async () => {
    ctx.em.setFault('UnbindOutputBucket', { latencyMs: 300 });
    const ack = await ctx.h.mps().unbindOutputBucket('media-output-demo', { signal: cancelSoon() });
    assert.equal(ctx.em.state.isBound('media-output-demo'), false);
    const unbind = recordOf('UnbindOutputBucket');
    assert.deepEqual([unbind.outcome, unbind.requestId, unbind.attempts], ['succeeded', ack.requestId, 1]);
  });

  it('a write whose answer is lost after the cancel is settled by read-back: it took effect → succeeded, confirmed', async () => {
    ctx.em.setFault('UnbindOutputBucket', { kind: 'no-answer-after-action', times: 1 });
    const ack = await ctx.h.mps().unbindOutputBucket('media-output-demo', { signal: cancelSoon(), timeoutMs: 400 });
    assert.equal(ctx.em.state.isBound('media-output-demo'), false);
    assert.equal(received('UnbindOutputBucket'), 1, 'the cancel prevents a blind retry');
    assert.equal(ack.confirmedBy?.action, 'ListAllMediaBucket');
    assert.deepEqual([recordOf('UnbindOutputBucket').outcome, recordOf('ListAllMediaBucket').outcome], ['succeeded', 'succeeded']);
  });

  it('…it did not take effect → failed with the lost answer, not retried after the cancel, nothing recorded "cancelled"', async () => {
    ctx.em.setFault('UnbindOutputBucket', { kind: 'no-answer', times: 1 });
    const err = await rejection(ctx.h.mps().unbindOutputBucket('media-output-demo', { signal: cancelSoon(), timeoutMs: 400 }));
    assert.ok(err instanceof CloudError && err.kind === 'timeout', String(err));
    assert.equal(ctx.em.state.isBound('media-output-demo'), true);
    assert.equal(received('UnbindOutputBucket'), 1);
    assert.deepEqual([recordOf('UnbindOutputBucket').outcome, recordOf('UnbindOutputBucket').error?.kind], ['failed', 'timeout']);
    assert.ok(ctx.h.records.every((r) => r.outcome !== 'cancelled'));
  });

  it('…the read-back fails too → unknown, naming the read and its RequestId', async () => {
    ctx.em.setFault('UnbindOutputBucket', { kind: 'no-answer-after-action', times: 1 });
    ctx.em.setFault('ListAllMediaBucket', { kind: 'error', code: 'Forbidden.RAM', status: 403 });
    const err = await rejection(ctx.h.mps().unbindOutputBucket('media-output-demo', { signal: cancelSoon(), timeoutMs: 400 }));
    assert.ok(err instanceof CloudError && err.kind === 'unknown-outcome', String(err));
    assert.equal(err.readBack?.requestId, recordOf('ListAllMediaBucket').requestId);
    assert.match(err.message, new RegExp(`ListAllMediaBucket RequestId ${err.readBack?.requestId}`));
    assert.equal(recordOf('UnbindOutputBucket').outcome, 'unknown');
    assert.equal(ctx.em.state.isBound('media-output-demo'), false, 'the server did unbind: unknown, not cancelled, is the honest word');
  });

  it('a cancel before the retry keeps the last answer the server gave (failed, not cancelled), and sends nothing more', async () => {
    ctx.em.setFault('UnbindOutputBucket', { kind: 'throttle', times: 1 });
    const slow = harness(ctx.em).mps({ retry: { baseDelayMs: 2000, maxDelayMs: 2000 } });
    const started = Date.now();
    const err = await rejection(slow.unbindOutputBucket('media-output-demo', { signal: cancelSoon(150) }));
    assert.ok(Date.now() - started < 1500, 'the cancel cut the backoff short');
    assert.ok(err instanceof CloudError && err.code === 'Throttling.User', String(err));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(received('UnbindOutputBucket'), 1);
    assert.equal(ctx.em.state.isBound('media-output-demo'), true);
  });

  it('a write cancelled before it was sent says so: cancelled, no attempt', async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await rejection(ctx.h.mps().unbindOutputBucket('media-output-demo', { signal: controller.signal }));
    assert.ok(err instanceof CloudError && err.kind === 'cancelled' && /before a request was in flight/.test(err.message), String(err));
    assert.equal(received('UnbindOutputBucket'), 0);
    assert.deepEqual([recordOf('UnbindOutputBucket').outcome, recordOf('UnbindOutputBucket').attempts], ['cancelled', 0]);
  });
});
