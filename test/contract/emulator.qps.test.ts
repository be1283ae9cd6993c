import { strict as assert } from 'node:assert';
import { demoState } from '../emulator/demoState';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { SlidingWindowLimiter } from '../emulator/throttle';
import { MPS_VERSION, mpsClient, signedCall, type PopError } from './emulator.helpers';

describe('emulator QPS (sliding 1 s window per AccessKey and action)', () => {
  let em: RunningEmulator | undefined;
  afterEach(async () => {
    await em?.close();
    em = undefined;
  });

  it('accepts ~100 of 300 simultaneous UnbindOutputBucket calls and throttles the rest', async function () {
    this.timeout(20000);
    const state = demoState();
    state.ossBuckets = undefined;
    for (let i = 0; i < 300; i++) state.mediaBuckets.push({ bucket: `qps-${i}`, type: 'Output' });
    em = await startEmulator({ quiet: true, state });
    const c = mpsClient(em);
    const results = await Promise.allSettled(Array.from({ length: 300 }, (_, i) => c.request('UnbindOutputBucket', { Bucket: `qps-${i}` }, { method: 'POST' })));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const errors = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as PopError);
    const throttled = errors.filter((e) => e.code === 'Throttling.User');
    assert.equal(throttled.length + ok, 300, `unexpected errors: ${errors.filter((e) => e.code !== 'Throttling.User').map((e) => e.code).join(',')}`);
    // The window's own rule, independent of how fast this machine delivers 300 requests: the first 100 pass, and
    // no 1000 ms window holds more than 100 accepted calls (on a loaded machine, arrivals spread past one second).
    assert.ok(ok >= 100, `accepted ${ok}`);
    const acceptedAt = em.requests().filter((r) => r.action === 'UnbindOutputBucket' && r.outcome === 'OK').map((r) => Date.parse(r.time)).sort((a, b) => a - b);
    for (let i = 100; i < acceptedAt.length; i++) {
      assert.ok((acceptedAt[i] as number) - (acceptedAt[i - 100] as number) >= 1000 - 5, `101 accepted within one second (at #${i})`);
    }
    assert.equal(throttled[0].entry.response.statusCode, 400);
    assert.equal(throttled[0].data.Message, 'Request was denied due to user flow control.');
    const s = em.stats().byAction.UnbindOutputBucket;
    assert.deepEqual([s.received, s.accepted, s.throttled, s.failed], [300, ok, throttled.length, 0]);
    assert.equal(em.state.outputBuckets().filter((b) => b.startsWith('qps-')).length, 300 - ok, 'throttled calls change nothing');
  });

  it('limits ListAllMediaBucket to 10 per second and recovers after the window slides', async () => {
    let clock = Date.now();
    em = await startEmulator({ quiet: true, now: () => clock });
    const call = () => signedCall(em!, 'ListAllMediaBucket', MPS_VERSION, {}, { now: new Date(clock) });
    const first = await Promise.all(Array.from({ length: 12 }, call));
    assert.deepEqual(first.map((r) => r.status).sort(), [...Array(10).fill(200), 400, 400]);
    clock += 999;
    assert.equal((await call()).status, 400, 'still inside the window');
    clock += 1;
    assert.equal((await call()).status, 200, 'window slid');
  });

  it('stats: peakPerSecond is the most arrivals in any 1000 ms, throttled ones included', async () => {
    let clock = Date.now();
    em = await startEmulator({ quiet: true, now: () => clock, qpsLimits: { ListAllMediaBucket: 3 } });
    const call = () => signedCall(em!, 'ListAllMediaBucket', MPS_VERSION, {}, { now: new Date(clock) });
    await Promise.all(Array.from({ length: 5 }, call));
    clock += 600;
    await Promise.all(Array.from({ length: 2 }, call));
    clock += 500; // the first five are now more than a second old
    await call();
    const s = em.stats().byAction.ListAllMediaBucket;
    assert.deepEqual([s.received, s.accepted, s.throttled, s.peakPerSecond], [8, 4, 4, 7]);
    em.resetStats();
    await call();
    assert.equal(em.stats().byAction.ListAllMediaBucket.peakPerSecond, 1, 'reset forgets earlier arrivals');
  });

  it('stats: the arrivals of the first and the last accepted call, for the pace the server saw', async () => {
    const start = Date.now();
    let clock = start;
    em = await startEmulator({ quiet: true, now: () => clock, qpsLimits: { ListAllMediaBucket: 3 } });
    const call = async () => (await signedCall(em!, 'ListAllMediaBucket', MPS_VERSION, {}, { now: new Date(clock) })).status;
    const statuses = [await call()];
    clock += 400;
    statuses.push(await call());
    clock += 300;
    statuses.push(await call(), await call()); // the second is the fourth in a second: throttled
    clock += 500;
    statuses.push(await call());
    clock += 100;
    statuses.push(await call()); // throttled: a refused call is not an accepted one
    assert.deepEqual(statuses, [200, 200, 200, 400, 200, 400]);
    const s = em.stats().byAction.ListAllMediaBucket;
    assert.deepEqual([s.accepted, s.firstAcceptedArrivalAt, s.lastAcceptedArrivalAt], [4, start, start + 1200]);
    em.resetStats();
    assert.equal(await call(), 400);
    const throttledOnly = em.stats().byAction.ListAllMediaBucket;
    assert.deepEqual([throttledOnly.firstAcceptedArrivalAt, throttledOnly.lastAcceptedArrivalAt], [undefined, undefined], 'reset forgets them');
    clock += 400;
    assert.equal(await call(), 200);
    const after = em.stats().byAction.ListAllMediaBucket;
    assert.deepEqual([after.firstAcceptedArrivalAt, after.lastAcceptedArrivalAt], [start + 1700, start + 1700]);
  });

  it('counts per AccessKey: another key has its own window', async () => {
    const other = { accessKeyId: 'LTAIotherkey0001', accessKeySecret: 'other' };
    em = await startEmulator({ quiet: true, accessKeys: [other, { accessKeyId: 'LTAIthird0001', accessKeySecret: 't' }], qpsLimits: { ListAllMediaBucket: 2 } });
    const a = await Promise.all(Array.from({ length: 3 }, () => signedCall(em!, 'ListAllMediaBucket', MPS_VERSION, {}, { key: other })));
    assert.deepEqual(a.map((r) => r.status).sort(), [200, 200, 400]);
    const b = await signedCall(em, 'ListAllMediaBucket', MPS_VERSION, {}, { key: { accessKeyId: 'LTAIthird0001', accessKeySecret: 't' } });
    assert.equal(b.status, 200);
  });

  it('can be disabled', async () => {
    em = await startEmulator({ quiet: true, qpsLimits: false });
    const r = await Promise.all(Array.from({ length: 30 }, () => signedCall(em!, 'ListAllMediaBucket', MPS_VERSION, {})));
    assert.ok(r.every((x) => x.status === 200));
  });

  it('sliding window unit: at most N accepted in any 1000 ms and throttled calls do not count', () => {
    const l = new SlidingWindowLimiter({ X: 3 });
    const accepted: number[] = [];
    for (let t = 0; t < 5000; t += 50) if (l.tryAccept('k', 'X', t)) accepted.push(t);
    for (const t of accepted) assert.ok(accepted.filter((u) => u > t - 1000 && u <= t).length <= 3);
    assert.deepEqual(accepted.slice(0, 6), [0, 50, 100, 1000, 1050, 1100]);
    assert.ok(l.tryAccept('k', 'Unlimited', 0));
  });
});
