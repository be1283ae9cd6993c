// The one way the extension changes the cloud. Revocations from menus, the palette and code, and their undos from
// the history, all run through here, so each gets the same safety and the same trail:
//   endpoint lookup (a problem is logged and nothing is sent) → in-flight check → modal confirmation (UI only) →
//   execution (sendMutationCalls.ts: one call per target at the API's rate limit, cancellable, rows busy, one
//   refresh, a per-target report) → a notification (UI) → the result for callers.

import * as vscode from 'vscode';
import { CloudError, describeError, type Acknowledged, type BulkOutcome } from '../../cloud';
import { siteOf, type Site } from '../../cloud/sites';
import type { ProfileSession } from '../../profiles/profileSessions';
import type { AccountScope, Confirmation, RevocationScope } from '../confirmation';
import type { CommandDeps } from '../deps';
import { inertText } from '../../inertText';
import { notify } from '../notify';
import { withProgressStatus } from '../progressStatus';
import { progressTitle } from '../progressText';
import { failed, resultError, type BulkResult } from '../results';
import { inFlightKey, sendMutationCalls, type Execution, type ExecutionDeps, type MutationResult, type MutationRun } from './sendMutationCalls';
import type { Mutation, MutationTarget } from './mutation';

export type { MutationResult } from './sendMutationCalls';

export interface InteractiveRun<T> extends MutationRun<T> {
  /** Replaces the operation's own confirmation (undo names the request it reverses). */
  readonly confirmation?: (scope: RevocationScope) => Confirmation;
}

/** What the pipeline uses of the commands' deps: the sessions, the UI port, the log, the tree's rows, in-flight calls. */
export type PipelineDeps = ExecutionDeps &
  Pick<CommandDeps, 'sessions' | 'ui' | 'listings'> & { readonly log: ExecutionDeps['log'] & { error(text: string): void; show(): void } };

/** Resolves to undefined when a UI run was declined or refused before anything was sent. */
export async function runMutationCommand<T extends MutationTarget, R extends Acknowledged>(
  deps: PipelineDeps,
  mutation: Mutation<T, R>,
  run: InteractiveRun<T>,
): Promise<MutationResult | undefined> {
  let session: ProfileSession;
  let scope: RevocationScope;
  try {
    session = sessionOf(deps, run.profile);
    const endpoint = session.endpoint(mutation.product);
    // Before the modal, so it names the account and the identities as VOD will be sent them (a RAM user's
    // UserId): an identity that cannot be resolved stops the run here, before anything reaches VOD.
    const prepare = mutation.prepare;
    if (prepare) run = { ...run, targets: await Promise.all(run.targets.map((t) => prepare(session, t, deps.listings))) };
    scope = {
      profile: run.profile,
      region: session.profile.region,
      endpoint,
      account: await accountScope(session),
      credentials: await session.credentialRoute(),
      proxy: session.proxy(mutation.product),
    };
  } catch (e) {
    // Nothing reaches the product, so no CallRecord of it explains this: say it in the log ourselves.
    deps.log.error(vscode.l10n.t('Not sent: {0} [profile {1}]: {2}', mutation.action, run.profile, describeError(e)));
    if (run.interactive) await notify(deps, 'error', mutation.text.notSent(describeError(e)), { ...resultError(e), site: siteOfRun(deps, run) });
    return notSent(mutation, run, e);
  }

  if (!run.interactive) return (await sendMutationCalls(deps, mutation, session, run)).result;

  const running = run.targets.filter((t) => deps.inFlight.has(inFlightKey(mutation, t)));
  if (running.length > 0) {
    void deps.ui.showInformationMessage(inertText(mutation.text.alreadyRunning(running.map((t) => mutation.label(t)).join(', '))));
    return undefined;
  }
  const confirmation = run.confirmation?.(scope) ?? mutation.confirm(scope, run.targets);
  // Targets may be named by the server (found identities): no bidi control may reorder what the modal says.
  const answer = await deps.ui.showWarningMessage(inertText(confirmation.message), { modal: true, detail: inertText(confirmation.detail) }, confirmation.accept);
  if (answer !== confirmation.accept) return undefined;

  const execution = run.targets.length === 1 ? await sendMutationCalls(deps, mutation, session, run) : await withProgress(deps, mutation, session, run);
  await notifyOutcome(deps, mutation, run, execution);
  return execution.result;
}

/**
 * The account the change would happen in, for the modal. Asking also labels the run's CallRecords with the
 * account id (the session's clients read it), which undo later compares.
 */
