// alicloudMedia.undo — reverses a recorded revocation with its undo twin (an unbind with the bind, a detach with
// the attach of exactly the policies it removed): the plan is the revocation's reversal (history/reversals.ts), the
// run its registry entry (mutations/operations.ts). From a Request History row or the inspector it
// confirms first; from code, `executeCommand('alicloudMedia.undo', { recordId })` runs without a prompt. Either way
// it goes through the mutation pipeline, so the row shows "binding…", the tree refreshes, and the undo is itself
// recorded — and the revocation is marked undone, so it cannot be undone twice.

import * as vscode from 'vscode';
import { describeError, maskAccessKeyId } from '../cloud';
import { withLaterChange } from '../history/laterChange';
import { inertText } from '../inertText';
import { resolveRecord } from '../history/recordArgument';
import { accountRefusal, refusalText, undoRefusal } from '../history/undoChecks';
import { RUN_ACTION, planUndo, type UndoPlan, type UndoableRecord } from '../history/undoPlan';
import { undoRun, type UndoRunResult } from './incident/undoRun';
import { undoConfirmation, type RevocationScope, type UndoText } from './confirmation';
import { confirmationWords } from './confirmationWords';
import type { CommandDeps } from './deps';
import { REVOCATIONS } from './mutations/operations';
import { accountScope, type MutationResult } from './mutations/mutationCommand';
import type { CommandHandlers } from './commandHandlers';

export type UndoOutcome = (MutationResult & { readonly action?: UndoPlan['action']; readonly reason?: string }) | { readonly ok: false; readonly reason: string } | UndoRunResult;

export function undoCommand(deps: CommandDeps): CommandHandlers {
  return {
    ui: (record) => undo(deps, record, true),
    caller: (arg) => undo(deps, arg.recordId, false),
  };
}

async function undo(deps: CommandDeps, argument: unknown, interactive: boolean): Promise<UndoOutcome> {
  const refuse = (reason: string): UndoOutcome => {
    if (interactive) void deps.ui.showInformationMessage(inertText(reason));
    return { ok: false, reason };
  };
  // The history as every window left it: an undo or a later revocation of the same target in another window
  // refuses this one. Asked now, again just before the confirmation and once more just before sending.
  const stillUndoable = async (): Promise<string | undefined> => {
    const now = await currentRecord(deps, argument);
    if (!now) return vscode.l10n.t('That request is no longer in the history.');
    const again = planUndo(now);
    return 'refusal' in again ? refusalText(again.refusal, confirmationWords) : undefined;
  };
  const record = await currentRecord(deps, argument);
  if (!record) return refuse(vscode.l10n.t('That request is no longer in the history.'));
  // A Revoke All Media Access run: its steps, undone as a set (#21).
  if (record.action === RUN_ACTION) return undoRun(deps, record.id, interactive);
  const decision = planUndo(record);
  if ('refusal' in decision) return refuse(refusalText(decision.refusal, confirmationWords));
  const plan = decision.plan;

  const session = deps.sessions.get(plan.profile);
  if (!session) return refuse(vscode.l10n.t('Profile "{0}" no longer exists.', plan.profile));
  let endpoint: string;
  let accessKeyId: string | undefined;
  try {
    endpoint = session.endpoint(plan.product);
    accessKeyId = await session.accessKeyId();
  } catch (e) {
    return refuse(vscode.l10n.t('Cannot undo: {0}', describeError(e)));
  }
  const refusal = undoRefusal(plan, {
    region: session.profile.region,
    endpoint,
    ...(accessKeyId ? { maskedAccessKeyId: maskAccessKeyId(accessKeyId) } : {}),
    ...(currentRole(session) ? { roleArn: currentRole(session) } : {}),
  });
  if (refusal) return refuse(refusalText(refusal, confirmationWords));
  // Only then the account (one STS call per key), so an undo in another account is refused before its modal.
  const account = await accountScope(session);
  const wrongAccount = accountRefusal(plan, 'accountId' in account ? { accountId: account.accountId } : { problem: account.unknown });
  if (wrongAccount) return refuse(refusalText(wrongAccount, confirmationWords));

  const overtaken = await stillUndoable();
  if (overtaken) return refuse(overtaken);
  const operation = REVOCATIONS[plan.revocation];
  const confirmation = (scope: RevocationScope, text: UndoText) => undoConfirmation(record, plan, scope, confirmationWords, text);
  // Checked once more inside the call, right before sending: the modal may have stayed open while another window
  // undid or revoked the same target.
  const result = await operation.undo(deps, session, plan, { profile: plan.profile, interactive, bulk: false, confirmation, checkBeforeSending: stillUndoable });
  if (!result) return { ok: false, reason: vscode.l10n.t('Cancelled by the user.') };
  const requestId = 'requestId' in result && typeof result.requestId === 'string' ? result.requestId : undefined;
  if (result.ok && requestId) {
    await deps.history.markUndone(record.id, { requestId, time: new Date().toISOString() });
    return { ...result, action: plan.action };
  }
  const error = 'error' in result ? (result.error as { message?: string } | undefined) : undefined;
  return { ...result, action: plan.action, reason: error?.message ?? vscode.l10n.t('The undo did not succeed.') };
}

/** The record as the shared history holds it now, with any later change of its target. */
async function currentRecord(deps: CommandDeps, argument: unknown): Promise<UndoableRecord | undefined> {
  await deps.history.refresh();
  const record = resolveRecord(deps.history, argument);
  return record && withLaterChange(deps.history.records(), record);
}

/** The role the profile signs as now: its own assumeRole, or the role an aliyun CLI profile assumes for it. */
function currentRole(session: { readonly profile: { readonly assumeRole?: { readonly roleArn: string } }; signingOrigin(): { readonly roleArn?: string } | undefined }): string | undefined {
  return session.profile.assumeRole?.roleArn ?? session.signingOrigin()?.roleArn;
}
