// One log line per CallRecord. People grep the log and paste it into support tickets, so its layout and every key
// token are the same in every language: the action, the target, the `[profile …, region]` brackets, the ` — `
// separator, the `, ` between details and each `key value` pair (`RequestId …`, `AccessKeyId …`, `Source …`,
// `Role …`, `Session …`, `Code …`, `HTTP …`, `Message "…"`, `Recommend …`, `NonExistPolicyNames […]`,
// `FailedPolicyNames […]`), so `grep "RequestId 0D5B…"` and `grep "Code Forbidden.RAM"` work in any display
// language. Only the fixed words between them follow the display language (through @vscode/l10n): the outcome,
// `in 23 ms`, `(1 attempt)`, `profile`, `answer lost, confirmed by`, `read-back … failed`, `none`.

import * as l10n from '@vscode/l10n';
import type { CallRecord } from '../cloud';
// Server-supplied text on one line, its control characters shown escaped: the core already cleans messages, but
// names are as listed and a record may come from an older history, and a newline in a log line would let a server
// forge the lines after it.
import { escapeControls } from '../inertText';

export type LogLevel = 'info' | 'warn' | 'error';

export interface FormattedCall {
  readonly level: LogLevel;
  readonly text: string;
}

function attempts(n: number): string {
  return n === 1 ? l10n.t('(1 attempt)') : l10n.t('({0} attempts)', n);
}

function names(list: readonly string[]): string {
  return `[${list.map(escapeControls).join(', ')}]`;
}

/** `unknown` alone would read oddly in "… unknown in 12 ms". */
function outcomeText(record: CallRecord): string {
  switch (record.outcome) {
    case 'succeeded':
      return l10n.t('succeeded');
    case 'failed':
      return l10n.t('failed');
    case 'cancelled':
      return l10n.t('cancelled');
    default:
      return l10n.t('outcome unknown');
  }
}

/** A RequestId after its key, or the word for none. */
function requestIdOrNone(requestId: string | undefined): string {
  return requestId ? escapeControls(requestId) : l10n.t('none');
}

/**
 * Who signed: `AccessKeyId LTAI****abcd Source keychain`, and for an assumed role `… Role acs:ram::…:role/ops Session
 * vscode-demo`. Key-value pairs of single words, like `RequestId …`, so `grep "Source aliyun-cli:dev"` finds a
 * profile's calls. Empty when the record predates credential sources and has no key.
 */
export function formatSigner(record: CallRecord): string {
  const parts: string[] = [];
  if (record.maskedAccessKeyId) parts.push(`AccessKeyId ${word(record.maskedAccessKeyId)}`);
  const c = record.credential;
  if (c) {
    parts.push(`Source ${word(c.source)}`);
    if (c.roleArn) parts.push(`Role ${word(c.roleArn)}`);
    if (c.sessionName) parts.push(`Session ${word(c.sessionName)}`);
  }
  return parts.join(' ');
}

/** One token: a value with a space in it would break the key-value reading of the line. */
function word(value: string): string {
  return escapeControls(value).replace(/\s+/g, '_');
}

/**
 * `UnbindOutputBucket media-output-demo [profile demo, cn-shanghai] succeeded in 23 ms (1 attempt) RequestId …
 * AccessKeyId LTAI****abcd Source keychain`.
 * Failures add Code, HTTP status, Message and Recommend; detaches add the policy lists the server returned.
 */
export function formatCallRecord(record: CallRecord): FormattedCall {
  const where = record.profile !== undefined ? l10n.t('[profile {0}, {1}]', record.profile, record.region) : `[${record.region}]`;
  let text = `${record.action} ${escapeControls(record.target)} ${where} ${l10n.t('{0} in {1} ms {2}', outcomeText(record), record.latencyMs, attempts(record.attempts))}`;
  if (record.requestId) text += ` RequestId ${escapeControls(record.requestId)}`;
  // Only records that name their source: older history keeps its old lines.
  if (record.credential) text += ` ${formatSigner(record)}`;

  let level: LogLevel = record.outcome === 'succeeded' ? 'info' : record.outcome === 'cancelled' ? 'warn' : 'error';
  const details: string[] = [];
  if (record.confirmedBy) {
    // The write's answer was lost; the read that showed it had taken effect is the evidence.
    details.push(l10n.t('answer lost, confirmed by {0} RequestId {1}', record.confirmedBy.action, escapeControls(record.confirmedBy.requestId)));
  }
  const error = record.error;
  if (error) {
    details.push(`Code ${escapeControls(error.code)}`);
    if (error.httpStatus !== undefined) details.push(`HTTP ${error.httpStatus}`);
    details.push(`Message "${escapeControls(error.message)}"`);
    if (error.recommend) details.push(`Recommend ${escapeControls(error.recommend)}`);
    if (error.readBack) {
      const read = error.readBack;
      details.push(l10n.t('read-back {0} failed (Code {1}) RequestId {2}', read.action, escapeControls(read.code), requestIdOrNone(read.requestId)));
      details.push(`${record.action} RequestId ${requestIdOrNone(record.requestId)}`);
    }
  }
  if (record.nonExistPolicyNames !== undefined || record.failedPolicyNames !== undefined) {
    const failed = record.failedPolicyNames ?? [];
    details.push(`NonExistPolicyNames ${names(record.nonExistPolicyNames ?? [])}`, `FailedPolicyNames ${names(failed)}`);
    // The call succeeded but some policies stayed attached: worth a warning, not an info line.
    if (failed.length > 0 && level === 'info') level = 'warn';
  }
  if (details.length > 0) text += ` — ${details.join(', ')}`;
  return { level, text };
}

/** Debug-level detail: what was sent (the action's own parameters only; the core never records signing ones). */
export function formatCallDetail(record: CallRecord): string {
  const params = Object.entries(record.params)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  const key = record.maskedAccessKeyId ? ` AccessKeyId ${record.maskedAccessKeyId}` : '';
  return `  ${record.product.toUpperCase()} ${record.endpoint}${key} ${l10n.t('params: {0}', params || l10n.t('(none)'))}`;
}
