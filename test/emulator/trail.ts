// The emulated ActionTrail: every call the emulator handles for MPS, VOD, RAM and STS becomes an event (who signed,
// from which address, with which RequestId and parameters — never the signing fields), visible to LookupEvents
// (actiontrail 2020-07-06) only `delayMs` after the call, as real events appear minutes later. Seeded events
// (state `trailEvents`) stand for what "someone else" did before the emulator started. See README → ActionTrail.
import { randomUUID } from 'node:crypto';
import { E } from './errors';
import type { Caller, Product } from './actions/types';
import type { Directory } from './directory';

export const ACTIONTRAIL_VERSION = '2020-07-06';
/** Default delay before an event is visible (the emulator's choice: long enough to test "not yet", short to wait out). */
export const DEFAULT_TRAIL_DELAY_MS = 3000;
const DAY = 86_400_000;
const RETENTION_MS = 90 * DAY;
const MAX_SPAN_MS = 30 * DAY;
const MAX_EVENTS = 20_000;

/** An event as LookupEvents returns it (Alibaba's field names). */
export type TrailEventJson = Record<string, unknown> & { eventName: string; eventTime: string; requestId: string };
/** A seeded event: an event with its ISO eventTime, or `minutesAgo` (the emulator's extension) instead. */
export type TrailEventSeed = Record<string, unknown> & { eventName: string; requestId: string; eventTime?: string; minutesAgo?: number };

interface StoredEvent {
  readonly seq: number;
  readonly timeMs: number;
  readonly accountId: string;
  readonly json: TrailEventJson;
}

/** Never recorded in requestParameters: they sign the request, not describe it. */
const SIGNING_PARAMS = new Set(['Signature', 'SignatureNonce', 'SignatureMethod', 'SignatureVersion', 'SignatureType', 'SecurityToken', 'AccessKeyId', 'Timestamp', 'Format', 'Version', 'Action', 'RegionId']);

const WRITES = new Set(['UnbindOutputBucket', 'BindOutputBucket', 'UnbindInputBucket', 'BindInputBucket', 'DetachAppPolicyFromIdentity', 'AttachAppPolicyToIdentity', 'AssumeRole']);

/** ServiceName values (ActionTrail's service codes; the emulator's reading of its "Services that work with ActionTrail"). */
export const SERVICE_NAMES: Readonly<Record<Product, string>> = { mts: 'Mts', vod: 'vod', ram: 'Ram', sts: 'Sts', actiontrail: 'Actiontrail' };

const RESOURCE_TYPES: Readonly<Record<string, string>> = { Bucket: 'ACS::MTS::MediaBucket', IdentityName: 'ACS::VOD::AppIdentity', UserName: 'ACS::RAM::User', RoleArn: 'ACS::RAM::Role' };

/** The attribute keys LookupEvents filters on, and where each looks in an event. */
const ATTRIBUTE_FIELDS: Readonly<Record<string, (e: TrailEventJson) => unknown>> = {
  EventName: (e) => e.eventName,
  EventId: (e) => e.eventId,
  EventRW: (e) => e.eventRW,
  ServiceName: (e) => e.serviceName,
  ResourceName: (e) => e.resourceName,
  ResourceType: (e) => e.resourceType,
  SourceIpAddress: (e) => e.sourceIpAddress,
  EventType: (e) => e.eventType,
  EventAccessKeyId: (e) => (e.userIdentity as Record<string, unknown> | undefined)?.accessKeyId,
  User: (e) => (e.userIdentity as Record<string, unknown> | undefined)?.userName,
};

export interface CallFacts {
  product: Product;
  region: string;
  action: string;
  version: string;
  params: Readonly<Record<string, string>>;
  caller: Caller;
  requestId: string;
  sourceIp: string;
  userAgent: string;
  errorCode?: string;
  errorMessage?: string;
}

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function parseTime(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(ms)) throw E.invalidParam(name, 'Expected an ISO 8601 UTC time such as 2020-10-08T11:00:00Z.');
  return ms;
}

