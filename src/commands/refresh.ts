// alicloudMedia.refresh — a row (inline action) reloads that row's subtree; the view title reloads everything.

import { isResourceNode } from '../tree/nodes';
import type { CommandDeps } from './deps';
import type { CommandHandlers } from './commandHandlers';

export function refreshCommand(deps: CommandDeps): CommandHandlers {
  return { ui: (node) => deps.tree.refresh(isResourceNode(node) ? node : undefined) };
}
