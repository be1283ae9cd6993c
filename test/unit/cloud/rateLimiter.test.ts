import { strict as assert } from 'node:assert';
import { CloudError } from '../../../src/cloud/errors';
import { ACTION_QPS, qpsFor, DEFAULT_QPS } from '../../../src/cloud/quotas';
import { PacedLimiter, RateLimiterRegistry, abortableSleep } from '../../../src/cloud/rateLimiter';
import { DEFAULT_QPS_LIMITS } from '../../emulator/throttle';
import { FakeClock } from '../../support/fakeClock';

describe('rate limiter', () => {
  // Each action's pacing, written out here rather than read back from quotas.ts: MPS's numbers are on its API
  // pages (and ListAppInfo's on VOD's); the others are undocumented and chosen (quotas.ts says why). What is
  // checked is the gap the registry's limiter really leaves between two calls of one key, so a wrong table entry,
  // a registry that ignores the table, or a limiter that miscomputes the interval each fail here.
  const EXPECTED_QPS: Readonly<Record<string, number>> = {
    UnbindOutputBucket: 100,
    BindOutputBucket: 100,
    UnbindInputBucket: 100,
    BindInputBucket: 100,
    ListAllMediaBucket: 10,
    ListAppInfo: 30,
    DetachAppPolicyFromIdentity: 100,
    AttachAppPolicyToIdentity: 100,
    ListAppPoliciesForIdentity: 100,
    GetUser: 100,
    GetRole: 100,
    ListUsers: 20,
    ListRoles: 20,
    GetCallerIdentity: 100,
    // ActionTrail documents "at most twice per second" for LookupEvents.
    LookupEvents: 2,
    ListPoliciesForUser: 100,
    ListPoliciesForRole: 100,
    ListPoliciesForGroup: 100,
    ListGroupsForUser: 100,
    GetPolicy: 100,
    ListEntitiesForPolicy: 100,
    ListPolicies: 20,
    ListUsersForGroup: 20,
    DetachPolicyFromUser: 20,
    AttachPolicyToUser: 20,
    DetachPolicyFromRole: 20,
    AttachPolicyToRole: 20,
    RemoveUserFromGroup: 20,
    AddUserToGroup: 20,
    // Not in the table: the cautious default.
    AssumeRole: 10,
    SomethingElse: 10,
  };

  /** The wait the registry imposes on a second call of one action right after a first. */
  async function gapOf(action: string): Promise<number> {
    const clock = new FakeClock();
    const registry = new RateLimiterRegistry({ clock });
    await registry.acquire('KEY', action);
    void registry.acquire('KEY', action);
    assert.equal(clock.requested.length, 1, `${action}: the second call waits`);
    return clock.requested[0] as number;
  }

  it('paces every action at its documented or chosen quota, with the 2 % margin', async () => {
    for (const [action, qps] of Object.entries(EXPECTED_QPS)) {
      const gap = await gapOf(action);
      assert.ok(Math.abs(gap - (1000 / qps) * 1.02) < 1e-9, `${action}: one call every ${gap} ms, expected ${qps}/s less 2 %`);
    }
    assert.deepEqual(Object.keys(ACTION_QPS).filter((a) => !(a in EXPECTED_QPS)), [], 'an action in quotas.ts this test does not pin');
    assert.equal(DEFAULT_QPS, 10);
  });

  it('never paces an action faster than the emulator lets it through', async () => {
    // The emulator's limits stand for Alibaba's here: a client paced above them is throttled in every bulk.
    for (const [action, limit] of Object.entries(DEFAULT_QPS_LIMITS)) {
      assert.ok(1000 / (await gapOf(action)) <= limit, `${action}: paced above the emulator's ${limit}/s`);
      assert.ok(qpsFor(action) <= limit, `${action}: quota ${qpsFor(action)} above the emulator's ${limit}/s`);
    }
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
