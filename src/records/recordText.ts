// How a record reads in the Request History view: label, description, tooltip lines. No VS Code, so the
// wording is unit-tested; the tree item only wraps these strings.

import type { CallRecord } from '../cloud/types';
import type { HistoryRecord } from './historyRecord';

/** `UnbindOutputBucket my-bucket`. */
export function recordLabel(record: CallRecord): string {
  return record.target ? `${record.action} ${record.target}` : record.action;
}

/** `14:03:12 · 0D5B4B5F…`: enough of the RequestId to tell rows apart; the full one is a copy away. */
export function recordDescription(record: CallRecord, formatTime: (iso: string) => string = localTime): string {
  return `${formatTime(record.time)} · ${shortRequestId(record.requestId)}`;
}

export function shortRequestId(requestId: string | undefined): string {
  if (!requestId) {
    return 'no RequestId';
  }
  return requestId.length > 8 ? `${requestId.slice(0, 8)}…` : requestId;
}

/** Every field worth showing, as `name: value` lines, in the order people read them. */
export function recordDetails(record: CallRecord): Array<[string, string]> {
  const lines: Array<[string, string]> = [
    ['Time', record.time],
    ['Outcome', record.outcome],
    ['Action', `${record.product.toUpperCase()} ${record.action}`],
    ['Target', record.target],
    ['Profile', record.profile ?? ''],
    ['Region', record.region],
    ['Endpoint', record.endpoint],
    ['AccessKeyId', record.maskedAccessKeyId ?? ''],
    ['Credential source', record.credential?.source ?? ''],
    ['Assumed role', record.credential?.roleArn ? `${record.credential.roleArn}${record.credential.sessionName ? ` (session ${record.credential.sessionName})` : ''}` : ''],
    ['RequestId', record.requestId ?? ''],
    ['Latency', `${record.latencyMs} ms`],
    ['Attempts', String(record.attempts)],
  ];
  for (const [name, value] of Object.entries(record.params)) {
    lines.push([`Param ${name}`, value]);
  }
  if (record.nonExistPolicyNames?.length) lines.push(['NonExistPolicyNames', record.nonExistPolicyNames.join(', ')]);
  if (record.failedPolicyNames?.length) lines.push(['FailedPolicyNames', record.failedPolicyNames.join(', ')]);
  // The answer was lost and a read settled it: which read, so the audit trail has a RequestId either way.
  if (record.confirmedBy) lines.push(['Confirmed by', `${record.confirmedBy.action} (RequestId ${record.confirmedBy.requestId})`]);
  if (record.error) {
    lines.push(['Error code', record.error.code], ['Error kind', record.error.kind], ['Error message', record.error.message]);
    if (record.error.httpStatus !== undefined) lines.push(['HTTP status', String(record.error.httpStatus)]);
    if (record.error.recommend) lines.push(['Recommend', record.error.recommend]);
    const readBack = record.error.readBack;
    if (readBack) lines.push(['Read-back failed', `${readBack.action}${readBack.requestId ? ` (RequestId ${readBack.requestId})` : ''}: ${readBack.code}`]);
  }
  return lines.filter(([, value]) => value !== '');
}

/** The history view's tooltip: every field as `name: value` lines, after the undo note when there is one. */
export function recordTooltip(record: HistoryRecord): string {
  const lines = recordDetails(record).map(([name, value]) => `${name}: ${value}`);
  const undone = undoneText(record);
  return (undone ? [undone, ...lines] : lines).join('\n');
}

/** `Undone at 2025-01-02T08:00:00.000Z (RequestId 1A2B3C4D-…)`, or undefined for a record nobody undid. */
export function undoneText(record: HistoryRecord): string | undefined {
  return record.undoneBy ? `Undone at ${record.undoneBy.time} (RequestId ${record.undoneBy.requestId})` : undefined;
}

// One formatter for every row: toLocaleTimeString builds a new one per call, which a 5,000-row view feels.
let timeFormat: Intl.DateTimeFormat | undefined;

function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  timeFormat ??= new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: 'numeric', second: 'numeric' });
  return timeFormat.format(date);
}

/**
 * The call's result as the core normalized it: the acknowledgement (RequestId and, for policy changes, the
 * names Alibaba reported back) or the error. The inspector's detail pane shows it as JSON.
 */
export function recordResponse(record: CallRecord): { title: string; body: Record<string, unknown> } {
  if (record.error) {
    const { code, message, kind, httpStatus, recommend } = record.error;
    return {
      title: 'Error',
      body: { Code: code, Message: message, Kind: kind, HttpStatus: httpStatus, Recommend: recommend, RequestId: record.requestId },
    };
  }
  const body: Record<string, unknown> = { RequestId: record.requestId };
  if (record.nonExistPolicyNames) body.NonExistPolicyNames = record.nonExistPolicyNames;
  if (record.failedPolicyNames) body.FailedPolicyNames = record.failedPolicyNames;
  if (record.confirmedBy) body.ConfirmedBy = record.confirmedBy;
  return { title: record.outcome === 'cancelled' ? 'Cancelled' : 'Response', body };
}
