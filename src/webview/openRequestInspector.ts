// "Open Request Inspector": from the view title (no argument) or a history row (that record).

import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { RequestInspector } from './requestInspector';

export const OPEN_INSPECTOR_COMMAND = COMMANDS.openRequestInspector;

export function registerOpenRequestInspector(inspector: RequestInspector): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_INSPECTOR_COMMAND, (argument?: unknown) => {
    inspector.show(recordIdOf(argument));
  });
}

function recordIdOf(argument: unknown): string | undefined {
  if (typeof argument === 'string') return argument;
  const id = (argument as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}
