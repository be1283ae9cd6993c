// alicloudMedia.refresh — a row (inline action) reloads that row's subtree; the view title reloads everything.

import { isResourceNode } from '../tree/nodes';
import { COMMANDS } from '../commandIds';
import type { CommandDeps } from './deps';
import { registerCommand, type CommandTable } from './registerCommand';

export function registerRefresh(table: CommandTable, deps: CommandDeps): void {
  registerCommand(table, COMMANDS.refresh, { ui: (node) => deps.tree.refresh(isResourceNode(node) ? node : undefined) });
}
