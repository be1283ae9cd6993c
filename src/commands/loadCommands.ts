// Registers every command with VS Code at activation, as a stub: the first invocation of any of them loads the
// command code (commands/index.ts, its own file in dist/) and builds the table once; every call after that goes
// straight to the implementation. A command missing from the table fails loudly instead of doing nothing.

import * as vscode from 'vscode';
import type { CommandId } from '../commandIds';
import type { CommandDeps } from './deps';
import type * as Commands from './index';
import type { CommandFn, CommandTable } from './registerCommand';

/** Keep in step with LAZY_COMMAND_IDS in commands/index.ts (checked when the table loads). */
export function registerCommandStubs(context: vscode.ExtensionContext, deps: CommandDeps, ids: readonly CommandId[]): void {
  let table: CommandTable | undefined;
  const load = (): CommandTable => {
    if (!table) {
      const commands = require('./index') as typeof Commands;
      table = commands.commandTable(deps);
      const missing = commands.LAZY_COMMAND_IDS.filter((id) => !table?.has(id));
      const extra = [...table.keys()].filter((id) => !ids.includes(id));
      if (missing.length || extra.length) throw new Error(`Command table out of step: missing ${missing.join(', ')}; unregistered ${extra.join(', ')}`);
    }
    return table;
  };
  for (const id of ids) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, (arg?: unknown, selected?: unknown) => {
        const run: CommandFn | undefined = load().get(id);
        if (!run) throw new Error(`${id} has no implementation.`);
        return run(arg, selected);
      }),
    );
  }
}
