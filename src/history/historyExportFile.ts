// The body of "Export Request History…", loaded on its first use (esbuild.js LAZY_BUNDLES: dist/historyExport.js):
// the save dialog, the two writers and the file write. Activation carries only the command's registration
// (exportHistory.ts). Both formats write the records as the history holds them, passed through the records'
// sanitizer once more (src/records): the same redaction either way.

import * as vscode from 'vscode';
import type { HistoryRecord } from '../records/historyRecord';
import { recordsToCsv } from '../records/recordCsv';
import { sanitizeRecord } from '../records/recordSanitizer';
import type { ExportFormat, ExportOptions } from './exportOptions';
import type { RequestHistory } from './requestHistory';

/** The file written, or undefined when the user cancelled the dialog. */
export async function exportHistory(history: RequestHistory, options: ExportOptions = {}): Promise<vscode.Uri | undefined> {
  // Every window's records, including what another window wrote a moment ago.
  await history.refresh();
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
