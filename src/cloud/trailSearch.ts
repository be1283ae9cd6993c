// Searching ActionTrail within what it can answer: events of the last 90 days, at most 30 days per query, 2 queries a
// second, and each event only some minutes after its call. A search is bounded (a page limit), cancellable between
// pages (and inside one: the call takes the signal), and says which of these it ran into instead of "not found".

import { cancelledError } from './errors';
// Type-only: the client (and pop-core) stays in the lazily loaded clients bundle.
import type { TrailAttributeKey, TrailPage, TrailQuery } from './actionTrail';
import { MAX_TRAIL_RESULTS, REGRANT_OF, sameRequestId, trailTime, type TrailEvent } from './trailEvents';
import type { CallOptions } from './types';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** How long ActionTrail keeps events (its documentation: 90 days). */
export const TRAIL_RETENTION_MS = 90 * DAY;
/** The longest window one LookupEvents query may span (documented). */
export const MAX_QUERY_SPAN_MS = 30 * DAY;
/** Events usually appear within minutes; a call younger than this may simply not be there yet. */
export const NOT_YET_MS = 15 * MINUTE;
/** Pages one search reads at most: 20 s at 2 queries a second, 1,000 events. */
export const DEFAULT_MAX_PAGES = 20;
/** Around a recorded call's start: clocks differ, and the server logs when it handled the call. */
const BEFORE_CALL_MS = 2 * MINUTE;
const AFTER_CALL_MS = 10 * MINUTE;

/** One LookupEvents call: the client's method, or anything shaped like it. */
export type LookupPage = (query: TrailQuery, options?: CallOptions) => Promise<TrailPage>;

export interface SearchLimits {
  readonly now: number;
  readonly signal?: AbortSignal;
  readonly maxPages?: number;
  /** After each page: how many pages were read and how many events seen so far. */
  readonly onPage?: (pages: number, events: number) => void;
}

/** A time window in ms since the epoch. */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

export interface SearchTrace {
  /** LookupEvents calls made. */
  readonly pages: number;
  /** Their RequestIds, for a ticket about the search itself. */
  readonly lookupRequestIds: readonly string[];
  /** The window actually searched (after clipping to what ActionTrail keeps), ISO. */
  readonly searched?: { readonly start: string; readonly end: string };
}

export type RequestIdResult =
  | ({ readonly status: 'found'; readonly event: TrailEvent } & SearchTrace)
  /** The whole window is older than ActionTrail keeps: nothing was sent. */
  | ({ readonly status: 'too-old' } & SearchTrace)
  /** Not found, and the call is recent enough that its event may not have been written yet. */
  | ({ readonly status: 'not-yet' } & SearchTrace)
  /** Every page of the window was read; no event has that RequestId. */
  | ({ readonly status: 'not-found' } & SearchTrace)
  /** The page limit was reached before the window was read whole. */
  | ({ readonly status: 'incomplete' } & SearchTrace);

/** The window around a call recorded at `time`. */
export function windowAround(timeMs: number): TimeWindow {
  return { start: timeMs - BEFORE_CALL_MS, end: timeMs + AFTER_CALL_MS };
}

/**
 * The part of `window` ActionTrail can answer at `now`, cut into query-sized pieces, newest first; empty when all of
 * it is older than ActionTrail keeps (or in the future).
 */
export function queryWindows(window: TimeWindow, now: number): TimeWindow[] {
  const start = Math.max(window.start, now - TRAIL_RETENTION_MS + MINUTE);
  const end = Math.min(window.end, now);
  const pieces: TimeWindow[] = [];
  for (let pieceEnd = end; pieceEnd > start; pieceEnd -= MAX_QUERY_SPAN_MS) {
    pieces.push({ start: Math.max(start, pieceEnd - MAX_QUERY_SPAN_MS), end: pieceEnd });
  }
  return pieces;
}

export interface RequestIdSearch extends SearchLimits {
  readonly requestId: string;
  readonly window: TimeWindow;
  /** When the call was made, if known: decides between "not yet" and "not found". */
  readonly madeAt?: number;
  /** Narrows the search (one or two attributes; an event name makes it one page in most cases). */
  readonly attributes?: TrailQuery['attributes'];
}

/** Pages through the window until an event carries the RequestId. Throws the first failed call's CloudError. */
export async function findRequestId(lookup: LookupPage, search: RequestIdSearch): Promise<RequestIdResult> {
  let found: TrailEvent | undefined;
  const run = await pageThrough(lookup, search.window, search.attributes ?? [], search, (events) => {
    found = events.find((e) => sameRequestId(e.requestId, search.requestId));
    return found !== undefined;
  });
  if (found) return { status: 'found', event: found, ...run.trace };
  if (run.tooOld) return { status: 'too-old', ...run.trace };
  if (!run.complete) return { status: 'incomplete', ...run.trace };
  const recent = search.madeAt !== undefined ? search.madeAt : search.window.end;
  return { status: search.now - recent < NOT_YET_MS ? 'not-yet' : 'not-found', ...run.trace };
}

export interface ChangesSearch extends SearchLimits {
  readonly resourceName: string;
  readonly days: number;
}

export interface ChangesResult extends SearchTrace {
  /** Write events on the resource, newest first. */
  readonly events: readonly TrailEvent[];
  /** False when the page limit stopped the search: older changes may exist. */
  readonly complete: boolean;
  readonly tooOld: boolean;
}

