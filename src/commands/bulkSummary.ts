// Text for the end of a bulk revocation: the summary line (the notification's text and the head of the log's
// report) and the per-target report written to the log. In the display language (through @vscode/l10n); the
// log's layout and key tokens (`[profile …]` brackets, `target: `, `RequestId …`, ` — `) stay as they are.

import * as l10n from '@vscode/l10n';
import type { BulkReport } from '../cloud';

/** The head of the summary as a whole sentence, e.g. `Unbound {0} of {1} buckets` (MutationText.done). */
export type BulkHead = (succeeded: number, total: number) => string;

/** What the summary counts. `handedOver`: skipped targets whose call went on for another caller (inFlight.ts). */
export type SummaryCounts = Pick<BulkReport<unknown, unknown>, 'succeeded' | 'failed' | 'skipped' | 'cancelled'> & { readonly handedOver?: number };

/** `Unbound 3 of 4 buckets — 1 failed`, `Unbound 2 of 5 buckets — cancelled, 3 not sent`. */
export function bulkSummary(report: SummaryCounts, head: BulkHead): string {
  const text = head(report.succeeded, report.succeeded + report.failed + report.skipped);
  const handedOver = report.handedOver ?? 0;
  const tail: string[] = [];
  if (report.cancelled) tail.push(l10n.t('cancelled'));
  if (report.failed) tail.push(l10n.t('{0} failed', report.failed));
  if (report.skipped > handedOver) tail.push(l10n.t('{0} not sent', report.skipped - handedOver));
  if (handedOver) tail.push(l10n.t('{0} left to another caller', handedOver));
  return tail.length ? l10n.t('{0} — {1}', text, tail.join(l10n.t(', '))) : text;
}

/** `… (2 only in part)` when some successes did not do all they were asked (FailedPolicyNames). */
export function withPartial(summary: string, partial: number): string {
  return partial ? l10n.t('{0} ({1} only in part)', summary, partial) : summary;
}

export interface TargetLine {
  readonly target: string;
  readonly status: 'succeeded' | 'failed' | 'skipped';
  readonly requestId?: string;
  /** After the RequestId of a success, e.g. `FailedPolicyNames [X]`. */
  readonly note?: string;
  /** One line for people (describeError), for failures; for a skipped target, why it was not waited for. */
  readonly error?: string;
}

/** One line per target, skipped ones included, so the log shows what was never attempted. */
export function bulkReportLines(summary: string, lines: readonly TargetLine[]): string[] {
  return [
    summary,
    ...lines.map((l) => {
      if (l.status === 'succeeded') return `  ${l10n.t('{0}: succeeded', l.target)}${l.requestId ? ` RequestId ${l.requestId}` : ''}${l.note ? ` ${l.note}` : ''}`;
      if (l.status === 'skipped') return `  ${l.error ? l10n.t('{0}: skipped — {1}', l.target, l.error) : l10n.t('{0}: skipped (not sent)', l.target)}`;
      return `  ${l10n.t('{0}: failed — {1}', l.target, l.error ?? l10n.t('unknown error'))}`;
    }),
  ];
}
