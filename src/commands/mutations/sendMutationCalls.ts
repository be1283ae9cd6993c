// The part of the pipeline that needs no VS Code: send one call per target through the core's bulk runner (joining
// identical calls in flight, rows busy meanwhile), reload the affected rows once, and turn the outcomes into the
// result object and the per-target report. mutationCommand.ts wraps it with the modal, progress and notifications;
// the bench drives it directly.
//
// A cancel stops what has not gone out (reported "not sent"); calls on the wire finish or are settled by
// read-back, and the run waits for them (onFinishing), so every target's outcome is the server's. A joined call
// is waited for under this run's cancel but runs under none (inFlight.ts).

import * as l10n from '@vscode/l10n';
import { describeError, runBulk, type Acknowledged, type BulkOptions, type BulkOutcome } from '../../cloud';
import type { ProfileSession } from '../../profiles/profileSessions';
import type { RowRef } from '../../tree/rowRef';
import { bulkReportLines, bulkSummary, withPartial } from '../bulkSummary';
import { InFlightCalls, STOPPED_WAITING } from '../inFlight';
import { resultError, type BulkResult, type Failed, type TargetOutcome } from '../results';
import type { Mutation, MutationTarget, SuccessReport } from './mutation';

/** What execution touches besides the session: narrow, so the bench can supply it without VS Code. */
export interface ExecutionDeps {
  readonly inFlight: InFlightCalls;
  readonly tree: { markBusy(ref: RowRef, label: string | undefined): void; refreshRows(refs: readonly RowRef[]): void };
  /** A bulk report is several lines, given as such so the log can escape each (log/callLog.ts). */
  readonly log: { info(lines: readonly string[]): void; warn(lines: readonly string[]): void };
}

export interface MutationRun<T> {
  readonly profile: string;
  /** Distinct targets, all of `profile`. */
  readonly targets: readonly T[];
  /** From the UI: refuse what is already running, confirm first, show progress and a notification. */
  readonly interactive: boolean;
  /** Return the per-target (bulk) shape even for one target. */
  readonly bulk: boolean;
}

export type SingleResult = Readonly<Record<string, unknown>> & ({ readonly ok: true; readonly requestId: string } | Failed);
export type MutationResult = SingleResult | BulkResult<Readonly<Record<string, unknown>>>;

export interface Execution<T, R> {
  readonly outcomes: readonly BulkOutcome<T, R>[];
  readonly successes: readonly (SuccessReport | undefined)[];
  readonly result: MutationResult;
  /** How many successes did not do all they were asked (FailedPolicyNames). */
  readonly partial: number;
  /** Bulk only: the notification's text, the head of the log's report. */
  readonly summary?: string;
}

export type ExecutionOptions<T, R> = Pick<BulkOptions<T, R>, 'signal' | 'onSettled' | 'onFinishing'>;

export function inFlightKey<T extends MutationTarget>(mutation: Mutation<T, Acknowledged>, target: T): string {
  return InFlightCalls.key(target.profile, mutation.action, mutation.key(target));
}

