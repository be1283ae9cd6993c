// The ActionTrail search without a server: which windows it asks for, how it pages, when it stops, and what it calls
// the outcome. The pages come from a table standing in for LookupEvents (the contract tests ask the emulator).
import { strict as assert } from 'node:assert';
import type { TrailPage, TrailQuery } from '../../../src/cloud/actionTrail';
import { cancelledError } from '../../../src/cloud/errors';
import { parseTrailEvent, sameRequestId, type TrailEvent } from '../../../src/cloud/trailEvents';
import {
  MAX_QUERY_SPAN_MS,
  TRAIL_RETENTION_MS,
  TrailEventCache,
  findRegrants,
  findRequestId,
  queryWindows,
  recentChanges,
  windowAround,
} from '../../../src/cloud/trailSearch';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;

function event(requestId: string, minutesAgo: number, extra: Record<string, unknown> = {}): TrailEvent {
  const parsed = parseTrailEvent({ requestId, eventName: 'UnbindOutputBucket', eventTime: new Date(NOW - minutesAgo * MIN).toISOString(), ...extra });
  assert.ok(parsed);
  return parsed;
}

/** Serves `events` newest first, `size` a page, and remembers every query. */
function pagedLookup(events: TrailEvent[], size = 2) {
  const queries: TrailQuery[] = [];
  const lookup = async (q: TrailQuery): Promise<TrailPage> => {
    queries.push(q);
    const from = q.nextToken ? Number(q.nextToken) : 0;
    const inWindow = events.filter((e) => Date.parse(e.eventTime) >= Date.parse(q.startTime) && Date.parse(e.eventTime) <= Date.parse(q.endTime));
    const page = inWindow.slice(from, from + size);
    return { requestId: `LOOKUP-${queries.length}`, events: page, ...(from + size < inWindow.length ? { nextToken: String(from + size) } : {}) };
  };
  return { lookup, queries };
}

describe('ActionTrail events', () => {
  it('masks the AccessKeyId and drops signing fields from the parameters, whatever the server kept', () => {
    const e = parseTrailEvent({
      requestId: 'ABC', eventName: 'UnbindOutputBucket', eventTime: '2026-06-01T11:00:00Z',
      userIdentity: { type: 'ram-user', userName: 'bob', accessKeyId: 'LTAI5tAbcdefgh1234', sessionContext: { attributes: { creationDate: '2026-06-01T10:00:00Z', mfaAuthenticated: 'false' } } },
      requestParameters: { Bucket: 'b', Signature: 'sig', SignatureNonce: 'n', AccessKeyId: 'LTAI5tAbcdefgh1234', SecurityToken: 'tok', Timestamp: 't' },
    });
    assert.ok(e);
    assert.equal(e.identity.maskedAccessKeyId, 'LTAI****1234');
    assert.deepEqual(e.requestParameters, { Bucket: 'b' });
    assert.equal(e.identity.sessionCreated, '2026-06-01T10:00:00Z');
    assert.ok(!JSON.stringify(e).includes('LTAI5tAbcdefgh1234'));
  });

  it('reads requestParameters sent as a JSON string, and skips events without RequestId, name or time', () => {
    assert.deepEqual(parseTrailEvent({ requestId: 'A', eventName: 'X', eventTime: '2026-06-01T11:00:00Z', requestParameters: '{"Bucket":"b"}' })?.requestParameters, { Bucket: 'b' });
    assert.equal(parseTrailEvent({ eventName: 'X', eventTime: '2026-06-01T11:00:00Z' }), undefined);
    assert.equal(parseTrailEvent({ requestId: 'A', eventName: 'X', eventTime: 'yesterday' }), undefined);
  });

  it('matches RequestIds whatever their case and surrounding spaces', () => {
    assert.ok(sameRequestId(' 4aea0480-32f4 ', '4AEA0480-32F4'));
    assert.ok(!sameRequestId('4AEA0480-32F4', '4AEA0480-32F5'));
  });
});

describe('ActionTrail time windows', () => {
  it('cuts a long window into 30-day pieces, newest first, within the 90 days ActionTrail keeps', () => {
    const pieces = queryWindows({ start: NOW - 200 * DAY, end: NOW + DAY }, NOW);
    assert.equal(pieces.length, 3);
    assert.equal(pieces[0]!.end, NOW, 'never asks about the future');
    assert.ok(pieces.every((p) => p.end - p.start <= MAX_QUERY_SPAN_MS));
    assert.ok(pieces[pieces.length - 1]!.start >= NOW - TRAIL_RETENTION_MS);
  });

  it('has nothing to ask about a window wholly older than 90 days: "too old", no call', async () => {
    const { lookup, queries } = pagedLookup([]);
    const result = await findRequestId(lookup, { requestId: 'X', window: windowAround(NOW - 100 * DAY), now: NOW });
    assert.equal(result.status, 'too-old');
    assert.equal(queries.length, 0);
  });
});

