// The Request Inspector as the extension holds it from activation. The panel itself (its HTML, the message
// protocol, the webview wiring) is needed only once somebody opens it, so it is required on the first show();
// esbuild.js bundles it into a file of its own that activation does not load.

import type * as vscode from 'vscode';
import type { RequestHistory } from '../history/requestHistory';
import type * as Panel from './inspectorPanel';

/** Where rejected messages are reported; the extension passes its LogOutputChannel. */
export interface InspectorLog {
  warn(message: string): void;
}

export class RequestInspector implements vscode.Disposable {
  private panel: Panel.InspectorPanel | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly history: RequestHistory,
    private readonly log: InspectorLog,
  ) {}

  /** Opens (or reveals) the panel; with a record id, selects that record once the page has it. */
  show(recordId?: string): void {
    // Until now there was no page to push history changes to; the panel subscribes when it is created.
    this.panel ??= new (require('./inspectorPanel') as typeof Panel).InspectorPanel(this.extensionUri, this.history, this.log);
    this.panel.show(recordId);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
