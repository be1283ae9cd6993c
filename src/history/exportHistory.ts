// "Export Request History…": writes records as JSON (for a support ticket or a tool) or CSV (for an audit
// spreadsheet), chosen by the file's extension in the save dialog. The inspector exports its filtered rows through
// the same command; without ids, the whole history is exported. The work itself (historyExportFile.ts) loads on
// the first export.

import { COMMANDS } from '../commandIds';
import type { ExportOptions } from './exportOptions';
import type { CommandHandlers } from '../commands/commandHandlers';
import type * as ExportFile from './historyExportFile';
import type { RequestHistory } from './requestHistory';

export const EXPORT_HISTORY_COMMAND = COMMANDS.exportRequestHistory;

/** The view's title button exports everything; the inspector and code pass ExportOptions. */
export function exportHistoryCommand(history: RequestHistory): CommandHandlers {
  const run = (options?: ExportOptions) => (require('./historyExportFile') as typeof ExportFile).exportHistory(history, options);
  return { ui: () => run(), caller: (options) => run(options as ExportOptions) };
}
