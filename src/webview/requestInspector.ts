// The Request Inspector as the extension holds it from activation. The panel itself (its HTML, the message
// protocol, the webview wiring, the delta batching) is needed only once somebody opens it, so it is required on the
// first show(); esbuild.js bundles it into a file of its own that activation does not load.
//
// The inspector knows records, not the history or its commands: whoever wires it (the history) hands it a source
// of records and a port for the actions, so src/webview never imports src/history.

import * as vscode from 'vscode';
import type * as Panel from './inspectorPanel';
import { INSPECTOR_VIEW_TYPE, type InspectorLog, type InspectorPort, type InspectorSource } from './inspectorPort';

export class RequestInspector implements vscode.Disposable {
  private panel: Panel.InspectorPanel | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly source: InspectorSource,
    private readonly port: InspectorPort,
    private readonly log: InspectorLog,
  ) {}

  /** Opens (or reveals) the panel; with a record id, selects that record once the page has it. */
  show(recordId?: string): void {
    this.load().show(recordId);
  }

  /**
   * Brings the inspector back after a window reload: VS Code keeps the panel and its page state (the filter)
   * and hands the panel to this serializer. Registering it costs nothing; the panel code loads only when VS Code
   * actually restores one.
   */
  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(INSPECTOR_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => this.load().restore(panel),
    });
  }

  private load(): Panel.InspectorPanel {
    // Until now there was no page to send changes to; the panel subscribes to the source when it is created.
    this.panel ??= new (require('./inspectorPanel') as typeof Panel).InspectorPanel(this.extensionUri, this.source, this.port, this.log);
    return this.panel;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
