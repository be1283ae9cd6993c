import { strict as assert } from 'node:assert';
import { CloudError } from '../../../src/cloud/errors';
import { ACTION_QPS, qpsFor, DEFAULT_QPS } from '../../../src/cloud/quotas';
import { PacedLimiter, RateLimiterRegistry, abortableSleep } from '../../../src/cloud/rateLimiter';
import { FakeClock } from './fakeClock';

describe('rate limiter', () => {
  it('knows the documented quotas', () => {
    assert.equal(qpsFor('UnbindOutputBucket'), 100);
    assert.equal(qpsFor('BindOutputBucket'), 100);
    assert.equal(qpsFor('ListAllMediaBucket'), 10);
    assert.equal(qpsFor('ListAppInfo'), 30);
    assert.equal(qpsFor('DetachAppPolicyFromIdentity'), ACTION_QPS.DetachAppPolicyFromIdentity);
    assert.equal(qpsFor('SomethingElse'), DEFAULT_QPS);
  });

  it('paces calls evenly with the safety margin, no burst', async () => {
    const clock = new FakeClock();
    const limiter = new PacedLimiter(100, clock, 1.02);
    assert.equal(limiter.intervalMs, 10.2);
    const granted: number[] = [];
    for (let i = 0; i < 5; i++) void limiter.acquire().then(() => granted.push(clock.now()));
    await clock.advance(0);
    assert.deepEqual(granted, [0], 'only the first call goes at once');
    assert.deepEqual(clock.requested.map((ms) => Math.round(ms * 10) / 10), [10.2, 20.4, 30.6, 40.8]);
    for (let i = 0; i < 5; i++) await clock.advance(10.2);
    assert.equal(granted.length, 5);
    for (let i = 1; i < granted.length; i++) {
      assert.ok(granted[i]! - granted[i - 1]! >= 10.2 - 1e-9, `gap ${i} too small`);
    }
  });

  it('keeps any 1000 ms window between 95 and 100 slots at 100 QPS', async () => {
    const clock = new FakeClock();
    const limiter = new PacedLimiter(100, clock);
    const granted: number[] = [];
    for (let i = 0; i < 300; i++) void limiter.acquire().then(() => granted.push(clock.now()));
    for (let t = 0; t < 3100; t++) await clock.advance(1);
    assert.equal(granted.length, 300);
    let maxInWindow = 0;
    for (let i = 0; i < granted.length; i++) {
      const inWindow = granted.filter((t) => t >= granted[i]! && t < granted[i]! + 1000).length;
      maxInWindow = Math.max(maxInWindow, inWindow);
    }
    assert.ok(maxInWindow <= 100, `max ${maxInWindow} in a window`);
    assert.ok(maxInWindow >= 95, `throughput too low: ${maxInWindow}/s`);
  });

  it('does not hold back a call after an idle period', async () => {
    const clock = new FakeClock();
    const limiter = new PacedLimiter(10, clock);
    await limiter.acquire();
    await clock.advance(5000);
    await limiter.acquire();
    assert.equal(clock.requested.length, 0);
  });

  it('isolates AccessKeys and actions but shares one limiter per pair', async () => {
    const clock = new FakeClock();
    const registry = new RateLimiterRegistry({ clock });
    assert.equal(registry.limiterFor('KEY-A', 'UnbindOutputBucket'), registry.limiterFor('KEY-A', 'UnbindOutputBucket'));
    await registry.acquire('KEY-A', 'UnbindOutputBucket');
    await registry.acquire('KEY-B', 'UnbindOutputBucket');
    await registry.acquire('KEY-A', 'BindOutputBucket');
    assert.equal(clock.requested.length, 0, 'different pairs never wait for each other');
    void registry.acquire('KEY-A', 'UnbindOutputBucket');
    assert.equal(clock.requested.length, 1, 'the same pair waits');
    assert.equal(registry.limiterFor('KEY-A', 'ListAllMediaBucket').qps, 10);
  });

  it('rejects with cancelled on abort and returns the unused slot', async () => {
    const clock = new FakeClock();
    const limiter = new PacedLimiter(100, clock, 1);
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    await assert.rejects(waiting, (e: unknown) => e instanceof CloudError && e.kind === 'cancelled');
    void limiter.acquire();
    assert.equal(clock.requested.at(-1), 10, 'next caller takes the freed slot');
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(limiter.acquire(aborted.signal), (e: unknown) => e instanceof CloudError && e.kind === 'cancelled');
  });

  it('abortableSleep resolves after the delay and rejects on abort', async () => {
    await abortableSleep(1);
    const controller = new AbortController();
    const sleeping = abortableSleep(10_000, controller.signal);
    controller.abort();
    await assert.rejects(sleeping, (e: unknown) => e instanceof CloudError && e.kind === 'cancelled');
  });
});
