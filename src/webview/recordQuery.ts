// The inspector table's filter and sort. Pure: the webview renders with it and the unit tests check it, so what
// people see and what the tests assert cannot drift apart. Export uses it too, so "export filtered" means exactly
// the rows on screen.

import type { CallOutcome, CallRecord } from '../cloud/types';

export type OutcomeFilter = 'all' | CallOutcome;
export const OUTCOME_FILTERS: readonly OutcomeFilter[] = ['all', 'succeeded', 'failed', 'cancelled', 'unknown'];

export type SortKey = 'time' | 'action' | 'target' | 'outcome' | 'code' | 'requestId' | 'latency';
export const SORT_KEYS: readonly SortKey[] = ['time', 'action', 'target', 'outcome', 'code', 'requestId', 'latency'];

export type SortDirection = 'asc' | 'desc';

export interface RecordQuery {
  /** Case-insensitive substring of RequestId, target, action or error code. */
  readonly text: string;
  readonly outcome: OutcomeFilter;
  readonly sortKey: SortKey;
  readonly sortDirection: SortDirection;
}

export const DEFAULT_QUERY: RecordQuery = { text: '', outcome: 'all', sortKey: 'time', sortDirection: 'desc' };

export function queryRecords(records: readonly CallRecord[], query: RecordQuery): CallRecord[] {
  const needle = query.text.trim().toLowerCase();
  const kept = records.filter(
    (record) => (query.outcome === 'all' || record.outcome === query.outcome) && matchesText(record, needle),
  );
  const sign = query.sortDirection === 'asc' ? 1 : -1;
  // Index as the last tie-breaker keeps the sort stable whatever the engine does.
  return kept
    .map((record, index) => ({ record, index }))
    .sort((a, b) => sign * compareBy(query.sortKey, a.record, b.record) || a.index - b.index)
    .map((entry) => entry.record);
}

function matchesText(record: CallRecord, needle: string): boolean {
  if (!needle) {
    return true;
  }
  return [record.requestId, record.target, record.action, record.error?.code].some(
    (field) => field !== undefined && field.toLowerCase().includes(needle),
  );
}

function compareBy(key: SortKey, a: CallRecord, b: CallRecord): number {
  switch (key) {
    case 'time':
      return Date.parse(a.time) - Date.parse(b.time);
    case 'latency':
      return a.latencyMs - b.latencyMs;
    case 'action':
      return compareText(a.action, b.action);
    case 'target':
      return compareText(a.target, b.target);
    case 'outcome':
      return compareText(a.outcome, b.outcome);
    case 'code':
      return compareText(a.error?.code ?? '', b.error?.code ?? '');
    case 'requestId':
      return compareText(a.requestId ?? '', b.requestId ?? '');
  }
}

function compareText(a: string, b: string): number {
  return a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true });
}

/** Clicking a header: a new column sorts descending for time and latency (newest, slowest first), else ascending. */
export function toggleSort(query: RecordQuery, key: SortKey): RecordQuery {
  if (query.sortKey === key) {
    return { ...query, sortDirection: query.sortDirection === 'asc' ? 'desc' : 'asc' };
  }
  return { ...query, sortKey: key, sortDirection: key === 'time' || key === 'latency' ? 'desc' : 'asc' };
}

export function isOutcomeFilter(value: unknown): value is OutcomeFilter {
  return OUTCOME_FILTERS.some((f) => f === value);
}

export function isSortKey(value: unknown): value is SortKey {
  return SORT_KEYS.some((k) => k === value);
}
