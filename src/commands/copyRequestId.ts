// alicloudMedia.copyRequestId — argument: a RequestId string, anything with a `requestId` (a CallRecord, a command
// result, an error row); without one, a pick of the latest calls. RequestIds are what Alibaba support asks for.

import * as vscode from 'vscode';
import { isPlainObject } from '../cloud';
import { inertItem, inertText } from '../inertText';
import type { CommandHandlers } from './commandHandlers';
import type { CommandDeps } from './deps';

function requestIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg.trim()) return arg.trim();
  if (typeof arg !== 'object' || arg === null) return undefined;
  // A command result, an error row (class instance) or a history row: all carry `requestId` or `error.requestId`.
  const { requestId, error } = arg as { requestId?: unknown; error?: unknown };
  if (typeof requestId === 'string' && requestId) return requestId;
  if (isPlainObject(error) && typeof error.requestId === 'string') return error.requestId;
  return undefined;
}

export function copyRequestIdCommand(deps: CommandDeps): CommandHandlers {
  const copy = async (arg?: unknown) => {
    let requestId = requestIdOf(arg);
    if (!requestId && arg === undefined) {
      const items = deps.log.recent
        .filter((r) => r.requestId)
        // Targets and RequestIds are the server's: shown inert, copied as they are.
        .map((r) => inertItem({ label: r.requestId as string, description: `${r.action} ${r.target}`, detail: `${r.outcome} · ${r.profile ?? ''} · ${r.time}`, requestId: r.requestId as string }));
      if (items.length === 0) {
        void deps.ui.showInformationMessage(vscode.l10n.t('No request has returned a RequestId in this session yet.'));
        return undefined;
      }
      requestId = (await deps.ui.showQuickPick(items, { title: vscode.l10n.t('Copy Request ID'), matchOnDescription: true }))?.requestId;
    }
    if (!requestId) {
      if (arg !== undefined) void deps.ui.showInformationMessage(vscode.l10n.t('There is no RequestId here: the call never reached Alibaba Cloud.'));
      return undefined;
    }
    await vscode.env.clipboard.writeText(requestId);
    vscode.window.setStatusBarMessage(`$(check) ${inertText(vscode.l10n.t('Copied RequestId {0}', requestId))}`, 3000);
    return requestId;
  };
  return { ui: copy, caller: copy };
}
