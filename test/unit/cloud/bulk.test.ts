import { strict as assert } from 'node:assert';
import { runBulk } from '../../../src/cloud/bulk';
import { CloudError } from '../../../src/cloud/errors';

const tick = () => new Promise((r) => setImmediate(r));

describe('runBulk', () => {
  it('reports outcomes in target order with counts', async () => {
    const targets = ['a', 'b', 'c', 'd', 'e'];
    const delays: Record<string, number> = { a: 5, b: 1, c: 3, d: 0, e: 2 };
    const report = await runBulk(
      targets,
      async (t) => {
        await new Promise((r) => setTimeout(r, delays[t]));
        if (t === 'c') throw new CloudError({ kind: 'not-found', code: 'Bucket.NotFound', message: 'nope' });
        if (t === 'e') throw new Error('plain failure');
        return t.toUpperCase();
      },
      { concurrency: 3 },
    );
    assert.deepEqual(report.outcomes.map((o) => o.target), targets);
    assert.deepEqual(report.outcomes.map((o) => o.status), ['succeeded', 'succeeded', 'failed', 'succeeded', 'failed']);
    assert.deepEqual([report.succeeded, report.failed, report.skipped, report.cancelled], [3, 2, 0, false]);
    const c = report.outcomes[2]!;
    assert.ok(c.status === 'failed' && c.error.code === 'Bucket.NotFound');
    const e = report.outcomes[4]!;
    assert.ok(e.status === 'failed' && e.error instanceof CloudError);
    const a = report.outcomes[0]!;
    assert.ok(a.status === 'succeeded' && a.result === 'A');
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    await runBulk(Array.from({ length: 40 }, (_, i) => i), async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick();
      inFlight--;
    }, { concurrency: 7 });
    assert.equal(peak, 7);
  });

  it('on cancel, lets started calls settle and skips the rest', async () => {
    const controller = new AbortController();
    const release: (() => void)[] = [];
    const started: number[] = [];
    const progress: number[] = [];
    const running = runBulk(
      Array.from({ length: 10 }, (_, i) => i),
      (i) => {
        started.push(i);
        return new Promise<number>((resolve) => release.push(() => resolve(i)));
      },
      { concurrency: 3, signal: controller.signal, onSettled: (_o, done) => progress.push(done) },
    );
    await tick();
    release.shift()!(); // target 0 completes, target 3 starts
    await tick();
    assert.deepEqual(started, [0, 1, 2, 3]);
    controller.abort();
    for (const r of release.splice(0)) r(); // in-flight 1, 2, 3 finish after the cancel
    const report = await running;
    assert.deepEqual(started, [0, 1, 2, 3], 'nothing starts after cancel');
    assert.deepEqual(report.outcomes.map((o) => o.status), [
      'succeeded', 'succeeded', 'succeeded', 'succeeded', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped',
    ]);
    assert.deepEqual([report.succeeded, report.failed, report.skipped, report.cancelled], [4, 0, 6, true]);
    assert.deepEqual(progress, [1, 2, 3, 4]);
  });

  it('hands run a signal that aborts on cancel; a call that stops at it before going out is not sent', async () => {
    const controller = new AbortController();
    const report = await runBulk([1, 2], (_t, signal) => new Promise((_resolve, reject) => {
      signal.addEventListener('abort', () => reject(new CloudError({ kind: 'cancelled', code: 'Cancelled', message: 'c' })));
      controller.abort();
    }), { concurrency: 1, signal: controller.signal });
    assert.deepEqual(report.outcomes.map((o) => o.status), ['skipped', 'skipped']);
    assert.deepEqual([report.succeeded, report.failed, report.skipped, report.cancelled], [0, 0, 2, true]);
    const first = report.outcomes[0]!;
    assert.ok(first.status === 'skipped' && first.reason?.code === 'Cancelled', 'the started one says what stopped it');
    const second = report.outcomes[1]!;
    assert.ok(second.status === 'skipped' && second.reason === undefined, 'the unstarted one was never tried');
  });

  it('after a cancel, says how many calls it still waits for, once the unsent ones have stopped', async () => {
    const controller = new AbortController();
    const release: (() => void)[] = [];
    const finishing: number[] = [];
    const running = runBulk(
      Array.from({ length: 8 }, (_, i) => i),
      // Even targets are "on the wire" (ignore the signal); odd ones "wait for a slot" (stop at it).
      (i, signal) => new Promise<number>((resolve, reject) => {
        if (i % 2 === 0) release.push(() => resolve(i));
        else signal.addEventListener('abort', () => reject(new CloudError({ kind: 'cancelled', code: 'Cancelled', message: 'c' })));
      }),
      { concurrency: 4, signal: controller.signal, onFinishing: (n) => finishing.push(n) },
    );
    await tick();
    controller.abort();
    await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(finishing, [2], 'the two on the wire, not the two that stopped');
    for (const r of release.splice(0)) r();
    const report = await running;
    assert.deepEqual(finishing, [2, 1]);
    assert.deepEqual(report.outcomes.map((o) => o.status), ['succeeded', 'skipped', 'succeeded', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
    assert.deepEqual([report.succeeded, report.failed, report.skipped, report.cancelled], [2, 0, 6, true]);
  });

  it('says nothing of finishing when nothing was on the wire at the cancel', async () => {
    const controller = new AbortController();
    const finishing: number[] = [];
    const report = await runBulk([1, 2, 3], (_t, signal) => new Promise((_resolve, reject) => {
      signal.addEventListener('abort', () => reject(new CloudError({ kind: 'cancelled', code: 'Cancelled', message: 'c' })));
      setImmediate(() => controller.abort());
    }), { concurrency: 2, signal: controller.signal, onFinishing: (n) => finishing.push(n) });
    await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(finishing, []);
    assert.equal(report.skipped, 3);
  });

  it('skips everything when already cancelled, and never rejects', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const report = await runBulk(['x', 'y'], async () => void calls++, { signal: controller.signal });
    assert.equal(calls, 0);
    assert.deepEqual([report.skipped, report.cancelled], [2, true]);
    const throwingProgress = await runBulk(['x'], async () => 1, { onSettled: () => { throw new Error('ui bug'); } });
    assert.equal(throwingProgress.succeeded, 1);
    const empty = await runBulk([], async () => 1);
    assert.deepEqual([empty.outcomes.length, empty.cancelled], [0, false]);
  });
});
