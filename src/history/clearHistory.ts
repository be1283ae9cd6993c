// "Clear Request History": asks first, because the RequestIds may be needed for an audit or a support ticket. The
// clear is every window's (the journal keeps it), so the count includes what other windows recorded.

import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { CommandHandlers } from '../commands/commandHandlers';
import type { UiPort } from '../commands/uiPort';
import type { RequestHistory } from './requestHistory';

export const CLEAR_HISTORY_COMMAND = COMMANDS.clearHistory;

export function clearHistoryCommand(history: RequestHistory, ui: UiPort): CommandHandlers {
  const clear = async (): Promise<boolean> => {
    await history.refresh();
    const count = history.records().length;
    if (count === 0) {
      return true;
    }
    const accept = vscode.l10n.t('Clear History');
    const answer = await ui.showWarningMessage(
      vscode.l10n.t('Clear all {0} recorded requests?', count),
      { modal: true, detail: vscode.l10n.t('Their RequestIds will be gone. Export them first if you may need them for an audit or a ticket.') },
      accept,
    );
    if (answer !== accept) {
      return false;
    }
    await history.clear();
    return true;
  };
  return { ui: clear };
}
