// What a command is, with one rule for who is calling:
//   - a plain object as the first argument (`executeCommand(id, { profile, … })`) is a programmatic caller: the
//     object is validated, nothing is ever prompted, and the command returns a result object;
//   - anything else — no argument (palette, keybinding), a tree row (menus pass the clicked row and the selection),
//     a string (a profile name, a record id, a RequestId) — is the UI: the command may ask, confirm and notify.
// Tree rows are class instances, never plain objects, so the two cannot be confused. No VS Code import: the
// registration with VS Code is registerCommands.ts.

import { isPlainObject } from '../cloud';
import type { CommandId, CommandLoader, CommandsOf } from '../commandIds';
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
 * Every command one loader implements (see `load` in commandIds.ts), by name: each builds its handlers from the
 * loader's dependencies. The type makes a table that misses a command of its loader, or holds another's, a
 * compile error.
 */
export type CommandImplementations<L extends CommandLoader, D> = { readonly [N in CommandsOf<L>]: (deps: D) => CommandHandlers };

/** The handlers of a name, built on its first call and kept. */
export function implement<L extends CommandLoader, D>(implementations: CommandImplementations<L, D>, deps: D): (name: CommandsOf<L>) => CommandHandlers {
  const built = new Map<CommandsOf<L>, CommandHandlers>();
  return (name) => {
    let handlers = built.get(name);
    if (!handlers) {
      handlers = implementations[name](deps);
      built.set(name, handlers);
    }
    return handlers;
  };
}

/** Sends a call to the UI or the caller handler, by the rule above. */
export function dispatch(id: CommandId, handlers: CommandHandlers, arg: unknown, selected: unknown): unknown {
  if (!isCallerArgument(arg)) return handlers.ui(arg, selected);
  return handlers.caller ? handlers.caller(arg) : invalidArgument(`${id} takes no argument object.`);
}
