// "Undo" on a recorded revocation: rebinds the output bucket or reattaches the app policies the detach really
// removed, after a modal confirmation. It goes through the profile's ordinary clients, so the undo is itself
// recorded by the same observer and appears in the history like any other call.

import * as vscode from 'vscode';
import { describeError, type Acknowledged, type AppIdentity, type PolicyChangeResult } from '../cloud';
import { resolveRecord } from './recordArgument';
import type { RequestHistory } from './requestHistory';
import { describeUndo, planUndo, type UndoPlan } from './undoPlan';

export const UNDO_COMMAND = 'alicloudMedia.undo';

/** What undo needs from a profile's clients; the extension builds them with its call observer attached. */
export interface UndoClients {
  readonly mps: { bindOutputBucket(bucket: string): Promise<Acknowledged> };
  readonly vod: { attachAppPolicyToIdentity(identity: AppIdentity, policyNames: readonly string[]): Promise<PolicyChangeResult> };
}

/** Clients for the profile and region a record was made with; throws (with a message for people) if impossible. */
export type UndoClientsFactory = (profile: string | undefined, region: string) => Promise<UndoClients>;

/** Returned to programmatic callers (the inspector, tests); the UI shows the same information as messages. */
export type UndoOutcome =
  | { readonly ok: true; readonly action: UndoPlan['action']; readonly requestId: string }
  | { readonly ok: false; readonly reason: string };

export interface UndoOptions {
  /** Only for programmatic callers that have confirmed by other means (integration tests). */
  readonly skipConfirmation?: boolean;
}

export function registerUndoRequest(history: RequestHistory, clientsFor: UndoClientsFactory): vscode.Disposable {
  return vscode.commands.registerCommand(UNDO_COMMAND, (argument: unknown, options?: UndoOptions) =>
    undoRequest(history, clientsFor, argument, options),
  );
}

async function undoRequest(
  history: RequestHistory,
  clientsFor: UndoClientsFactory,
  argument: unknown,
  options: UndoOptions | undefined,
): Promise<UndoOutcome> {
  const record = resolveRecord(history, argument);
  if (!record) {
    return refuse('That request is no longer in the history.');
  }
  const decision = planUndo(record);
  if ('reason' in decision) {
    return refuse(decision.reason);
  }
  const plan = decision.plan;
  if (options?.skipConfirmation !== true) {
    const accept = vscode.l10n.t('Undo');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Undo {0} on {1}?', record.action, record.target),
      {
        modal: true,
        detail: vscode.l10n.t('{0}\nProfile: {1}. Original RequestId: {2}.', describeUndo(plan), record.profile ?? '-', record.requestId ?? '-'),
      },
      accept,
    );
    if (answer !== accept) {
      return { ok: false, reason: 'Cancelled by the user.' };
    }
  }
  try {
    const requestId = await run(plan, await clientsFor(plan.profile, plan.region));
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} done. RequestId {1}', plan.action, requestId));
    return { ok: true, action: plan.action, requestId };
  } catch (err) {
    const reason = describeError(err);
    void vscode.window.showErrorMessage(vscode.l10n.t('Undo failed: {0}', reason));
    return { ok: false, reason };
  }
}

async function run(plan: UndoPlan, clients: UndoClients): Promise<string> {
  if (plan.action === 'BindOutputBucket') {
    return (await clients.mps.bindOutputBucket(plan.bucket)).requestId;
  }
  const result = await clients.vod.attachAppPolicyToIdentity(plan.identity, plan.policyNames);
  const notAttached = [...result.nonExistPolicyNames, ...result.failedPolicyNames];
  if (notAttached.length > 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Not reattached: {0}', notAttached.join(', ')));
  }
  return result.requestId;
}

function refuse(reason: string): UndoOutcome {
  void vscode.window.showInformationMessage(reason);
  return { ok: false, reason };
}
