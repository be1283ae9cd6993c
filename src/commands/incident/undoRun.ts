// Undo of a whole Revoke All Media Access run (#21), from its one history entry: every step the run confirmed is
// given back with its own twin, after the same checks a single undo makes (profile still there, same region,
// endpoint and key or role per product, same account), under ONE confirmation, and reported per step in the log,
// the notification and the result. A step that cannot be undone (failed, already undone, overtaken, gone from the
// history) is named with its reason and left alone. Undoing one step alone stays possible from its own record.

import * as vscode from 'vscode';
import { describeError, maskAccessKeyId } from '../../cloud';
import { withLaterChange } from '../../history/laterChange';
import { accountRefusal, refusalText, undoRefusal } from '../../history/undoChecks';
import { planUndo, type UndoPlan, type UndoableRecord } from '../../history/undoPlan';
import { planUndoSet, runStepRequestIds } from '../../history/undoSet';
import { inertText } from '../../inertText';
import { confirmationWords } from '../confirmationWords';
import { scopeLines, undoConfirmation } from '../confirmation';
import type { CommandDeps } from '../deps';
import { REVOCATIONS } from '../mutations/operations';
import { accountScope } from '../mutations/mutationCommand';

export interface UndoRunStep {
  readonly requestId: string;
  readonly action?: string;
  readonly status: 'undone' | 'failed' | 'left';
  readonly undoRequestId?: string;
  readonly reason?: string;
}

export interface UndoRunResult {
  readonly ok: boolean;
  readonly undone: number;
  readonly failed: number;
  readonly left: number;
  readonly steps: readonly UndoRunStep[];
  readonly reason?: string;
}

