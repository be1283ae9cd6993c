// The commands implemented in commands/index.ts are registered at activation, but their code is not loaded then:
// the first call of any of them loads it (its own file in dist/) and every call after that goes straight to it.

import type * as vscode from 'vscode';
import type { ActivationDeps } from './deps';
import { implement, type CommandHandlers } from './commandHandlers';
import type * as Commands from './index';
import { registerCommands } from './registerCommands';

export function registerLazyCommands(context: vscode.ExtensionContext, deps: ActivationDeps): void {
  let handlersOf: ((name: keyof typeof Commands.COMMAND_IMPLEMENTATIONS) => CommandHandlers) | undefined;
  registerCommands(context, 'commands', deps, (name) => {
    const commands = require('./index') as typeof Commands;
    handlersOf ??= implement(commands.COMMAND_IMPLEMENTATIONS, commands.commandDeps(deps));
    return handlersOf(name);
  });
}
