// Whether a revocation was overtaken: a later call changed the same thing again (revoked it again, or undid it),
// in this window or another (the history is every window's). Undoing it then would re-grant what was revoked
// later, the worst outcome an undo can have, so undo refuses (undoPlan.ts reads `supersededBy`). No VS Code, no I/O.

import type { CallRecord } from '../cloud/types';
import type { HistoryRecord } from '../records/historyRecord';
import type { UndoableRecord } from './undoPlan';

/** Actions that change access, in pairs: a revocation and the undo that reverses it change the same object. */
const CHANGE = /^(?:Unbind|Bind|Detach|Attach)(.+?)(?:(?:From|To)Identity)?$/;

/** The call that changed the record's target after it, if any, as data for the undo plan. */
export function withLaterChange(records: readonly HistoryRecord[], record: HistoryRecord): UndoableRecord {
  const later = laterChange(records, record);
  if (!later) return record;
  return { ...record, supersededBy: { action: later.action, time: later.time, ...(later.requestId ? { requestId: later.requestId } : {}) } };
}

/**
 * The newest call that started after `record` and changed the same target: same product, endpoint and object
 * (an output bucket, an identity's app policies), and for policies at least one name in common. Calls that failed
 * or were cancelled changed nothing; one whose outcome is unknown may have, so it counts.
 */
export function laterChange(records: readonly HistoryRecord[], record: CallRecord): HistoryRecord | undefined {
  const key = changeKey(record);
  if (!key) return undefined;
  const since = Date.parse(record.time);
  const names = policyNames(record);
  let newest: HistoryRecord | undefined;
  for (const other of records) {
    if (other.id === record.id || (other.outcome !== 'succeeded' && other.outcome !== 'unknown')) continue;
    if (Date.parse(other.time) <= since || changeKey(other) !== key) continue;
    const otherNames = policyNames(other);
    if (names.size && otherNames.size && ![...otherNames].some((name) => names.has(name))) continue;
    if (!newest || Date.parse(other.time) > Date.parse(newest.time)) newest = other;
  }
  return newest;
}

/**
 * The ids of the records (newest first, as the history lists them) that a later record overtook, by the rule of
 * laterChange, in one pass: for the Request History view, which must not offer Undo on them.
 */
export function overtakenIds(newestFirst: readonly HistoryRecord[]): Set<string> {
  const overtaken = new Set<string>();
  const changes = new Map<string, { readonly time: number; readonly names: Set<string> }[]>();
  for (const record of newestFirst) {
    const key = changeKey(record);
    if (!key) continue;
    const time = Date.parse(record.time);
    const names = policyNames(record);
    const later = changes.get(key) ?? [];
    if (later.some((c) => c.time > time && (!names.size || !c.names.size || [...c.names].some((name) => names.has(name))))) overtaken.add(record.id);
    if (record.outcome === 'succeeded' || record.outcome === 'unknown') changes.set(key, [...later, { time, names }]);
  }
  return overtaken;
}

/** What a change touches, the same for a revocation and its undo: `mps|endpoint|OutputBucket|Bucket=media-out`. */
function changeKey(record: CallRecord): string | undefined {
  const match = CHANGE.exec(record.action);
  if (!match) return undefined;
  const object = match[1];
  const params = Object.entries(record.params)
    .filter(([name]) => name !== 'PolicyNames')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  return `${record.product}|${record.endpoint}|${object}|${params}`;
}

function policyNames(record: CallRecord): Set<string> {
  return new Set((record.params.PolicyNames ?? '').split(',').map((name) => name.trim()).filter(Boolean));
}
