// How a record reads in the Request History view and the inspector: label, description, tooltip lines. No VS
// Code (the webview bundles this too), so the words come in as a RecordWords table, worded in the display language
// by the extension (webview/inspectorWords.ts) and handed to the webview with its page. API action names, parameter
// names (RequestId, AccessKeyId, NonExistPolicyNames…) and the recorded values stay as they are in every language.

import type { CallRecord } from '../cloud/types';
import type { HistoryRecord } from './historyRecord';

/** A record's words: field names and templates with `{0}`-style placeholders (filled by fillIn). Plain data. */
export interface RecordWords {
  readonly time: string;
  readonly outcome: string;
  readonly action: string;
  readonly target: string;
  readonly profile: string;
  readonly region: string;
  readonly endpoint: string;
  readonly credentialSource: string;
  readonly assumedRole: string;
  /** `{0} (session {1})`: the role's ARN and the session name. */
  readonly withSession: string;
  readonly latency: string;
  readonly attempts: string;
  /** `Param {0}` */
  readonly param: string;
  readonly confirmedBy: string;
  /** `{0} (RequestId {1})` */
  readonly withRequestId: string;
  readonly errorCode: string;
  readonly errorKind: string;
  readonly errorMessage: string;
  readonly httpStatus: string;
  readonly readBackFailed: string;
  readonly noRequestId: string;
  /** `Undone at {0} (RequestId {1})` */
  readonly undone: string;
  readonly responseError: string;
  readonly responseCancelled: string;
  readonly response: string;
}

/** `{0}`, `{1}` in a template replaced by the arguments, as vscode.l10n.t does; unknown ones are left as they are. */
export function fillIn(template: string, ...args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

/** `UnbindOutputBucket my-bucket`. */
export function recordLabel(record: CallRecord): string {
  return record.target ? `${record.action} ${record.target}` : record.action;
}

/** `14:03:12 · 0D5B4B5F…`: enough of the RequestId to tell rows apart; the full one is a copy away. */
export function recordDescription(record: CallRecord, words: RecordWords, formatTime: (iso: string) => string = localTime): string {
  return `${formatTime(record.time)} · ${shortRequestId(record.requestId, words)}`;
}

export function shortRequestId(requestId: string | undefined, words: RecordWords): string {
  if (!requestId) {
    return words.noRequestId;
  }
  return requestId.length > 8 ? `${requestId.slice(0, 8)}…` : requestId;
}

/** Every field worth showing, as `name: value` lines, in the order people read them. */
export function recordDetails(record: CallRecord, words: RecordWords): Array<[string, string]> {
  const lines: Array<[string, string]> = [
    [words.time, record.time],
    [words.outcome, record.outcome],
    [words.action, `${record.product.toUpperCase()} ${record.action}`],
    [words.target, record.target],
    [words.profile, record.profile ?? ''],
    [words.region, record.region],
    [words.endpoint, record.endpoint],
    ['AccessKeyId', record.maskedAccessKeyId ?? ''],
    [words.credentialSource, record.credential?.source ?? ''],
    [words.assumedRole, assumedRole(record, words)],
    ['RequestId', record.requestId ?? ''],
    [words.latency, `${record.latencyMs} ms`],
    [words.attempts, String(record.attempts)],
  ];
  for (const [name, value] of Object.entries(record.params)) {
    lines.push([fillIn(words.param, name), value]);
  }
  if (record.nonExistPolicyNames?.length) lines.push(['NonExistPolicyNames', record.nonExistPolicyNames.join(', ')]);
  if (record.failedPolicyNames?.length) lines.push(['FailedPolicyNames', record.failedPolicyNames.join(', ')]);
  // The answer was lost and a read settled it: which read, so the audit trail has a RequestId either way.
  if (record.confirmedBy) lines.push([words.confirmedBy, fillIn(words.withRequestId, record.confirmedBy.action, record.confirmedBy.requestId)]);
  if (record.error) {
    lines.push([words.errorCode, record.error.code], [words.errorKind, record.error.kind], [words.errorMessage, record.error.message]);
    if (record.error.httpStatus !== undefined) lines.push([words.httpStatus, String(record.error.httpStatus)]);
    if (record.error.recommend) lines.push(['Recommend', record.error.recommend]);
    const readBack = record.error.readBack;
    if (readBack) {
      const action = readBack.requestId ? fillIn(words.withRequestId, readBack.action, readBack.requestId) : readBack.action;
      lines.push([words.readBackFailed, `${action}: ${readBack.code}`]);
    }
  }
  return lines.filter(([, value]) => value !== '');
}

/** `acs:ram::…:role/ops (session vscode-demo)`, or '' when no role signed. */
function assumedRole(record: CallRecord, words: RecordWords): string {
  const c = record.credential;
  if (!c?.roleArn) return '';
  return c.sessionName ? fillIn(words.withSession, c.roleArn, c.sessionName) : c.roleArn;
}

/** The history view's tooltip: every field as `name: value` lines, after the undo note when there is one. */
export function recordTooltip(record: HistoryRecord, words: RecordWords): string {
  const lines = recordDetails(record, words).map(([name, value]) => `${name}: ${value}`);
  const undone = undoneText(record, words);
  return (undone ? [undone, ...lines] : lines).join('\n');
}

/** `Undone at 2025-01-02T08:00:00.000Z (RequestId 1A2B3C4D-…)`, or undefined for a record nobody undid. */
export function undoneText(record: HistoryRecord, words: RecordWords): string | undefined {
  return record.undoneBy ? fillIn(words.undone, record.undoneBy.time, record.undoneBy.requestId) : undefined;
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
export function recordResponse(record: CallRecord, words: RecordWords): { title: string; body: Record<string, unknown> } {
  if (record.error) {
    const { code, message, kind, httpStatus, recommend } = record.error;
    return {
      title: words.responseError,
      body: { Code: code, Message: message, Kind: kind, HttpStatus: httpStatus, Recommend: recommend, RequestId: record.requestId },
    };
  }
  const body: Record<string, unknown> = { RequestId: record.requestId };
  if (record.nonExistPolicyNames) body.NonExistPolicyNames = record.nonExistPolicyNames;
  if (record.failedPolicyNames) body.FailedPolicyNames = record.failedPolicyNames;
  if (record.confirmedBy) body.ConfirmedBy = record.confirmedBy;
  return { title: record.outcome === 'cancelled' ? words.responseCancelled : words.response, body };
}
