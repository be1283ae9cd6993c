// alicloudMedia.showOutput — opens the log (also what error rows do when clicked).

import { COMMANDS } from '../commandIds';
import type { CommandDeps } from './deps';
import { registerCommand, type CommandTable } from './registerCommand';

export function registerShowOutput(table: CommandTable, deps: CommandDeps): void {
  registerCommand(table, COMMANDS.showOutput, { ui: () => deps.log.show() });
}