export async function undoRun(deps: CommandDeps, runId: string, interactive: boolean): Promise<UndoRunResult> {
  const refuse = (reason: string): UndoRunResult => {
    if (interactive) void deps.ui.showInformationMessage(inertText(reason));
    return { ok: false, undone: 0, failed: 0, left: 0, steps: [], reason };
  };
  await deps.history.refresh();
  const records = deps.history.records();
  const run = records.find((r) => r.id === runId);
  if (!run) return refuse(vscode.l10n.t('That request is no longer in the history.'));
  const wanted = new Set(runStepRequestIds(run));
  const current = (): UndoableRecord[] => deps.history.records().filter((r) => r.requestId && wanted.has(r.requestId)).map((r) => withLaterChange(deps.history.records(), r));
  const set = planUndoSet(run, current());
  const session = run.profile ? deps.sessions.get(run.profile) : undefined;
  if (!session) return refuse(vscode.l10n.t('Profile "{0}" no longer exists.', run.profile ?? '?'));

  // The checks of a single undo, per step (VOD and RAM have their own endpoints); the account once.
  const steps: UndoRunStep[] = [];
  const ready: { plan: UndoPlan; record: UndoableRecord }[] = [];
  let accessKeyId: string | undefined;
  try {
    accessKeyId = await session.accessKeyId();
  } catch (e) {
    return refuse(vscode.l10n.t('Cannot undo: {0}', describeError(e)));
  }
  const account = await accountScope(session);
  for (const s of set.steps) {
    if (!('plan' in s.decision)) {
      const reason = 'missing' in s.decision ? vscode.l10n.t('That request is no longer in the history.') : refusalText(s.decision.refusal, confirmationWords);
      steps.push({ requestId: s.requestId, ...(s.record ? { action: s.record.action } : {}), status: 'left', reason });
      continue;
    }
    const plan = s.decision.plan;
    let endpoint: string;
    try {
      endpoint = session.endpoint(plan.product);
    } catch (e) {
      steps.push({ requestId: s.requestId, action: plan.action, status: 'left', reason: describeError(e) });
      continue;
    }
    const role = session.profile.assumeRole?.roleArn ?? session.signingOrigin()?.roleArn;
    const refusal = undoRefusal(plan, { region: session.profile.region, endpoint, ...(accessKeyId ? { maskedAccessKeyId: maskAccessKeyId(accessKeyId) } : {}), ...(role ? { roleArn: role } : {}) })
      ?? accountRefusal(plan, 'accountId' in account ? { accountId: account.accountId } : { problem: account.unknown });
    if (refusal) steps.push({ requestId: s.requestId, action: plan.action, status: 'left', reason: refusalText(refusal, confirmationWords) });
    else ready.push({ plan, record: s.record as UndoableRecord });
  }
  if (ready.length === 0) {
    const why = steps.map((s) => `${s.action ?? s.requestId}: ${s.reason}`).join('; ');
    return { ...refuse(vscode.l10n.t('Nothing of this run can be undone: {0}', why || vscode.l10n.t('it has no steps'))), left: steps.length, steps };
  }

  if (interactive) {
    const accept = vscode.l10n.t('Undo {0} Steps', ready.length);
    const lines = ready.map(({ plan }) => `• ${REVOCATIONS[plan.revocation].undoText(plan).what}`);
    const caveats = [...new Set(ready.map(({ plan }) => REVOCATIONS[plan.revocation].undoText(plan).caveat))];
    const left = steps.map((s) => `• ${s.action ?? s.requestId}: ${s.reason}`);
    const first = ready[0] as { plan: UndoPlan; record: UndoableRecord };
    // The scope lines (profile, region, account, key) as a single undo words them, for the first step.
    const scope = {
      profile: first.plan.profile,
      region: session.profile.region,
      endpoint: session.endpoint(first.plan.product),
      account,
      credentials: await session.credentialRoute(),
      proxy: session.proxy(first.plan.product),
    };
    const endpoints = [...new Set(ready.map(({ plan }) => plan.endpoint))];
    const detail = [
      ...lines, '', ...caveats, ...(left.length ? ['', vscode.l10n.t('Not undone:'), ...left] : []), '',
      scopeLines(scope, confirmationWords), vscode.l10n.t('Endpoints: {0}', endpoints.join(', ')),
    ].join('\n');
    const answer = await deps.ui.showWarningMessage(inertText(vscode.l10n.t('Undo Revoke All Media Access of {0}?', run.target)), { modal: true, detail: inertText(detail) }, accept);
    if (answer !== accept) return { ok: false, undone: 0, failed: 0, left: steps.length, steps, reason: vscode.l10n.t('Cancelled by the user.') };
  }

  for (const { plan, record } of ready) {
    // Checked once more right before each twin is sent: another window may have undone or overtaken the step.
    const stillUndoable = async (): Promise<string | undefined> => {
      await deps.history.refresh();
      const now = deps.history.find(record.id);
      if (!now) return vscode.l10n.t('That request is no longer in the history.');
      const again = planUndo(withLaterChange(deps.history.records(), now));
      return 'refusal' in again ? refusalText(again.refusal, confirmationWords) : undefined;
    };
    const result = await REVOCATIONS[plan.revocation].undo(deps, session, plan, {
      profile: plan.profile, interactive: false, bulk: false, checkBeforeSending: stillUndoable,
      confirmation: (scope, text) => undoConfirmation(record, plan, scope, confirmationWords, text),
    });
    const requestId = result && 'requestId' in result && typeof result.requestId === 'string' ? result.requestId : undefined;
    if (result?.ok && requestId) {
      await deps.history.markUndone(record.id, { requestId, time: new Date().toISOString() });
      steps.push({ requestId: record.requestId as string, action: plan.action, status: 'undone', undoRequestId: requestId });
    } else {
      const error = result && 'error' in result ? (result.error as { message?: string; code?: string } | undefined) : undefined;
      steps.push({ requestId: record.requestId as string, action: plan.action, status: 'failed', ...(requestId ? { undoRequestId: requestId } : {}), reason: error?.message ?? vscode.l10n.t('The undo did not succeed.') });
    }
  }
  const count = (st: UndoRunStep['status']) => steps.filter((s) => s.status === st).length;
  const undone = count('undone');
  const firstUndo = steps.find((s) => s.undoRequestId)?.undoRequestId;
  if (undone > 0 && count('failed') === 0 && count('left') === 0 && firstUndo) await deps.history.markUndone(run.id, { requestId: firstUndo, time: new Date().toISOString() });
  const head = vscode.l10n.t('Undo of Revoke All Media Access of {0} [profile {1}]: {2} undone, {3} failed, {4} not undone', run.target, run.profile ?? '', undone, count('failed'), count('left'));
  deps.log[count('failed') + count('left') === 0 ? 'info' : 'warn']([head, ...steps.map((s) => `  ${s.status.toUpperCase()} ${s.action ?? ''} RequestId ${s.requestId}${s.undoRequestId ? ` → ${s.undoRequestId}` : ''}${s.reason ? ` (${s.reason})` : ''}`)]);
  if (interactive) {
    const log = vscode.l10n.t('Show Log');
    const show = count('failed') > 0 ? deps.ui.showErrorMessage : count('left') > 0 ? deps.ui.showWarningMessage : deps.ui.showInformationMessage;
    if ((await show(inertText(`${head}.`), log)) === log) deps.log.show();
  }
  return { ok: count('failed') === 0 && count('left') === 0, undone, failed: count('failed'), left: count('left'), steps };
}
