// "Export Request History": writes records as JSON for an audit trail or a support ticket. The inspector exports
// its filtered rows through the same command; without ids, the whole history is exported.

import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { CallRecord } from '../cloud';
import type { RequestHistory } from './requestHistory';

export const EXPORT_HISTORY_COMMAND = COMMANDS.exportRequestHistory;

export interface ExportOptions {
  /** Ids of the records to write, in this order; unknown ids are skipped. Default: the whole history. */
  readonly recordIds?: readonly string[];
  /** Where to write; tests pass it to skip the save dialog. */
  readonly target?: vscode.Uri;
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
  const json = JSON.stringify({ exportedAt: new Date().toISOString(), records }, null, 2);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${json}\n`));
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} requests to {1}.', records.length, target.fsPath));
  return target;
}

function selectRecords(history: RequestHistory, ids: readonly string[] | undefined): CallRecord[] {
  if (!Array.isArray(ids)) {
    return [...history.records()];
  }
  return ids.map((id) => history.find(id)).filter((r): r is CallRecord => r !== undefined);
}

function askForTarget(): Thenable<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `request-history-${new Date().toISOString().slice(0, 10)}.json`;
  return vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export Request History'),
    saveLabel: vscode.l10n.t('Export'),
    filters: { JSON: ['json'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
  });
}
