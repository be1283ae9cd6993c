// "Open Request Inspector": from the view title (no argument) or a history row (that record).

import { COMMANDS } from '../commandIds';
import type { CommandHandlers } from '../commands/commandHandlers';
import type { RequestInspector } from './requestInspector';

export const OPEN_INSPECTOR_COMMAND = COMMANDS.openRequestInspector;

export function openRequestInspectorCommand(inspector: RequestInspector): CommandHandlers {
  const open = (argument?: unknown) => inspector.show(recordIdOf(argument));
  return { ui: open, caller: open };
}

function recordIdOf(argument: unknown): string | undefined {
  if (typeof argument === 'string') return argument;
  const id = (argument as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}