function encodeToken(e: StoredEvent): string {
  return Buffer.from(JSON.stringify([e.timeMs, e.seq]), 'utf8').toString('base64url');
}
function decodeToken(token: string): [number, number] {
  try {
    const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number') return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw E.invalidParam('NextToken', 'The token is not one this service issued.');
}
const before = (a: StoredEvent, t: readonly [number, number]) => a.timeMs < t[0] || (a.timeMs === t[0] && a.seq < t[1]);

export class ActionTrailLog {
  private events: StoredEvent[] = [];
  private seq = 0;
  private offsetMs = 0;

  constructor(private readonly now: () => number, public delayMs = DEFAULT_TRAIL_DELAY_MS) {}

  /** The trail's clock: the emulator's plus what tests advanced it by (events become visible sooner). */
  trailNow(): number {
    return this.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Forgets every event and the advanced time, then takes the seeded ones. */
  reset(seeded: readonly TrailEventSeed[], homeAccountId: string, delayMs = DEFAULT_TRAIL_DELAY_MS): void {
    this.events = [];
    this.offsetMs = 0;
    this.delayMs = delayMs;
    for (const seed of seeded) {
      // `minutesAgo` (the emulator's extension) places a seeded event relative to now, so fixtures never age out.
      const { minutesAgo, ...rest } = structuredClone(seed);
      const timeMs = typeof minutesAgo === 'number' ? this.now() - minutesAgo * 60_000 : Date.parse(String(rest.eventTime));
      const json = rest as TrailEventJson;
      json.eventTime = iso(timeMs);
      this.add(json, timeMs, String((json.userIdentity as Record<string, unknown> | undefined)?.accountId ?? homeAccountId));
    }
  }

  private add(json: TrailEventJson, timeMs: number, accountId: string): void {
    this.events.push({ seq: ++this.seq, timeMs, accountId, json });
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
  }

  /** Every call the emulator handled (ActionTrail's own lookups excepted), as ActionTrail would write it. */
  record(facts: CallFacts, directory: Directory): void {
    if (facts.product === 'actiontrail') return;
    const at = this.now();
    const { caller } = facts;
    const requestParameters = Object.fromEntries(Object.entries(facts.params).filter(([k]) => !SIGNING_PARAMS.has(k)));
    const resourceKey = ['Bucket', 'IdentityName', 'UserName', 'RoleArn'].find((k) => facts.params[k]);
    const json: TrailEventJson = {
      eventId: randomUUID().toUpperCase(),
      eventVersion: '1',
      eventSource: `${facts.product}.${facts.region}.aliyuncs.com`,
      acsRegion: facts.region,
      apiVersion: facts.version,
      eventType: 'ApiCall',
      eventName: facts.action,
      eventRW: WRITES.has(facts.action) ? 'Write' : 'Read',
      eventTime: iso(at),
      requestId: facts.requestId,
      serviceName: SERVICE_NAMES[facts.product],
      sourceIpAddress: facts.sourceIp,
      userAgent: facts.userAgent,
      isGlobal: facts.product === 'ram',
      requestParameters,
      ...(resourceKey ? { resourceName: facts.params[resourceKey], resourceType: RESOURCE_TYPES[resourceKey] } : {}),
      ...(facts.errorCode ? { errorCode: facts.errorCode, errorMessage: facts.errorMessage ?? '' } : {}),
      userIdentity: identityOf(caller, directory, at),
    };
    this.add(json, at, caller.accountId);
  }

  /** LookupEvents for a caller of `accountId`. Throws ApiError on a parameter ActionTrail would refuse. */
  lookup(accountId: string, params: Readonly<Record<string, string>>): Record<string, unknown> {
    const now = this.now();
    const startRaw = parseTime(params.StartTime, 'StartTime');
    const endRaw = parseTime(params.EndTime, 'EndTime');
    if ((startRaw === undefined) !== (endRaw === undefined)) throw E.invalidParam(startRaw === undefined ? 'StartTime' : 'EndTime', 'StartTime and EndTime must be given together.');
    const end = endRaw ?? now;
    const start = startRaw ?? end - 7 * DAY;
    if (start > end) throw E.invalidParam('StartTime', 'StartTime must not be after EndTime.');
    if (end - start > MAX_SPAN_MS) throw E.invalidParam('StartTime', 'The time range must not exceed 30 days.');
    const rawMax = params.MaxResults;
    if (rawMax !== undefined && rawMax !== '' && (!/^\d+$/.test(rawMax) || Number(rawMax) < 1 || Number(rawMax) > 50)) {
      throw E.invalidParam('MaxResults', 'Expected an integer between 1 and 50.');
    }
    const max = rawMax ? Number(rawMax) : 20;
    const direction = params.Direction ?? 'BACKWARD';
    if (direction !== 'BACKWARD' && direction !== 'FORWARD') throw E.invalidParam('Direction', 'Expected BACKWARD or FORWARD.');
    // Only the first two conditions count (documented); an unknown key is refused (the emulator's choice).
    const conditions: [string, string][] = [];
    for (let n = 1; params[`LookupAttribute.${n}.Key`] !== undefined; n++) {
      const key = params[`LookupAttribute.${n}.Key`]!;
      if (!ATTRIBUTE_FIELDS[key]) throw E.invalidParam(`LookupAttribute.${n}.Key`, `Unsupported key ${key}.`);
      if (n <= 2) conditions.push([key, params[`LookupAttribute.${n}.Value`] ?? '']);
    }
    const visibleBefore = this.trailNow() - this.delayMs;
    let matching = this.events.filter((e) =>
      e.accountId === accountId
      && e.timeMs <= visibleBefore
      && e.timeMs >= now - RETENTION_MS
      && e.timeMs >= start && e.timeMs <= end
      && conditions.every(([key, value]) => ATTRIBUTE_FIELDS[key]!(e.json) === value));
    matching.sort((a, b) => (direction === 'BACKWARD' ? b.timeMs - a.timeMs || b.seq - a.seq : a.timeMs - b.timeMs || a.seq - b.seq));
    if (params.NextToken) {
      const token = decodeToken(params.NextToken);
      matching = matching.filter((e) => (direction === 'BACKWARD' ? before(e, token) : !before(e, token) && !(e.timeMs === token[0] && e.seq === token[1])));
    }
    const page = matching.slice(0, max);
    const last = page[page.length - 1];
    return {
      StartTime: iso(start),
      EndTime: iso(end),
      ...(matching.length > max && last ? { NextToken: encodeToken(last) } : {}),
      Events: page.map((e) => structuredClone(e.json)),
    };
  }
}

function identityOf(caller: Caller, directory: Directory, at: number): Record<string, unknown> {
  const base = { accountId: caller.accountId, accessKeyId: caller.accessKeyId };
  if (caller.session) {
    const s = caller.session;
    return {
      ...base, type: 'assumed-role', principalId: `${s.roleId}:${s.sessionName}`, userName: `${s.roleName}:${s.sessionName}`,
      sessionContext: { attributes: { creationDate: iso(at), mfaAuthenticated: 'false' } },
    };
  }
  if (caller.userId) {
    return { ...base, type: 'ram-user', principalId: caller.userId, userName: directory.userById(caller.accountId, caller.userId)?.userName ?? caller.userId };
  }
  return { ...base, type: 'root-account', principalId: caller.accountId, userName: 'root' };
}

/** Validates state `trailEvents`: each an object with a RequestId, an event name and an ISO time. */
export function parseTrailEvents(input: unknown, fail: (path: string, why: string) => never): TrailEventSeed[] | undefined {
  if (input === undefined) return undefined;
  if (!Array.isArray(input)) fail('$.trailEvents', 'expected an array');
  return input.map((e, i) => {
    const p = `$.trailEvents[${i}]`;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) fail(p, 'expected an object');
    const o = e as Record<string, unknown>;
    for (const k of ['eventName', 'requestId']) if (typeof o[k] !== 'string' || o[k] === '') fail(`${p}.${k}`, 'expected a non-empty string');
    if (o.minutesAgo !== undefined) {
      if (typeof o.minutesAgo !== 'number' || !(o.minutesAgo >= 0)) fail(`${p}.minutesAgo`, 'expected a non-negative number');
    } else if (typeof o.eventTime !== 'string' || Number.isNaN(Date.parse(o.eventTime))) fail(`${p}.eventTime`, 'expected an ISO time (or minutesAgo)');
    return o as TrailEventSeed;
  });
}