describe('ActionTrail search', () => {
  it('pages until the RequestId is found, and stops there', async () => {
    const events = [event('A', 1), event('B', 2), event('C', 3), event('D', 4), event('E', 5)];
    const { lookup, queries } = pagedLookup(events);
    const result = await findRequestId(lookup, { requestId: 'c', window: { start: NOW - 60 * MIN, end: NOW }, now: NOW });
    assert.equal(result.status, 'found');
    assert.equal(queries.length, 2);
    assert.equal(queries[1]!.nextToken, '2');
    assert.deepEqual(result.lookupRequestIds, ['LOOKUP-1', 'LOOKUP-2']);
  });

  it('says "not yet" for a recent call not found, "not found" for an older one', async () => {
    const { lookup } = pagedLookup([event('A', 1)]);
    const recent = await findRequestId(lookup, { requestId: 'Z', window: windowAround(NOW - 2 * MIN), madeAt: NOW - 2 * MIN, now: NOW });
    assert.equal(recent.status, 'not-yet');
    const old = await findRequestId(lookup, { requestId: 'Z', window: windowAround(NOW - 3 * 60 * MIN), madeAt: NOW - 3 * 60 * MIN, now: NOW });
    assert.equal(old.status, 'not-found');
  });

  it('stops at the page limit and says the search is incomplete rather than "not found"', async () => {
    const events = Array.from({ length: 20 }, (_, i) => event(`E${i}`, i + 1));
    const { lookup, queries } = pagedLookup(events);
    const result = await findRequestId(lookup, { requestId: 'missing', window: { start: NOW - 60 * MIN, end: NOW }, now: NOW, maxPages: 3 });
    assert.equal(result.status, 'incomplete');
    assert.equal(queries.length, 3);
  });

  it('does not loop on a NextToken the server repeats', async () => {
    let calls = 0;
    const result = await findRequestId(async () => ({ requestId: `R${++calls}`, events: [event('A', 1)], nextToken: 'same' }), {
      requestId: 'missing', window: { start: NOW - 60 * MIN, end: NOW }, madeAt: NOW - 60 * MIN, now: NOW,
    });
    assert.equal(calls, 2);
    assert.equal(result.status, 'not-found');
  });

  it('stops between pages when cancelled, and reports progress per page', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const { lookup, queries } = pagedLookup(Array.from({ length: 10 }, (_, i) => event(`E${i}`, i + 1)));
    const search = findRequestId(lookup, {
      requestId: 'missing', window: { start: NOW - 60 * MIN, end: NOW }, now: NOW, signal: controller.signal,
      onPage: (pages) => {
        progress.push(pages);
        if (pages === 2) controller.abort();
      },
    });
    await assert.rejects(search, (e: unknown) => (e as { kind?: string }).kind === cancelledError().kind);
    assert.equal(queries.length, 2);
    assert.deepEqual(progress, [1, 2]);
  });

  it('lists a resource\'s writes newest first without duplicates, asking by ResourceName and EventRW', async () => {
    const events = [event('B', 30), event('A', 10), event('B', 30), event('C', 50)];
    const { lookup, queries } = pagedLookup(events, 50);
    const changes = await recentChanges(lookup, { resourceName: 'media-out', days: 3, now: NOW });
    assert.deepEqual(changes.events.map((e) => e.requestId), ['A', 'B', 'C']);
    assert.deepEqual(queries[0]!.attributes, [{ key: 'ResourceName', value: 'media-out' }, { key: 'EventRW', value: 'Write' }]);
    assert.equal(changes.complete, true);
  });
});

describe('re-grants after our revocations', () => {
  const detach = { action: 'DetachAppPolicyFromIdentity', requestId: 'OURS', time: new Date(NOW - 180 * MIN).toISOString(), policyNames: ['VODAppFullAccess'] };

  it('finds the first attach of a detached policy after the detach, with how long after', () => {
    const attach = (id: string, minutesAgo: number, policy: string) =>
      event(id, minutesAgo, { eventName: 'AttachAppPolicyToIdentity', requestParameters: { PolicyNames: policy }, userIdentity: { type: 'ram-user', userName: 'bob' } });
    const events = [attach('LATE', 10, 'VODAppFullAccess'), attach('OTHER', 60, 'VODAppReadOnlyAccess'), attach('FIRST', 60, 'VODAppFullAccess'), attach('BEFORE', 200, 'VODAppFullAccess')];
    const [regrant, ...rest] = findRegrants(events, [detach]);
    assert.equal(rest.length, 0);
    assert.equal(regrant?.event.requestId, 'FIRST');
    assert.equal(regrant?.afterMs, 120 * MIN);
    assert.equal(regrant?.event.identity.userName, 'bob');
  });

  it('counts a grant in the same second as the revocation: ActionTrail times have no milliseconds', () => {
    const revokedAt = NOW - 10 * MIN + 700;
    const bind = parseTrailEvent({ requestId: 'THEIRS', eventName: 'BindOutputBucket', eventTime: new Date(NOW - 10 * MIN).toISOString() });
    assert.ok(bind);
    const [regrant] = findRegrants([bind], [{ action: 'UnbindOutputBucket', requestId: 'OURS', time: new Date(revokedAt).toISOString() }]);
    assert.equal(regrant?.event.requestId, 'THEIRS');
    assert.equal(regrant?.afterMs, 0);
  });

  it('ignores failed grants and revocations nothing undid', () => {
    const failed = event('F', 10, { eventName: 'AttachAppPolicyToIdentity', errorCode: 'Forbidden.OperateApp', requestParameters: { PolicyNames: 'VODAppFullAccess' } });
    assert.deepEqual(findRegrants([failed], [detach]), []);
  });
});

describe('found events cache', () => {
  it('answers by RequestId in any case and forgets the oldest beyond its limit', () => {
    const cache = new TrailEventCache(2);
    cache.put(event('A', 1));
    cache.put(event('B', 1));
    cache.put(event('C', 1));
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.get('c')?.requestId, 'C');
  });
});
