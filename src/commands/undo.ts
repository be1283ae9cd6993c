// alicloudMedia.undo — reverses a recorded revocation: an unbind with BindOutputBucket, a detach with
// AttachAppPolicyToIdentity for exactly the policies it removed. From a Request History row or the inspector it
// confirms first; from code, `executeCommand('alicloudMedia.undo', { recordId })` runs without a prompt. Either way
// it goes through the mutation pipeline, so the row shows "binding…", the tree refreshes, and the undo is itself
// recorded — and the revocation is marked undone, so it cannot be undone twice.

import * as vscode from 'vscode';
import { describeError, maskAccessKeyId } from '../cloud';
import { COMMANDS } from '../commandIds';
import { resolveRecord } from '../history/recordArgument';
import { describeUndo, planUndo, undoCaveat, undoRefusal, type UndoPlan, type UndoableRecord } from '../history/undoPlan';
import type { Confirmation, RevocationScope } from './confirmation';
import type { CommandDeps } from './deps';
import { attachAppPolicy } from './mutations/attachAppPolicy';
import { bindOutputBucket } from './mutations/bindOutputBucket';
import { runMutation, type MutationResult } from './mutations/runMutation';
import { registerCommand, type CommandTable } from './registerCommand';

export type UndoOutcome = (MutationResult & { readonly action?: UndoPlan['action']; readonly reason?: string }) | { readonly ok: false; readonly reason: string };

export function registerUndo(table: CommandTable, deps: CommandDeps): void {
  registerCommand(table, COMMANDS.undo, {
    ui: (record) => undo(deps, record, true),
    caller: (arg) => undo(deps, arg.recordId, false),
  });
}

async function undo(deps: CommandDeps, argument: unknown, interactive: boolean): Promise<UndoOutcome> {
  const refuse = (reason: string): UndoOutcome => {
    if (interactive) void vscode.window.showInformationMessage(reason);
    return { ok: false, reason };
  };
  const record = resolveRecord(deps.history, argument) as UndoableRecord | undefined;
  if (!record) return refuse('That request is no longer in the history.');
  const decision = planUndo(record);
  if ('reason' in decision) return refuse(decision.reason);
  const plan = decision.plan;

  const session = deps.sessions.get(plan.profile);
  if (!session) return refuse(`Profile "${plan.profile}" no longer exists.`);
  let endpoint: string;
  let accessKeyId: string | undefined;
  try {
    endpoint = session.endpoint(plan.product);
    accessKeyId = await session.accessKeyId();
  } catch (e) {
    return refuse(`Cannot undo: ${describeError(e)}`);
  }
  const refusal = undoRefusal(plan, {
    region: session.profile.region,
    endpoint,
    ...(accessKeyId ? { maskedAccessKeyId: maskAccessKeyId(accessKeyId) } : {}),
  });
  if (refusal) return refuse(refusal);

  const confirmation = (scope: RevocationScope) => undoConfirmation(record, plan, scope);
  const run = { profile: plan.profile, interactive, bulk: false, confirmation };
  const result =
    plan.action === 'BindOutputBucket'
      ? await runMutation(deps, bindOutputBucket, { ...run, targets: [{ profile: plan.profile, bucket: plan.bucket }] })
      : await runMutation(deps, attachAppPolicy, { ...run, targets: [{ profile: plan.profile, identity: plan.identity, policyNames: plan.policyNames }] });
  if (!result) return { ok: false, reason: 'Cancelled by the user.' };
  const requestId = 'requestId' in result && typeof result.requestId === 'string' ? result.requestId : undefined;
  if (result.ok && requestId) {
    await deps.history.markUndone(record.id, { requestId, time: new Date().toISOString() });
    return { ...result, action: plan.action };
  }
  const error = 'error' in result ? (result.error as { message?: string } | undefined) : undefined;
  return { ...result, action: plan.action, reason: error?.message ?? 'The undo did not succeed.' };
}

function undoConfirmation(record: UndoableRecord, plan: UndoPlan, scope: RevocationScope): Confirmation {
  return {
    message: `Undo ${record.action} of ${record.target}?`,
    detail:
      `${describeUndo(plan)}\n${undoCaveat(plan)}\n\n` +
      `Profile: ${scope.profile}\nRegion: ${scope.region}\nEndpoint: ${scope.endpoint}\n` +
      `AccessKey: ${plan.maskedAccessKeyId ?? '(unknown)'}\nOriginal RequestId: ${plan.requestId ?? '-'}`,
    accept: 'Undo',
  };
}
