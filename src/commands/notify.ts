// Result notifications with the two follow-ups people want after a cloud call: the RequestId and the log.

import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { CommandDeps } from './deps';

const COPY = 'Copy Request ID';
const SHOW_LOG = 'Show Log';

export async function notify(
  deps: Pick<CommandDeps, 'log'>,
  severity: 'info' | 'warning' | 'error',
  message: string,
  requestId?: string,
): Promise<void> {
  const actions = requestId ? [COPY, SHOW_LOG] : [SHOW_LOG];
  const show =
    severity === 'info'
      ? vscode.window.showInformationMessage
      : severity === 'warning'
        ? vscode.window.showWarningMessage
        : vscode.window.showErrorMessage;
  const picked = await show(message, ...actions);
  if (picked === COPY && requestId) await vscode.commands.executeCommand(COMMANDS.copyRequestId, requestId);
  if (picked === SHOW_LOG) deps.log.show();
}
