// ActionTrail against the emulator: the shapes LookupEvents answers with (Alibaba's documented response: RequestId,
// StartTime, EndTime, NextToken, Events[] with requestId, eventName, eventTime, userIdentity…), the delay before an
// event appears, seeded events by someone else, paging, the permission refusal, and the core search on top.
import { strict as assert } from 'node:assert';
import RPCClient = require('@alicloud/pop-core');
import { ActionTrailClient } from '../../src/cloud/actionTrail';
import { findRequestId, recentChanges, findRegrants } from '../../src/cloud/trailSearch';
import { REQUEST_ID_PATTERN } from '../emulator/requestId';
import { DEMO_ACCESS_KEY, DEMO_RAM_USER_KEY, startEmulator } from '../emulator/server';
import { demoState } from '../emulator/demoState';
import { emulatorPerTest, rejection } from './core.helpers';
import { expectError, mpsClient, post } from './emulator.helpers';
import type { CloudError } from '../../src/cloud/errors';

const TRAIL_VERSION = '2020-07-06';
const HOUR = 3_600_000;

function window(hoursBack = 1) {
  const now = Date.now();
  return { StartTime: new Date(now - hoursBack * HOUR).toISOString().replace(/\.\d+Z$/, 'Z'), EndTime: new Date(now + 60_000).toISOString().replace(/\.\d+Z$/, 'Z') };
}

