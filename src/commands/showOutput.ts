// alicloudMedia.showOutput — opens the log (also what error rows do when clicked).

import * as vscode from 'vscode';
import type { CommandDeps } from './deps';

export function registerShowOutput(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(vscode.commands.registerCommand('alicloudMedia.showOutput', () => deps.log.show()));
}
