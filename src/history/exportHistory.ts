// "Export Request History…": writes records as JSON (for a support ticket or a tool) or CSV (for an audit
// spreadsheet), chosen by the file's extension in the save dialog. The inspector exports its filtered rows through
// the same command; without ids, the whole history is exported. Both formats write the records as the history
// holds them, passed through the records' sanitizer once more (src/records): the same redaction either way.

import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { HistoryRecord } from '../records/historyRecord';
import { recordsToCsv } from '../records/recordCsv';
import { sanitizeRecord } from '../records/recordSanitizer';
import type { RequestHistory } from './requestHistory';

export const EXPORT_HISTORY_COMMAND = COMMANDS.exportRequestHistory;

export type ExportFormat = 'json' | 'csv';

export interface ExportOptions {
  /** Ids of the records to write, in this order; unknown ids are skipped. Default: the whole history. */
  readonly recordIds?: readonly string[];
  /** Where to write; tests pass it to skip the save dialog. */
  readonly target?: vscode.Uri;
  /** Default: from the target's extension (`.csv` is CSV, anything else JSON). */
  readonly format?: ExportFormat;
}

export function registerExportHistory(history: RequestHistory): vscode.Disposable {
  return vscode.commands.registerCommand(EXPORT_HISTORY_COMMAND, (options?: ExportOptions) => exportHistory(history, options));
}

/** The file written, or undefined when the user cancelled the dialog. */
async function exportHistory(history: RequestHistory, options: ExportOptions = {}): Promise<vscode.Uri | undefined> {
  const records = selectRecords(history, options.recordIds);
  const target = options.target instanceof vscode.Uri ? options.target : await askForTarget();
  if (!target) {
    return undefined;
  }
  const format = options.format === 'csv' || options.format === 'json' ? options.format : formatOf(target);
  const text = format === 'csv' ? recordsToCsv(records) : `${JSON.stringify({ exportedAt: new Date().toISOString(), records }, null, 2)}\n`;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} requests to {1}.', records.length, target.fsPath));
  return target;
}

function formatOf(target: vscode.Uri): ExportFormat {
  return target.path.toLowerCase().endsWith('.csv') ? 'csv' : 'json';
}

function selectRecords(history: RequestHistory, ids: readonly string[] | undefined): HistoryRecord[] {
  const chosen = Array.isArray(ids) ? ids.map((id) => history.find(id)) : [...history.records()];
  return chosen.map(sanitizeRecord).filter((r): r is HistoryRecord => r !== undefined);
}

function askForTarget(): Thenable<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `request-history-${new Date().toISOString().slice(0, 10)}.json`;
  return vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export Request History'),
    saveLabel: vscode.l10n.t('Export'),
    // The extension of the chosen file decides the format.
    filters: { JSON: ['json'], CSV: ['csv'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
  });
}
