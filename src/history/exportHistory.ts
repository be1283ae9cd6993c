// "Export Request History…": writes records as JSON (for a support ticket or a tool) or CSV (for an audit
// spreadsheet), chosen by the file's extension in the save dialog. The inspector exports its filtered rows through
// the same command; without ids, the whole history is exported. The work itself (historyExportFile.ts) loads on
// the first export.

import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { ExportOptions } from './exportOptions';
import type * as ExportFile from './historyExportFile';
import type { RequestHistory } from './requestHistory';

export const EXPORT_HISTORY_COMMAND = COMMANDS.exportRequestHistory;

export function registerExportHistory(history: RequestHistory): vscode.Disposable {
  return vscode.commands.registerCommand(EXPORT_HISTORY_COMMAND, (options?: ExportOptions) =>
    (require('./historyExportFile') as typeof ExportFile).exportHistory(history, options),
  );
}
