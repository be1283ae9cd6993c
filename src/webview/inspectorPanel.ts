// The Request Inspector panel, loaded on first show (see requestInspector.ts): one per window, showing the request
// history in a webview. The panel does not retain its context when hidden (costly); the page keeps its own UI
// state with setState and asks for the records again ('ready') whenever it loads, and the history pushes every
// change while it is open.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { CallRecord } from '../cloud';
import { EXPORT_HISTORY_COMMAND, type ExportOptions } from '../history/exportHistory';
import type { RequestHistory } from '../history/requestHistory';
import { isUndoable } from '../history/undoPlan';
import { COMMANDS } from '../commandIds';
import { inspectorHtml } from './inspectorHtml';
import { parseInspectorRequest, type InspectorRequest, type InspectorUpdate } from './messages';
import type { InspectorLog } from './requestInspector';

export const INSPECTOR_VIEW_TYPE = 'alicloudMedia.requestInspector';
export const COPY_REQUEST_ID_COMMAND = COMMANDS.copyRequestId;

export class InspectorPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private pendingFocus: string | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly history: RequestHistory,
    private readonly log: InspectorLog,
  ) {
    this.subscriptions.push(history.onDidChange(() => this.sendRecords()));
  }

  /** Opens (or reveals) the panel; with a record id, selects that record once the page has it. */
  show(recordId?: string): void {
    this.pendingFocus = recordId;
    if (this.panel) {
      // A visible page takes the focus now; a hidden one reloads on reveal and gets it after its 'ready'.
      const visible = this.panel.visible;
      this.panel.reveal();
      if (visible) this.sendFocus();
      return;
    }
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(
      INSPECTOR_VIEW_TYPE,
      vscode.l10n.t('Request Inspector'),
      vscode.ViewColumn.Active,
      { enableScripts: true, localResourceRoots: [root] },
    );
    const webview = panel.webview;
    webview.html = inspectorHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'inspector.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'inspector.css')).toString(),
    });
    const onMessage = webview.onDidReceiveMessage((data: unknown) => this.receive(data));
    panel.onDidDispose(() => {
      onMessage.dispose();
      this.panel = undefined;
    });
    this.panel = panel;
  }

  private receive(data: unknown): void {
    const parsed = parseInspectorRequest(data);
    if ('error' in parsed) {
      this.log.warn(`Request Inspector: rejected a message from the webview: ${parsed.error}`);
      return;
    }
    void this.handle(parsed.message).catch((err: unknown) => {
      this.log.warn(`Request Inspector: ${parsed.message.type} failed: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  private async handle(message: InspectorRequest): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.sendRecords();
        this.sendFocus();
        return;
      case 'copyRequestId':
        await vscode.commands.executeCommand(COPY_REQUEST_ID_COMMAND, message.requestId);
        return;
      case 'undo':
        await vscode.commands.executeCommand(COMMANDS.undo, message.recordId);
        return;
      case 'export': {
        const options: ExportOptions = { recordIds: message.recordIds };
        await vscode.commands.executeCommand(EXPORT_HISTORY_COMMAND, options);
        return;
      }
    }
  }

  private sendRecords(): void {
    const records: readonly CallRecord[] = this.history.records();
    this.post({ type: 'records', records, undoableIds: records.filter(isUndoable).map((r) => r.id) });
  }

  /** Once only: later reloads of the page restore the user's own selection from its state. */
  private sendFocus(): void {
    if (this.pendingFocus !== undefined) {
      this.post({ type: 'focus', recordId: this.pendingFocus });
      this.pendingFocus = undefined;
    }
  }

  private post(message: InspectorUpdate): void {
    // A hidden panel has no page to deliver to; it asks again with 'ready' when shown.
    void this.panel?.webview.postMessage(message);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
