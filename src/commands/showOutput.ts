// alicloudMedia.showOutput — opens the log (also what error rows do when clicked).

import type { CommandDeps } from './deps';
import type { CommandHandlers } from './commandHandlers';

export function showOutputCommand(deps: CommandDeps): CommandHandlers {
  return { ui: () => deps.log.show() };
}
