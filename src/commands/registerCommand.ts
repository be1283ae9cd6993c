// How every command is registered, with one rule for who is calling:
//   - a plain object as the first argument (`executeCommand(id, { profile, … })`) is a programmatic caller: the
//     object is validated, nothing is ever prompted, and the command returns a result object;
//   - anything else — no argument (palette, keybinding), a tree row (menus pass the clicked row and the selection),
//     a string (a profile name, a record id, a RequestId) — is the UI: the command may ask, confirm and notify.
// Tree rows are class instances, never plain objects, so the two cannot be confused.

import { isPlainObject } from '../cloud';
import type { CommandId } from '../commandIds';
import { invalidArgument } from './results';

export interface CommandHandlers {
  /** From menus, the palette, row clicks: `(clicked row or string, selected rows)`. */
  readonly ui: (arg: unknown, selected: unknown) => unknown;
  /** From code, with a plain object. Without it, such a call is refused with an error result. */
  readonly caller?: (arg: Record<string, unknown>) => unknown;
}

export function isCallerArgument(arg: unknown): arg is Record<string, unknown> {
  return isPlainObject(arg);
}

/** What VS Code calls for a command: the clicked row or argument, and the selected rows. */
export type CommandFn = (arg?: unknown, selected?: unknown) => unknown;

/**
 * Command implementations by id. The extension registers every id with VS Code at activation as a stub that loads
 * this table on first use (commands/loadCommands.ts), so the command code is not loaded before it is needed.
 */
export type CommandTable = Map<CommandId, CommandFn>;

export function registerCommand(table: CommandTable, id: CommandId, handlers: CommandHandlers): void {
  if (table.has(id)) throw new Error(`${id} is implemented twice.`);
  table.set(id, (arg?: unknown, selected?: unknown) => {
    if (!isCallerArgument(arg)) return handlers.ui(arg, selected);
    return handlers.caller ? handlers.caller(arg) : invalidArgument(`${id} takes no argument object.`);
  });
}
