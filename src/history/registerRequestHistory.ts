// Wires the request history: the store over globalState, the view, its commands and the inspector. The extension
// calls this once and hands over the event every CallRecord is published on.

import * as vscode from 'vscode';
import type { CallRecord } from '../cloud';
import { registerOpenRequestInspector } from '../webview/openRequestInspector';
import { RequestInspector, type InspectorLog } from '../webview/requestInspector';
import { registerClearHistory } from './clearHistory';
import { registerExportHistory } from './exportHistory';
import { RequestHistory, clampMaxRecords } from './requestHistory';
import { REQUEST_HISTORY_VIEW, RequestHistoryView } from './requestHistoryView';

export const MAX_RECORDS_SETTING = 'alicloudMedia.history.maxRecords';

export interface RequestHistoryDeps {
  /** Fired once per logical call, success or failure, by the observer the extension gives every client. */
  readonly onDidRecordCall: vscode.Event<CallRecord>;
  readonly log: InspectorLog;
}

export function registerRequestHistory(context: vscode.ExtensionContext, deps: RequestHistoryDeps): RequestHistory {
  // globalState, not workspaceState: the history belongs to the user's cloud accounts, not to a folder. It is not
  // registered for Settings Sync (setKeysForSync), so records stay on this machine.
  const history = new RequestHistory(context.globalState, readMaxRecords());
  const view = new RequestHistoryView(history);
  const inspector = new RequestInspector(context.extensionUri, history, deps.log);

  context.subscriptions.push(
    deps.onDidRecordCall((record) => {
      void history.add(record).catch((err: unknown) => deps.log.warn(`Request history: could not persist a record: ${String(err)}`));
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(MAX_RECORDS_SETTING)) void history.setMaxRecords(readMaxRecords());
    }),
    view,
    vscode.window.createTreeView(REQUEST_HISTORY_VIEW, { treeDataProvider: view }),
    inspector,
    registerOpenRequestInspector(inspector),
    registerClearHistory(history),
    registerExportHistory(history),
  );
  return history;
}

function readMaxRecords(): number {
  return clampMaxRecords(vscode.workspace.getConfiguration().get<number>(MAX_RECORDS_SETTING));
}
