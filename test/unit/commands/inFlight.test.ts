// The in-flight dedupe on its own: who joins, who stops waiting on a cancel, and when the shared call itself is
// told to stop. Promises stand in for the calls; test/contract/pipeline.cancel.test.ts runs the same through the
// real clients against the emulator.
import * as assert from 'node:assert/strict';
import { CloudError } from '../../../src/cloud/errors';
import { InFlightCalls, STOPPED_WAITING } from '../../../src/commands/inFlight';

/** A call that settles when told, and records the signal it was started under. */
function pendingCall() {
  const state = { started: 0, signal: undefined as AbortSignal | undefined, resolve: (_v: string) => undefined as void, reject: (_e: unknown) => undefined as void };
  const start = (signal: AbortSignal) => {
    state.started++;
    state.signal = signal;
    return new Promise<string>((resolve, reject) => {
      state.resolve = resolve;
      state.reject = reject;
    });
  };
  return { state, start };
}

const cancelled = () => new CloudError({ kind: 'cancelled', code: 'Cancelled', message: 'not sent' });

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

  it('a joined caller does not inherit the first caller’s cancel: the call goes on and both see its outcome', async () => {
    const inFlight = new InFlightCalls();
    const { state, start } = pendingCall();
    const first = new AbortController();
    const owner = inFlight.run('k', start, first.signal);
    const joiner = inFlight.run('k', start);
    first.abort();
    await assert.rejects(owner.promise, (e: unknown) => e instanceof CloudError && e.kind === 'cancelled' && e.code === STOPPED_WAITING);
    assert.equal(state.signal?.aborted, false, 'the shared call was not told to stop: someone still waits for it');
    state.resolve('R1');
    assert.equal(await joiner.promise, 'R1');
    assert.equal(state.started, 1);
  });

  it('the last caller to cancel stops the call and keeps waiting for its real outcome', async () => {
    const inFlight = new InFlightCalls();
    const { state, start } = pendingCall();
    const a = new AbortController();
    const b = new AbortController();
    const first = inFlight.run('k', start, a.signal);
    const second = inFlight.run('k', start, b.signal);
    b.abort();
    await assert.rejects(second.promise, { code: STOPPED_WAITING });
    a.abort();
    assert.equal(state.signal?.aborted, true, 'nobody waits any more: the call may stop if it has not gone out');
    let settled = false;
    void first.promise.then(() => (settled = true), () => (settled = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(settled, false, 'the last caller waits for the outcome (a call on the wire finishes)');
    state.resolve('R2');
    assert.equal(await first.promise, 'R2', 'it went out before the cancel: its success is reported');
  });

  it('a caller arriving after everyone cancelled takes the outcome of a call that went out, or sends one that did not', async () => {
    const inFlight = new InFlightCalls();
    const first = pendingCall();
    const a = new AbortController();
    const abandoned = inFlight.run('k', first.start, a.signal);
    a.abort();
    const late = inFlight.run('k', first.start);
    assert.equal(late.joined, true);
    first.state.reject(cancelled());
    await assert.rejects(abandoned.promise, { code: 'Cancelled' });
    await new Promise((r) => setImmediate(r));
    assert.equal(first.state.started, 2, 'the first never went out: the late caller sends its own');
    assert.equal(first.state.signal?.aborted, false, 'under a fresh signal');
    first.state.resolve('R3');
    assert.equal(await late.promise, 'R3');
    assert.equal(inFlight.has('k'), false);

    const second = pendingCall();
    const c = new AbortController();
    const gone = inFlight.run('k2', second.start, c.signal);
    c.abort();
    const taker = inFlight.run('k2', second.start);
    second.state.resolve('R4');
    assert.deepEqual([await gone.promise, await taker.promise, second.state.started], ['R4', 'R4', 1], 'it went out: nothing is sent twice');
  });

  it('a caller whose signal is already aborted stops waiting at once when others wait', async () => {
    const inFlight = new InFlightCalls();
    const { state, start } = pendingCall();
    const owner = inFlight.run('k', start);
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(inFlight.run('k', start, aborted.signal).promise, { code: STOPPED_WAITING });
    state.resolve('R5');
    assert.equal(await owner.promise, 'R5');
  });
});
