import { strict as assert } from 'node:assert';
import { CloudError } from '../../../src/cloud/errors';
import { ACTION_QPS, qpsFor, DEFAULT_QPS } from '../../../src/cloud/quotas';
import { MAX_IN_FLIGHT, PacedLimiter, RateLimiterRegistry, abortableSleep } from '../../../src/cloud/rateLimiter';
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
    for (let i = 0; i < 300; i++) {
      void limiter.acquire().then((at) => {
        granted.push(clock.now());
        limiter.end(at, 'answered');
      });
    }
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

  it('after an event-loop stall lets the overdue calls out only as a 1000 ms window allows, not all at once', async () => {
    const clock = new FakeClock();
    const limiter = new PacedLimiter(100, clock);
    const granted: number[] = [];
    for (let i = 0; i < 300; i++) {
      void limiter.acquire().then((at) => {
        granted.push(at);
        limiter.end(at, 'answered');
      });
    }
    // Three stalls of 250 ms in a steady run: without the window check each fires ~25 overdue slots together.
    for (let t = 0; t < 4000; t++) {
      if (t === 500 || t === 1200 || t === 1900) await clock.stall(250);
      else await clock.advance(1);
    }
    assert.equal(granted.length, 300);
    const maxInWindow = Math.max(...granted.map((start) => granted.filter((t) => t > start - 1000 && t <= start).length));
    assert.ok(maxInWindow <= 99, `max ${maxInWindow} sends in a 1000 ms window (the server accepts 100)`);
    assert.deepEqual(granted, [...granted].sort((a, b) => a - b), 'sent in time order');
  });

  it('paces arrivals: calls on open connections wait out the handshakes of calls still opening theirs', async () => {
    const clock = new FakeClock();
    const limiter = new PacedLimiter(100, clock);
    // The first 30 calls each need a new connection (200 ms of handshakes); then connections are free (0).
    const arrivals: number[] = [];
    let sent = 0;
    const setup = () => (sent < 30 ? 200 : 0);
    for (let i = 0; i < 80; i++) {
      void limiter.acquire(undefined, setup).then((at) => {
        arrivals.push(at + (sent < 30 ? 200 : 0));
        sent++;
        limiter.end(at, 'answered');
      });
    }
    for (let t = 0; t < 2000; t++) await clock.advance(1);
    assert.equal(arrivals.length, 80);
    const gaps = arrivals.slice(1).map((a, i) => a - (arrivals[i] as number));
    assert.ok(Math.min(...gaps) >= 10, `arrivals ${Math.min(...gaps)} ms apart at the switch to open connections (a slot is 10.2)`);
    const perSecond = Math.max(...arrivals.map((start) => arrivals.filter((a) => a >= start && a < start + 1000).length));
    assert.ok(perSecond <= 99, `${perSecond} arrivals in a second`);
  });

  it('with every connection open, arrival pacing costs nothing: slots as before', async () => {
    const clock = new FakeClock();
    const limiter = new PacedLimiter(100, clock);
    const granted: number[] = [];
    for (let i = 0; i < 100; i++) void limiter.acquire(undefined, () => 0).then((at) => (granted.push(at), limiter.end(at, 'answered')));
    for (let t = 0; t < 1100; t++) await clock.advance(1);
    assert.equal(granted.length, 100);
    assert.ok((granted[99] as number) - (granted[0] as number) <= 99 * 10.2 + 1, `100 calls over ${(granted[99] as number) - (granted[0] as number)} ms`);
  });

  it('a throttled answer while the server took about all that was sent is bunching: 2 % off, not a tenth', async () => {
    const clock = new FakeClock(10_000);
    const limiter = new PacedLimiter(100, clock, 1);
    // A second and a half of calls, all answered: the server accepted the whole pace.
    for (let i = 0; i < 150; i++) {
      const at = await limiter.acquire();
      await clock.advance(10);
      limiter.end(at, 'answered');
    }
    const at = await limiter.acquire();
    limiter.end(at, 'throttled');
    assert.ok(limiter.currentQps >= 97 && limiter.currentQps < 100, `after one throttled answer in a full pace: ${limiter.currentQps}/s`);
  });

  it('a slowdown does not stop sends: the last second, spaced at the former pace, is counted at it', async () => {
    const clock = new FakeClock();
    const limiter = new PacedLimiter(100, clock);
    const granted: number[] = [];
    let after: number | undefined;
    for (let i = 0; i < 250; i++) {
      void limiter.acquire().then((at) => {
        granted.push(at);
        // Half the first calls' answers are lost, so when the 120th is throttled the server is seen taking half.
        const n = granted.length;
        limiter.end(at, n === 120 ? 'throttled' : n % 2 === 0 && n < 120 ? 'lost' : 'answered');
        if (n === 120) after = limiter.currentQps;
      });
    }
    for (let t = 0; t < 5000; t++) await clock.advance(1);
    assert.ok(after !== undefined && after <= 60, `the pace after the throttled answer: ${after}/s`);
    const gaps = granted.slice(1).map((g, i) => g - (granted[i] as number));
    // At the new pace a slot is 1000 / after × 1.02 ms; counting the last second at it stopped sends for ~half a second.
    assert.ok(Math.max(...gaps) <= (1000 / after) * 1.02 + 2, `the longest pause between sends was ${Math.max(...gaps)} ms`);
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

  /**
   * A steady load through one limiter against a server that answers after `latencyMs` (the fake clock's sleep):
   * how many calls were in flight while the pace was steady, and how many a second went out.
   */
  async function steadyLoad(latencyMs: number, calls = 700) {
    const clock = new FakeClock();
    const limiter = new PacedLimiter(100, clock);
    const inFlight: number[] = [];
    const granted: number[] = [];
    let onTheWire = 0;
    let peak = 0;
    for (let i = 0; i < calls; i++) {
      void (async () => {
        const at = await limiter.acquire();
        granted.push(at);
        onTheWire++;
        if (clock.now() > 2000) peak = Math.max(peak, onTheWire, limiter.inFlight);
        await clock.sleep(latencyMs);
        onTheWire--;
        limiter.end(at, 'answered');
      })();
    }
    // Sample the count every 10 ms from 2 s to 5 s: long after the first answers taught the limiter the latency.
    for (let t = 0; t < 5000; t += 10) {
      await clock.advance(10);
      if (clock.now() > 2000) inFlight.push(onTheWire);
    }
    const mean = inFlight.reduce((a, b) => a + b, 0) / inFlight.length;
    const perSecond = granted.filter((t) => t >= 2000 && t < 5000).length / 3;
    return { mean, peak, perSecond, limit: limiter.inFlightLimit, latency: limiter.latencyMs };
  }

  it('keeps rate × latency calls in flight (Little\'s law), so the pace holds from 0 to 600 ms', async () => {
    for (const latencyMs of [0, 30, 150, 300, 600]) {
      const s = await steadyLoad(latencyMs);
      const expected = (98 * latencyMs) / 1000; // 100/s less the 2 % margin
      assert.ok(s.perSecond >= 95, `${latencyMs} ms: ${s.perSecond} calls/s`);
      assert.ok(Math.abs(s.latency - latencyMs) < 1, `${latencyMs} ms: learnt ${s.latency} ms`);
      assert.ok(Math.abs(s.mean - expected) <= Math.max(1.5, expected * 0.1), `${latencyMs} ms: ${s.mean} in flight, expected about ${expected}`);
      // No more than the margin allows: the limit follows the latency too.
      assert.ok(s.peak <= s.limit, `${latencyMs} ms: ${s.peak} in flight above the limit ${s.limit}`);
      assert.ok(s.limit <= Math.ceil(expected * 1.5) + 4, `${latencyMs} ms: limit ${s.limit}`);
    }
  });

  it('holds no more than MAX_IN_FLIGHT when the server answers very slowly', async () => {
    const s = await steadyLoad(3000, 400);
    assert.equal(s.limit, MAX_IN_FLIGHT);
    assert.ok(s.peak <= MAX_IN_FLIGHT && s.peak >= MAX_IN_FLIGHT - 1, `peak ${s.peak}`);
    assert.ok(s.perSecond <= MAX_IN_FLIGHT / 3 + 1, `${s.perSecond}/s with ${MAX_IN_FLIGHT} in flight at 3 s each`);
  });

  it('lets queued calls in as soon as a place frees, and a cancelled wait holds no place', async () => {
    const clock = new FakeClock();
    const limiter = new PacedLimiter(1000, clock, 1);
    const held: number[] = [];
    for (let i = 0; i < limiter.inFlightLimit; i++) held.push(await limiter.acquire().then((at) => (clock.advance(1), at)));
    const full = limiter.inFlight;
    assert.equal(full, limiter.inFlightLimit);
    const controller = new AbortController();
    const cancelled = limiter.acquire(controller.signal);
    let next = false;
    void limiter.acquire().then(() => (next = true));
    controller.abort();
    await assert.rejects(cancelled, (e: unknown) => e instanceof CloudError && e.kind === 'cancelled');
    await clock.advance(5);
    assert.equal(next, false, 'a call went past a full limiter');
    limiter.end(held[0]!, 'lost');
    await clock.advance(5);
    assert.equal(next, true, 'the freed place went to the call in line, not to the cancelled one');
    assert.equal(limiter.inFlight, full);
  });

  it('a throttled answer lowers the pace, once per burst, and the pace recovers while answers come back', async () => {
    const clock = new FakeClock(10_000);
    const limiter = new PacedLimiter(100, clock);
    const call = async (how: 'answered' | 'throttled') => limiter.end(await limiter.acquire(), how);
    await call('answered');
    assert.equal(limiter.currentQps, 100);
    await clock.advance(50);
    await call('throttled');
    const lowered = limiter.currentQps;
    assert.ok(lowered <= 90 && lowered >= 50, `after a throttled answer: ${lowered}/s`);
    assert.ok(limiter.intervalMs >= (1000 / 90) * 1.02 - 1e-9, `slots every ${limiter.intervalMs} ms`);
    await clock.advance(50);
    await call('throttled');
    assert.equal(limiter.currentQps, lowered, 'a second throttled answer of the same burst slowed it again');
    // Answers that come back unthrottled: held for a second, then about 5 % of the quota a second.
    await clock.advance(500);
    await call('answered');
    assert.equal(limiter.currentQps, lowered, 'climbed during the hold');
    for (let i = 0; i < 30 && limiter.currentQps < 100; i++) {
      await clock.advance(1000);
      await call('answered');
    }
    assert.equal(limiter.currentQps, 100, 'never recovered');
    // A later burst slows it again.
    await clock.advance(2000);
    await call('throttled');
    assert.ok(limiter.currentQps < 100);
  });

  /**
   * Fake time: a server that lets `limit` calls a second through per key (a sliding one-second window, as
   * Alibaba's and the emulator's), some foreign load on the same key, and `clients` limiters each with plenty to
   * send that retry every throttled call. Returns each client's accepted calls a second over the last 20 s.
   */
  async function contention(options: { clients: number; foreignQps: number; latencyMs: number; seconds?: number }) {
    const clock = new FakeClock();
    const window: number[] = [];
    const serverAccepts = (now: number) => {
      while (window.length > 0 && window[0]! <= now - 1000) window.shift();
      if (window.length >= 100) return false;
      window.push(now);
      return true;
    };
    const seconds = options.seconds ?? 40;
    const end = seconds * 1000;
    const accepted = Array.from({ length: options.clients }, () => 0);
    let throttled = 0;
    let stop = false;
    for (let c = 0; c < options.clients; c++) {
      const limiter = new PacedLimiter(100, clock);
      for (let worker = 0; worker < 128; worker++) {
        void (async () => {
          while (!stop) {
            const at = await limiter.acquire();
            await clock.sleep(options.latencyMs / 2);
            const ok = serverAccepts(clock.now());
            await clock.sleep(options.latencyMs / 2);
            limiter.end(at, ok ? 'answered' : 'throttled');
            if (ok && clock.now() >= end - 20_000) accepted[c]!++;
            if (!ok) {
              throttled++;
              await clock.sleep(250);
            }
          }
        })();
      }
    }
    if (options.foreignQps > 0) {
      void (async () => {
        while (!stop) {
          serverAccepts(clock.now());
          await clock.sleep(1000 / options.foreignQps);
        }
      })();
    }
    for (let t = 0; t < end; t += 50) await clock.advance(50);
    stop = true;
    return { perSecond: accepted.map((n) => n / 20), throttled };
  }

  it('shares the quota with a client that takes 30 % of it: at least 90 % of the rest is used', async function () {
    this.timeout(60_000);
    for (const latencyMs of [30, 300]) {
      const { perSecond } = await contention({ clients: 1, foreignQps: 30, latencyMs });
      assert.ok(perSecond[0]! >= 0.9 * 70, `${latencyMs} ms: ${perSecond[0]}/s of the 70 left`);
    }
  });

  it('two windows on one key settle together at 90 % of the quota or more, neither starved', async function () {
    this.timeout(60_000);
    const { perSecond } = await contention({ clients: 2, foreignQps: 0, latencyMs: 150 });
    const total = perSecond[0]! + perSecond[1]!;
    assert.ok(total >= 90, `together ${total}/s (${perSecond.join(' + ')})`);
    assert.ok(Math.min(...perSecond) >= 25, `one window starved: ${perSecond.join(' + ')}`);
  });

  it('abortableSleep resolves after the delay and rejects on abort', async () => {
    await abortableSleep(1);
    const controller = new AbortController();
    const sleeping = abortableSleep(10_000, controller.signal);
    controller.abort();
    await assert.rejects(sleeping, (e: unknown) => e instanceof CloudError && e.kind === 'cancelled');
  });
});