export async function accountScope(session: ProfileSession): Promise<AccountScope> {
  const caller = await session.caller();
  if (!caller) return { unknown: vscode.l10n.t('no AccessKey is configured for this profile') };
  if (caller.status === 'loaded') return { accountId: caller.value.accountId, arn: caller.value.arn };
  if (caller.status === 'failed') return { unknown: vscode.l10n.t('GetCallerIdentity failed: {0}', caller.error.code) };
  return { unknown: vscode.l10n.t('GetCallerIdentity did not answer') };
}

function sessionOf(deps: PipelineDeps, profile: string): ProfileSession {
  const session = deps.sessions.get(profile);
  if (!session) {
    throw new CloudError({ kind: 'invalid-input', code: 'UnknownProfile', message: `Profile "${profile}" is not configured.`, retryable: false });
  }
  return session;
}

/** Several targets from the UI: a cancellable notification counting settled targets. */
function withProgress<T extends MutationTarget, R extends Acknowledged>(
  deps: PipelineDeps,
  mutation: Mutation<T, R>,
  session: ProfileSession,
  run: MutationRun<T>,
): Thenable<Execution<T, R>> {
  return deps.ui.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: mutation.text.running(run.targets.length, run.profile),
      cancellable: true,
    },
    async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      // The notification can be hidden; the status-bar item stays in sight until the run ends, and a click cancels.
      const status = progressTitle(mutation.text.busy());
      try {
        return await withProgressStatus(status, run.targets.length, () => controller.abort(), (report, finishing) =>
          sendMutationCalls(deps, mutation, session, run, {
            signal: controller.signal,
            onSettled: (_o: BulkOutcome<T, R>, done: number, total: number) => {
              progress.report({ increment: 100 / total, message: vscode.l10n.t('{0} of {1}', done, total) });
              report(done);
            },
            // After a cancel the run still waits for what went out, so the outcomes it reports are the server's.
            onFinishing: (running: number) => {
              progress.report({ message: vscode.l10n.t('finishing {0} calls already sent…', running) });
              finishing(running);
            },
          }),
        );
      } finally {
        cancel.dispose();
      }
    },
  );
}

async function notifyOutcome<T extends MutationTarget, R extends Acknowledged>(
  deps: PipelineDeps,
  mutation: Mutation<T, R>,
  run: MutationRun<T>,
  execution: Execution<T, R>,
): Promise<void> {
  const result = execution.result;
  if (execution.summary !== undefined) {
    const bulk = result as BulkResult<Readonly<Record<string, unknown>>>;
    const firstFailure = bulk.results.find((r) => r.status === 'failed');
    await notify(deps, bulk.ok ? 'info' : bulk.succeeded > 0 ? 'warning' : 'error', execution.summary, {
      requestId: firstFailure?.requestId,
      recommend: firstFailure?.error?.recommend,
      site: siteOfRun(deps, run),
    });
    return;
  }
  const outcome = execution.outcomes[0];
  const success = execution.successes[0];
  if (outcome?.status === 'succeeded' && success) {
    const { requestId, confirmedBy } = outcome.result;
    const text = confirmedBy
      ? vscode.l10n.t('{0} (answer lost; confirmed by {1}, RequestId {2})', success.text, confirmedBy.action, confirmedBy.requestId)
      : success.text;
    await notify(deps, success.partial || success.warn ? 'warning' : 'info', vscode.l10n.t('{0} (profile {1}). RequestId {2}', text, run.profile, requestId), { requestId, trail: true });
  } else if (outcome?.status === 'failed') {
    const text = mutation.text.failed(mutation.label(outcome.target), describeError(outcome.error));
    await notify(deps, 'error', text, { ...resultError(outcome.error), site: siteOfRun(deps, run) });
  }
}

/** The run's profile's site, for the Troubleshoot button (undefined if the profile went meanwhile). */
function siteOfRun(deps: PipelineDeps, run: { readonly profile: string }): Site | undefined {
  const session = deps.sessions.peek(run.profile);
  return session && siteOf(session.profile);
}

/** Nothing was sent (no session, no endpoint): every target says so. */
function notSent<T extends MutationTarget, R extends Acknowledged>(mutation: Mutation<T, R>, run: MutationRun<T>, thrown: unknown): MutationResult {
  const error = failed(thrown).error;
  if (run.targets.length === 1 && !run.bulk) return { ...mutation.fields(run.targets[0] as T), ok: false, error };
  return {
    ok: false,
    profile: run.profile,
    cancelled: false,
    succeeded: 0,
    failed: run.targets.length,
    skipped: 0,
    results: run.targets.map((t) => ({ ...mutation.fields(t), status: 'failed' as const, error })),
  };
}
