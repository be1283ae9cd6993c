// What a history export may be asked for, shared by the command's registration (exportHistory.ts) and its lazily
// loaded body (historyExportFile.ts), so neither imports the other for it.

import type * as vscode from 'vscode';

export type ExportFormat = 'json' | 'csv';

export interface ExportOptions {
  /** Ids of the records to write, in this order; unknown ids are skipped. Default: the whole history. */
  readonly recordIds?: readonly string[];
  /** Where to write; tests pass it to skip the save dialog. */
  readonly target?: vscode.Uri;
  /** Default: from the target's extension (`.csv` is CSV, anything else JSON). */
  readonly format?: ExportFormat;
}
