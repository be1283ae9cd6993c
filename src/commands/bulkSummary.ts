// Text for the end of a bulk revocation: the notification line and the per-target report written to the log.

import type { BulkReport } from '../cloud';

export interface BulkWording {
  /** Past tense: "Unbound", "Detached policies from". */
  readonly done: string;
  /** Plural noun: "buckets", "identities". */
  readonly nouns: string;
}

/** `Unbound 3 of 4 buckets — 1 failed`, `Unbound 2 of 5 buckets — cancelled, 3 skipped`. */
export function bulkSummary(report: Pick<BulkReport<unknown, unknown>, 'succeeded' | 'failed' | 'skipped' | 'cancelled'>, wording: BulkWording): string {
  const total = report.succeeded + report.failed + report.skipped;
  const head = `${wording.done} ${report.succeeded} of ${total} ${wording.nouns}`;
  const tail: string[] = [];
  if (report.cancelled) tail.push('cancelled');
  if (report.failed) tail.push(`${report.failed} failed`);
  if (report.skipped) tail.push(`${report.skipped} skipped`);
  return tail.length ? `${head} — ${tail.join(', ')}` : head;
}

export interface TargetLine {
  readonly target: string;
  readonly status: 'succeeded' | 'failed' | 'skipped';
  readonly requestId?: string;
  /** After the RequestId of a success, e.g. `FailedPolicyNames [X]`. */
  readonly note?: string;
  /** One line for people (describeError), for failures. */
  readonly error?: string;
}

/** One line per target, skipped ones included, so the log shows what was never attempted. */
export function bulkReportLines(summary: string, lines: readonly TargetLine[]): string[] {
  return [
    summary,
    ...lines.map((l) => {
      if (l.status === 'succeeded') return `  ${l.target}: succeeded${l.requestId ? ` RequestId ${l.requestId}` : ''}${l.note ? ` ${l.note}` : ''}`;
      if (l.status === 'skipped') return `  ${l.target}: skipped (not sent)`;
      return `  ${l.target}: failed — ${l.error ?? 'unknown error'}`;
    }),
  ];
}
