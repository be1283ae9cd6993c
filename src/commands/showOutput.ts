// alicloudMedia.showOutput — opens the log (also what error rows do when clicked).

import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { CommandDeps } from './deps';
import { registerCommand } from './registerCommand';

export function registerShowOutput(context: vscode.ExtensionContext, deps: CommandDeps): void {
  registerCommand(context, COMMANDS.showOutput, { ui: () => deps.log.show() });
}
