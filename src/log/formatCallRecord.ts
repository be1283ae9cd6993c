// One log line per CallRecord. Log text is deliberately not localized: people paste it into support tickets.

import type { CallRecord } from '../cloud';
// Server-supplied text on one line: the core already cleans it, but a record may come from an older history, and
// a newline in a log line would let a server forge the lines after it.
import { oneLine } from '../cloud/redact';

export type LogLevel = 'info' | 'warn' | 'error';

export interface FormattedCall {
  readonly level: LogLevel;
  readonly text: string;
}

function attempts(n: number): string {
  return n === 1 ? '1 attempt' : `${n} attempts`;
}

function names(list: readonly string[]): string {
  return `[${list.map(oneLine).join(', ')}]`;
}

/** `unknown` alone would read oddly in "… unknown in 12 ms". */
function outcomeText(record: CallRecord): string {
  return record.outcome === 'unknown' ? 'outcome unknown' : record.outcome;
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
  return oneLine(value).replace(/\s+/g, '_');
}

/**
 * `UnbindOutputBucket media-output-demo [profile demo, cn-shanghai] succeeded in 23 ms (1 attempt) RequestId …
 * AccessKeyId LTAI****abcd Source keychain`.
 * Failures add Code, HTTP status, Message and Recommend; detaches add the policy lists the server returned.
 */
export function formatCallRecord(record: CallRecord): FormattedCall {
  const where = record.profile !== undefined ? `[profile ${record.profile}, ${record.region}]` : `[${record.region}]`;
  let text = `${record.action} ${oneLine(record.target)} ${where} ${outcomeText(record)} in ${record.latencyMs} ms (${attempts(record.attempts)})`;
  if (record.requestId) text += ` RequestId ${oneLine(record.requestId)}`;
  // Only records that name their source: older history keeps its old lines.
  if (record.credential) text += ` ${formatSigner(record)}`;

  let level: LogLevel = record.outcome === 'succeeded' ? 'info' : record.outcome === 'cancelled' ? 'warn' : 'error';
  const details: string[] = [];
  if (record.confirmedBy) {
    // The write's answer was lost; the read that showed it had taken effect is the evidence.
    details.push(`answer lost, confirmed by ${record.confirmedBy.action} RequestId ${oneLine(record.confirmedBy.requestId)}`);
  }
  const error = record.error;
  if (error) {
    details.push(`Code ${oneLine(error.code)}`);
    if (error.httpStatus !== undefined) details.push(`HTTP ${error.httpStatus}`);
    details.push(`Message "${oneLine(error.message)}"`);
    if (error.recommend) details.push(`Recommend ${oneLine(error.recommend)}`);
    if (error.readBack) {
      const read = error.readBack;
      details.push(`read-back ${read.action} failed (Code ${oneLine(read.code)}) RequestId ${read.requestId ? oneLine(read.requestId) : 'none'}`);
      details.push(`${record.action} RequestId ${record.requestId ? oneLine(record.requestId) : 'none'}`);
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
  return `  ${record.product.toUpperCase()} ${record.endpoint}${key} params: ${params || '(none)'}`;
}