export async function sendMutationCalls<T extends MutationTarget, R extends Acknowledged>(
  deps: ExecutionDeps,
  mutation: Mutation<T, R>,
  session: ProfileSession,
  run: MutationRun<T>,
  options: ExecutionOptions<T, R> = {},
): Promise<Execution<T, R>> {
  const report = await runBulk<T, R>(run.targets, (target, signal) => sendOne(deps, mutation, session, target, signal), options);
  deps.tree.refreshRows(run.targets.map((t) => mutation.rows(t)));
  const successes = report.outcomes.map((o) => (o.status === 'succeeded' ? successOf(mutation, o.target, o.result) : undefined));
  const settled = report.outcomes.map((o, i) => settle(mutation, o, successes[i]));
  const ownLines = successes.flatMap((s) => (s?.logLine ? [s.logLine] : []));
  if (ownLines.length > 0) deps.log.info(ownLines);

  const only = settled[0];
  if (settled.length === 1 && only && !run.bulk) {
    const { status: _status, ...rest } = only;
    const result: SingleResult =
      only.status === 'succeeded' ? { ...rest, ok: true, requestId: only.requestId as string } : { ...rest, ok: false, error: only.error ?? resultError(new Error('not sent')) };
    return { outcomes: report.outcomes, successes, result, partial: 0 };
  }

  const partial = successes.filter((s) => s?.partial).length;
  const result: BulkResult<Readonly<Record<string, unknown>>> = {
    ok: report.failed === 0 && report.skipped === 0 && partial === 0,
    profile: run.profile,
    cancelled: report.cancelled,
    succeeded: report.succeeded,
    failed: report.failed,
    skipped: report.skipped,
    results: settled,
  };
  const handedOver = report.outcomes.filter((o) => o.status === 'skipped' && o.reason?.code === STOPPED_WAITING).length;
  const summary = withPartial(bulkSummary({ ...report, handedOver }, mutation.text.done), partial);
  const lines = bulkReportLines(
    l10n.t('{0} [profile {1}]', summary, run.profile),
    report.outcomes.map((o, i) => ({
      target: mutation.label(o.target),
      status: o.status,
      ...(o.status === 'succeeded' ? { requestId: o.result.requestId, note: successes[i]?.logNote } : {}),
      ...(o.status === 'failed' ? { error: describeError(o.error) } : {}),
      ...(o.status === 'skipped' && o.reason?.code === STOPPED_WAITING ? { error: o.reason.message } : {}),
    })),
  );
  deps.log[result.ok ? 'info' : 'warn'](lines);
  return { outcomes: report.outcomes, successes, result, partial, summary };
}

/** The operation's own account of a success, plus the read-back that settled it when its answer was lost. */
function successOf<T extends MutationTarget, R extends Acknowledged>(mutation: Mutation<T, R>, target: T, result: R): SuccessReport {
  const report = mutation.succeeded(target, result);
  const confirmed = result.confirmedBy;
  if (!confirmed) return report;
  // The notification adds its own words for this (mutationCommand.ts), from fields.confirmedBy.
  return {
    ...report,
    fields: { ...report.fields, confirmedBy: { ...confirmed } },
    logNote: [report.logNote, l10n.t('(confirmed by {0}, RequestId {1})', confirmed.action, confirmed.requestId)].filter(Boolean).join(' '),
  };
}

/** One target: joins an identical call in flight, otherwise marks its rows busy for the length of the call. */
function sendOne<T extends MutationTarget, R extends Acknowledged>(
  deps: ExecutionDeps,
  mutation: Mutation<T, R>,
  session: ProfileSession,
  target: T,
  signal: AbortSignal,
): Promise<R> {
  // The call runs under its own signal (aborted only when no caller waits any more); this run waits under `signal`.
  const call = async (callSignal: AbortSignal) => {
    const rows = mutation.rows(target);
    deps.tree.markBusy(rows, mutation.text.busy());
    try {
      return await mutation.send(session, target, callSignal);
    } finally {
      deps.tree.markBusy(rows, undefined);
    }
  };
  return deps.inFlight.run(inFlightKey(mutation, target), call, signal).promise;
}

function settle<T extends MutationTarget, R extends Acknowledged>(
  mutation: Mutation<T, R>,
  o: BulkOutcome<T, R>,
  success: SuccessReport | undefined,
): TargetOutcome<Readonly<Record<string, unknown>>> {
  const fields = mutation.fields(o.target);
  if (o.status === 'succeeded') return { ...fields, ...success?.fields, status: 'succeeded', requestId: o.result.requestId };
  if (o.status === 'failed') {
    const error = resultError(o.error);
    return { ...fields, status: 'failed', error, ...(error.requestId ? { requestId: error.requestId } : {}) };
  }
  // Why a started call was not waited for; a plain "not sent" needs no error.
  return { ...fields, status: 'skipped', ...(o.reason?.code === STOPPED_WAITING ? { error: resultError(o.reason) } : {}) };
}