describe('contract: ActionTrail LookupEvents (emulator)', () => {
  const ctx = emulatorPerTest();
  const trail = (key = DEMO_ACCESS_KEY) => new RPCClient({ endpoint: ctx.em.url, apiVersion: TRAIL_VERSION, ...key });

  it('records a write with who signed, the source address, its RequestId and parameters without signing fields, after the delay', async () => {
    const bucket = ctx.em.state.outputBuckets()[0]!;
    const answer = await post<{ RequestId: string }>(mpsClient(ctx.em, DEMO_RAM_USER_KEY), 'UnbindOutputBucket', { Bucket: bucket });
    const lookup = { ...window(), 'LookupAttribute.1.Key': 'EventName', 'LookupAttribute.1.Value': 'UnbindOutputBucket' };
    const early = await post<{ Events: unknown[] }>(trail(), 'LookupEvents', lookup);
    assert.deepEqual(early.Events, [], 'not visible before the delay');
    ctx.em.trail.advanceClock(5000);
    const body = await post<Record<string, unknown>>(trail(), 'LookupEvents', lookup);
    assert.match(String(body.RequestId), REQUEST_ID_PATTERN);
    assert.equal(typeof body.StartTime, 'string');
    assert.equal(typeof body.EndTime, 'string');
    const events = body.Events as Record<string, unknown>[];
    assert.equal(events.length, 1);
    const e = events[0]!;
    assert.equal(e.requestId, answer.RequestId);
    assert.equal(e.eventName, 'UnbindOutputBucket');
    assert.equal(e.eventRW, 'Write');
    assert.equal(e.serviceName, 'Mts');
    assert.equal(e.resourceName, bucket);
    assert.match(String(e.eventTime), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.equal(e.sourceIpAddress, '127.0.0.1');
    assert.equal(typeof e.userAgent, 'string');
    const who = e.userIdentity as Record<string, unknown>;
    assert.equal(who.type, 'ram-user');
    assert.equal(who.userName, 'media-operator');
    assert.equal(who.accessKeyId, DEMO_RAM_USER_KEY.accessKeyId);
    const params = e.requestParameters as Record<string, string>;
    assert.equal(params.Bucket, bucket);
    for (const k of ['Signature', 'SignatureNonce', 'AccessKeyId', 'SecurityToken', 'Timestamp']) assert.equal(params[k], undefined, k);
  });

  it('pages newest first with NextToken, and refuses what the API page refuses', async () => {
    const mps = mpsClient(ctx.em);
    for (const bucket of ctx.em.state.outputBuckets().slice(0, 3)) await post(mps, 'UnbindOutputBucket', { Bucket: bucket });
    ctx.em.trail.advanceClock(5000);
    const base = { ...window(), MaxResults: '2', 'LookupAttribute.1.Key': 'EventRW', 'LookupAttribute.1.Value': 'Write' };
    const first = await post<{ Events: { eventTime: string }[]; NextToken?: string }>(trail(), 'LookupEvents', base);
    assert.equal(first.Events.length, 2);
    assert.ok(first.NextToken);
    const second = await post<{ Events: unknown[]; NextToken?: string }>(trail(), 'LookupEvents', { ...base, NextToken: first.NextToken });
    assert.equal(second.Events.length, 1);
    assert.equal(second.NextToken, undefined);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // LookupEvents allows 2 a second
    await expectError(post(trail(), 'LookupEvents', { ...window(24 * 31) }), 'InvalidParameter', 400);
    await expectError(post(trail(), 'LookupEvents', { ...window(), MaxResults: '51' }), 'InvalidParameter', 400);
  });

  it('answers NoPermission, naming actiontrail:LookupEvents, to a key denied it', async () => {
    await ctx.restart({ ...demoState(), callers: { ...demoState().callers, [DEMO_ACCESS_KEY.accessKeyId]: { deniedActions: ['LookupEvents'] } } });
    const err = await expectError(post(trail(), 'LookupEvents', window()), 'NoPermission', 403);
    assert.match(err.message, /actiontrail:LookupEvents/);
  });
});

describe('contract: core ActionTrail client and search (emulator)', () => {
  const ctx = emulatorPerTest();
  const client = () => new ActionTrailClient(ctx.h.options());

  it('finds a revocation by its RequestId: "not yet" before the delay, found after; records the lookups', async () => {
    const bucket = ctx.em.state.outputBuckets()[0]!;
    const { requestId } = await ctx.h.mps().unbindOutputBucket(bucket);
    const c = client();
    const madeAt = Date.now();
    const search = () => findRequestId((q, o) => c.lookupEvents(q, o), {
      requestId, window: { start: madeAt - 120_000, end: madeAt + 600_000 }, madeAt, now: Date.now(),
      attributes: [{ key: 'EventName', value: 'UnbindOutputBucket' }],
    });
    const early = await search();
    assert.equal(early.status, 'not-yet');
    assert.equal(early.pages, 1);
    ctx.em.trail.advanceClock(5000);
    const found = await search();
    assert.equal(found.status, 'found');
    if (found.status !== 'found') return;
    assert.equal(found.event.requestId, requestId);
    assert.equal(found.event.identity.type, 'root-account');
    assert.equal(found.event.identity.maskedAccessKeyId, 'LTAI****0001');
    assert.equal(found.event.requestParameters.Bucket, bucket);
    assert.equal(found.event.requestParameters.AccessKeyId, undefined);
    const lookups = ctx.h.records.filter((r) => r.action === 'LookupEvents');
    assert.equal(lookups.length, 2);
    assert.equal(lookups[0]!.product, 'actiontrail');
    assert.equal(lookups[0]!.params['LookupAttribute.1.Value'], 'UnbindOutputBucket');
  });

  it('lists a resource\'s writes newest first and calls out a grant after our revocation, with who made it', async () => {
    const bucket = ctx.em.state.outputBuckets()[0]!;
    const ours = await ctx.h.mps().unbindOutputBucket(bucket);
    const ourTime = new Date(Date.now() - 1000).toISOString();
    await post(mpsClient(ctx.em, DEMO_RAM_USER_KEY), 'BindOutputBucket', { Bucket: bucket });
    ctx.em.trail.advanceClock(5000);
    const c = client();
    const changes = await recentChanges((q, o) => c.lookupEvents(q, o), { resourceName: bucket, days: 3, now: Date.now() });
    assert.equal(changes.complete, true);
    assert.deepEqual(changes.events.map((e) => e.eventName), ['BindOutputBucket', 'UnbindOutputBucket']);
    const regrants = findRegrants(changes.events, [{ action: 'UnbindOutputBucket', requestId: ours.requestId, time: ourTime }]);
    assert.equal(regrants.length, 1);
    assert.equal(regrants[0]!.event.identity.userName, 'media-operator');
  });

  it('says which permission is missing: NoPermission with its RequestId, not retried', async () => {
    await ctx.restart({ ...demoState(), callers: { ...demoState().callers, [DEMO_ACCESS_KEY.accessKeyId]: { deniedActions: ['LookupEvents'] } } });
    const c = client();
    const err = (await rejection(c.lookupEvents({ attributes: [], startTime: window().StartTime, endTime: window().EndTime }))) as CloudError;
    assert.equal(err.code, 'NoPermission');
    assert.equal(err.kind, 'permission');
    assert.match(err.requestId ?? '', REQUEST_ID_PATTERN);
    assert.equal(ctx.em.stats().byAction.LookupEvents?.received, 1);
  });

  it('retries a throttled lookup and says what garbage is, with its code, instead of "not found"', async () => {
    const { requestId } = await ctx.h.mps().unbindOutputBucket(ctx.em.state.outputBuckets()[0]!);
    ctx.em.trail.advanceClock(5000);
    const c = client();
    const search = () => findRequestId((q, o) => c.lookupEvents(q, o), { requestId, window: { start: Date.now() - 120_000, end: Date.now() }, now: Date.now() });
    ctx.em.setFault('LookupEvents', { kind: 'throttle', times: 1 });
    const found = await search();
    assert.equal(found.status, 'found');
    assert.equal(ctx.em.stats().byAction.LookupEvents?.throttled, 1);
    ctx.em.setFault('LookupEvents', { kind: 'html', times: 4 });
    const err = (await rejection(search())) as CloudError;
    assert.equal(err.kind, 'bad-response');
    assert.match(err.message, /./);
  });

  it('shows seeded events made by someone else before the emulator started', async () => {
    const em = await startEmulator({
      quiet: true,
      state: {
        ...demoState(),
        trailEvents: [{
          eventName: 'BindOutputBucket', requestId: '11111111-2222-3333-4444-555555555555', minutesAgo: 120, eventRW: 'Write',
          resourceName: 'seeded-bucket', userIdentity: { type: 'ram-user', userName: 'bob', accessKeyId: 'LTAI5tSomeoneElse9999' },
        }],
      },
    });
    try {
      const c = new ActionTrailClient({ ...ctx.h.options(), endpoint: em.url });
      const changes = await recentChanges((q, o) => c.lookupEvents(q, o), { resourceName: 'seeded-bucket', days: 1, now: Date.now() });
      assert.equal(changes.events.length, 1);
      assert.equal(changes.events[0]!.identity.userName, 'bob');
      assert.equal(changes.events[0]!.identity.maskedAccessKeyId, 'LTAI****9999');
    } finally {
      await em.close();
    }
  });
});
