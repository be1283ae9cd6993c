// Wires the request history: the journal in global storage, the view, its commands and the inspector. The extension
// calls this once and hands over the event every CallRecord is published on; deactivate awaits
// flushRequestHistories() so the last coalesced write lands before the extension host goes away.

import * as vscode from 'vscode';
import type { CallRecord } from '../cloud';
import { COMMANDS } from '../commandIds';
import { implement, type CommandImplementations } from '../commands/commandHandlers';
import { registerCommands } from '../commands/registerCommands';
import type { UiPort } from '../commands/uiPort';
import type { UnexpectedErrorSinks } from '../commands/unexpectedErrors';
import type { InspectorLog, InspectorPort } from '../webview/inspectorPort';
import { openRequestInspectorCommand } from '../webview/openRequestInspector';
import { RequestInspector } from '../webview/requestInspector';
import { clearHistoryCommand } from './clearHistory';
import { EXPORT_HISTORY_COMMAND, exportHistoryCommand } from './exportHistory';
import type { ExportOptions } from './exportOptions';
import { historyStorage } from './historyStorage';
import { RequestHistory, clampMaxRecords } from './requestHistory';
import { REQUEST_HISTORY_VIEW, RequestHistoryView } from './requestHistoryView';
import { isUndoable } from './undoPlan';

export const MAX_RECORDS_SETTING = 'alicloudMedia.history.maxRecords';

const live = new Set<RequestHistory>();

/** Writes every history's pending state; the extension's deactivate returns this so VS Code waits for it. */
export async function flushRequestHistories(): Promise<void> {
  // A failed write was already logged by onWriteError; deactivate must still finish.
  await Promise.allSettled([...live].map((history) => history.flush()));
}

export interface RequestHistoryDeps {
  /** Fired once per logical call, success or failure, by the observer the extension gives every client. */
  readonly onDidRecordCall: vscode.Event<CallRecord>;
  readonly log: InspectorLog & UnexpectedErrorSinks['log'];
  readonly ui: UiPort;
}

interface HistoryCommandDeps {
  readonly history: RequestHistory;
  readonly inspector: RequestInspector;
  readonly ui: UiPort;
}

/** The commands the manifest (commandIds.ts) gives to the 'history' loader: they need the history and inspector built here. */
const HISTORY_COMMANDS: CommandImplementations<'history', HistoryCommandDeps> = {
  openRequestInspector: ({ inspector }) => openRequestInspectorCommand(inspector),
  exportRequestHistory: ({ history }) => exportHistoryCommand(history),
  clearHistory: ({ history, ui }) => clearHistoryCommand(history, ui),
};

export function registerRequestHistory(context: vscode.ExtensionContext, deps: RequestHistoryDeps): RequestHistory {
  // Global storage, not the workspace's: the history belongs to the user's cloud accounts, not to a folder. It is
  // not synced, so records stay on this machine.
  const history = new RequestHistory(historyStorage(context, readMaxRecords), readMaxRecords(), {
    onWriteError: (err) => deps.log.warn(vscode.l10n.t('Request history: could not persist the history: {0}', String(err))),
  });
  live.add(history);
  const view = new RequestHistoryView(history);
  // The inspector's buttons run the same commands as the view's menus, with their checks and dialogs.
  const port: InspectorPort = {
    undo: (recordId) => Promise.resolve(vscode.commands.executeCommand(COMMANDS.undo, recordId)),
    exportRecords: (recordIds) => {
      const options: ExportOptions = { recordIds };
      return Promise.resolve(vscode.commands.executeCommand(EXPORT_HISTORY_COMMAND, options));
    },
    copyRequestId: (requestId) => Promise.resolve(vscode.commands.executeCommand(COMMANDS.copyRequestId, requestId)),
    isUndoable,
  };
  const inspector = new RequestInspector(context.extensionUri, history, port, deps.log);

  context.subscriptions.push(
    // Failures are reported once per write by onWriteError, not once per record of a burst.
    deps.onDidRecordCall((record) => void history.add(record)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(MAX_RECORDS_SETTING)) void history.setMaxRecords(readMaxRecords());
    }),
    view,
    vscode.window.createTreeView(REQUEST_HISTORY_VIEW, { treeDataProvider: view }),
    inspector,
    inspector.registerSerializer(),
    { dispose: () => live.delete(history) },
    history,
  );
  registerCommands(context, 'history', { log: deps.log, ui: deps.ui }, implement(HISTORY_COMMANDS, { history, inspector, ui: deps.ui }));
  return history;
}

function readMaxRecords(): number {
  return clampMaxRecords(vscode.workspace.getConfiguration().get<number>(MAX_RECORDS_SETTING));
}
