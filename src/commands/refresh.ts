// alicloudMedia.refresh — a row (inline action) reloads that row's subtree; the view title reloads everything.

import * as vscode from 'vscode';
import { isResourceNode } from '../tree/nodes';
import type { CommandDeps } from './deps';

export function registerRefresh(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('alicloudMedia.refresh', (node?: unknown) => {
      deps.tree.refresh(isResourceNode(node) ? node : undefined);
    }),
  );
}