/** The write events on a resource in the last `days` days, newest first. */
export async function recentChanges(lookup: LookupPage, search: ChangesSearch): Promise<ChangesResult> {
  const events: TrailEvent[] = [];
  const attributes = [{ key: 'ResourceName' as TrailAttributeKey, value: search.resourceName }, { key: 'EventRW' as TrailAttributeKey, value: 'Write' }];
  const run = await pageThrough(lookup, { start: search.now - search.days * DAY, end: search.now }, attributes, search, (page) => {
    events.push(...page);
    return false;
  });
  // A server may page in any order; people read newest first. Duplicates across pages are one event.
  const unique = [...new Map(events.map((e) => [e.eventId ?? e.requestId, e])).values()];
  unique.sort((a, b) => Date.parse(b.eventTime) - Date.parse(a.eventTime));
  return { events: unique, complete: run.complete, tooOld: run.tooOld, ...run.trace };
}

interface PageRun {
  readonly trace: SearchTrace;
  /** Every page of every piece was read (or the visitor stopped the search). */
  readonly complete: boolean;
  readonly tooOld: boolean;
}

async function pageThrough(
  lookup: LookupPage,
  window: TimeWindow,
  attributes: TrailQuery['attributes'],
  limits: SearchLimits,
  visit: (events: readonly TrailEvent[]) => boolean,
): Promise<PageRun> {
  const pieces = queryWindows(window, limits.now);
  const lookupRequestIds: string[] = [];
  const maxPages = limits.maxPages ?? DEFAULT_MAX_PAGES;
  let pages = 0;
  let seen = 0;
  const searched = pieces.length > 0 ? { start: trailTime(pieces[pieces.length - 1]!.start), end: trailTime(pieces[0]!.end) } : undefined;
  const trace = () => ({ pages, lookupRequestIds, ...(searched ? { searched } : {}) });
  if (pieces.length === 0) return { trace: trace(), complete: true, tooOld: window.end < limits.now - TRAIL_RETENTION_MS + MINUTE };
  for (const piece of pieces) {
    const tokens = new Set<string>();
    let nextToken: string | undefined;
    do {
      if (limits.signal?.aborted) throw cancelledError();
      if (pages >= maxPages) return { trace: trace(), complete: false, tooOld: false };
      const page = await lookup(
        { attributes, startTime: trailTime(piece.start), endTime: trailTime(piece.end + 999), maxResults: MAX_TRAIL_RESULTS, ...(nextToken ? { nextToken } : {}) },
        limits.signal ? { signal: limits.signal } : {},
      );
      pages++;
      seen += page.events.length;
      lookupRequestIds.push(page.requestId);
      limits.onPage?.(pages, seen);
      if (visit(page.events)) return { trace: trace(), complete: true, tooOld: false };
      // A token seen twice would loop forever: the piece ends there.
      nextToken = page.nextToken && !tokens.has(page.nextToken) ? page.nextToken : undefined;
      if (nextToken) tokens.add(nextToken);
    } while (nextToken);
  }
  return { trace: trace(), complete: true, tooOld: false };
}

/** One of our revocations, as the request history has it. */
export interface OurRevocation {
  readonly action: string;
  readonly requestId: string;
  /** ISO time. */
  readonly time: string;
  /** For detaches: the policies it removed; a re-attach of any of them is a re-grant. */
  readonly policyNames?: readonly string[];
}

export interface Regrant {
  readonly revocation: OurRevocation;
  /** The first write after it that gave the access back. */
  readonly event: TrailEvent;
  readonly afterMs: number;
}

/** Our revocations undone later by a grant on the same resource (the events are that resource's changes). */
export function findRegrants(events: readonly TrailEvent[], revocations: readonly OurRevocation[]): Regrant[] {
  const regrants: Regrant[] = [];
  for (const revocation of revocations) {
    const grant = REGRANT_OF[revocation.action];
    // ActionTrail writes times to the second; our record has milliseconds. A grant in the same second counts as later.
    const revokedAt = Math.floor(Date.parse(revocation.time) / 1000) * 1000;
    if (!grant || Number.isNaN(revokedAt)) continue;
    const later = events
      .filter((e) => e.eventName === grant && !e.errorCode && Date.parse(e.eventTime) >= revokedAt && !sameRequestId(e.requestId, revocation.requestId))
      .filter((e) => !revocation.policyNames?.length || policiesOf(e).some((p) => revocation.policyNames!.includes(p)))
      .sort((a, b) => Date.parse(a.eventTime) - Date.parse(b.eventTime));
    const first = later[0];
    if (first) regrants.push({ revocation, event: first, afterMs: Math.max(0, Date.parse(first.eventTime) - Date.parse(revocation.time)) });
  }
  return regrants;
}

function policiesOf(event: TrailEvent): string[] {
  return (event.requestParameters.PolicyNames ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** Found events by RequestId: an event never changes once written, so a second look costs no call. */
export class TrailEventCache {
  private readonly events = new Map<string, TrailEvent>();

  constructor(private readonly limit = 200) {}

  get(requestId: string): TrailEvent | undefined {
    return this.events.get(requestId.trim().toUpperCase());
  }

  put(event: TrailEvent): void {
    const key = event.requestId.trim().toUpperCase();
    this.events.delete(key);
    this.events.set(key, event);
    if (this.events.size > this.limit) this.events.delete(this.events.keys().next().value as string);
  }
}
