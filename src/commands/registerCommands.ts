// Registers with VS Code the commands of one loader (commandIds.ts): each id its manifest entry gives, through the
// one wrapper for unexpected errors (unexpectedErrors.ts) and the caller-or-UI rule (commandHandlers.ts). The
// handlers are asked for on the first call of each command, so a loader whose code is a lazy bundle loads it then.

import * as vscode from 'vscode';
import { commandId, commandsOf, type CommandLoader, type CommandsOf } from '../commandIds';
import { dispatch, type CommandHandlers } from './commandHandlers';
import { guardCommand, type UnexpectedErrorSinks } from './unexpectedErrors';

export function registerCommands<L extends CommandLoader>(
  context: vscode.ExtensionContext,
  load: L,
  sinks: UnexpectedErrorSinks,
  handlersOf: (name: CommandsOf<L>) => CommandHandlers,
): void {
  for (const name of commandsOf(load)) {
    const id = commandId(name);
    const run = guardCommand(sinks, id, (arg, selected) => dispatch(id, handlersOf(name), arg, selected));
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  }
}
