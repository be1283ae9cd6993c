// alicloudMedia.refresh — a row (inline action) reloads that row's subtree; the view title reloads everything.

import * as vscode from 'vscode';
import { isResourceNode } from '../tree/nodes';
import { COMMANDS } from '../commandIds';
import type { CommandDeps } from './deps';
import { registerCommand } from './registerCommand';

export function registerRefresh(context: vscode.ExtensionContext, deps: CommandDeps): void {
  registerCommand(context, COMMANDS.refresh, { ui: (node) => deps.tree.refresh(isResourceNode(node) ? node : undefined) });
}
