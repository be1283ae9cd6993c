// The one wrapper around every command (registerCommands.ts puts it there). Commands handle what they expect —
// refusals, cloud errors, cancels — and say so themselves; anything that still escapes is a bug, and VS Code would
// show it as a bare toast and log it nowhere. Here it is written to the log with its stack (redacted like every
// other log text) and shown once, with a Show Log button. A programmatic caller (plain-object argument) is not
// shown anything: it gets `{ ok: false, error }`, as for every other failure. No VS Code import.

import * as l10n from '@vscode/l10n';
import { describeError, redactText } from '../cloud';
import type { CommandId } from '../commandIds';
import { isCallerArgument, type CommandFn } from './commandHandlers';
import { failed } from './results';

export interface UnexpectedErrorSinks {
  readonly log: { error(text: string): void; show(): void };
  readonly ui: { showErrorMessage(message: string, ...items: string[]): Thenable<string | undefined> };
}

/** `run`, except that what it throws or rejects with is logged and reported instead of reaching VS Code. */
export function guardCommand(sinks: UnexpectedErrorSinks, id: CommandId, run: CommandFn): CommandFn {
  return async (arg?: unknown, selected?: unknown) => {
    try {
      return await run(arg, selected);
    } catch (thrown) {
      sinks.log.error(unexpectedErrorLogText(id, thrown));
      if (isCallerArgument(arg)) return failed(thrown);
      void showUnexpectedError(sinks, id, thrown);
      return undefined;
    }
  };
}

/** The log's entry: the command, what failed and where (the stack). */
export function unexpectedErrorLogText(id: CommandId, thrown: unknown): string {
  const stack = thrown instanceof Error && thrown.stack ? thrown.stack : String(thrown);
  return redactText(l10n.t('{0} failed unexpectedly: {1}', id, stack));
}

async function showUnexpectedError(sinks: UnexpectedErrorSinks, id: CommandId, thrown: unknown): Promise<void> {
  const showLog = l10n.t('Show Log');
  const message = l10n.t('{0} failed unexpectedly: {1}. The log has the details.', id, redactText(describeError(thrown)));
  if ((await sinks.ui.showErrorMessage(message, showLog)) === showLog) sinks.log.show();
}
