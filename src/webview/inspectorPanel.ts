// The Request Inspector panel, loaded on first show (see requestInspector.ts): one per window, showing the request
// history in a webview. The panel does not retain its context when hidden (costly); the page keeps its own UI
// state with setState and asks for the records again ('ready') whenever it loads. It gets the whole list then,
// and after that only what changed, batched every DELTA_INTERVAL_MS: a bulk of 1,000 calls on a 5,000-record
// history must not post (and make the page check) 1,000 copies of 5,000 records.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { troubleshootingUrlFor, type Site } from '../cloud/sites';
import { trustedAlibabaUrl } from '../cloud/trustedLink';
import { COMMANDS } from '../commandIds';
import { siteOfProfileNamed } from '../settings/profileSite';
import type { HistoryRecord, RecordChange } from '../records/historyRecord';
import { inspectorHtml } from './inspectorHtml';
import { inspectorText } from './inspectorWords';
import { parseInspectorRequest, type InspectorRequest, type InspectorUpdate } from './messages';
import { DeltaBatch } from './recordDelta';
import { INSPECTOR_VIEW_TYPE, type InspectorLog, type InspectorPort, type InspectorSource } from './inspectorPort';

export const DELTA_INTERVAL_MS = 100;

/** What alicloudMedia.actionTrail answers a programmatic call with (the fields the page shows). */
interface TrailAnswer {
  readonly ok: boolean;
  readonly details?: [string, string][];
  readonly message?: string;
  readonly error?: { readonly kind: string; readonly code: string; readonly message: string; readonly requestId?: string };
}

export class InspectorPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The page has said 'ready' and not been hidden since: it holds the records and can take a delta. */
  private pageReady = false;
  private pendingFocus: string | undefined;
  private readonly batch = new DeltaBatch();
  private batchTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly source: InspectorSource,
    private readonly port: InspectorPort,
    private readonly log: InspectorLog,
  ) {
    this.subscriptions.push(source.onDidChange((change) => this.collect(change)));
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
    const panel = vscode.window.createWebviewPanel(
      INSPECTOR_VIEW_TYPE,
      vscode.l10n.t('Request Inspector'),
      vscode.ViewColumn.Active,
      this.webviewOptions(),
    );
    this.adopt(panel);
  }

  /**
   * Takes over a panel VS Code restored after a window reload (the serializer in requestInspector.ts). Its page
   * state (filter, sort, selection) comes back through the webview's getState; the page then says 'ready'.
   * A second restored panel (two windows' worth of state in one) is closed: the inspector is one per window.
   */
  restore(panel: vscode.WebviewPanel): void {
    if (this.panel) {
      panel.dispose();
      return;
    }
    panel.webview.options = this.webviewOptions();
    this.adopt(panel);
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')] };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const webview = panel.webview;
    webview.html = inspectorHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'inspector.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'inspector.css')).toString(),
      text: inspectorText(vscode.env.language),
    });
    const onMessage = webview.onDidReceiveMessage((data: unknown) => this.receive(data));
    // Hidden, the page is gone; shown again, it reloads and says 'ready' for a fresh list.
    const onViewState = panel.onDidChangeViewState(() => {
      if (!panel.visible) this.pageReady = false;
    });
    panel.onDidDispose(() => {
      onMessage.dispose();
      onViewState.dispose();
      this.panel = undefined;
      this.pageReady = false;
    });
    this.panel = panel;
    this.pageReady = false;
  }

  private receive(data: unknown): void {
    const parsed = parseInspectorRequest(data);
    if ('error' in parsed) {
      this.log.warn(vscode.l10n.t('Request Inspector: rejected a message from the webview: {0}', parsed.error));
      return;
    }
    void this.handle(parsed.message).catch((err: unknown) => {
      this.log.warn(vscode.l10n.t('Request Inspector: {0} failed: {1}', parsed.message.type, err instanceof Error ? err.message : String(err)));
    });
  }

  private async handle(message: InspectorRequest): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.pageReady = true;
        this.sendRecords();
        this.sendFocus();
        return;
      case 'copyRequestId':
        await this.port.copyRequestId(message.requestId);
        return;
      case 'undo':
        await this.port.undo(message.recordId);
        return;
      case 'export':
        await this.port.exportRecords(message.recordIds);
        return;
      case 'openTroubleshooting':
        await this.openTroubleshooting(message.recordId);
        return;
      case 'lookUpTrail':
        await this.lookUpTrail(message.recordId);
        return;
    }
  }

  /**
   * The record's ActionTrail event, through the same command as the history row's (so it is paced, cached and logged
   * alike), answered to the page as rows to show as text.
   */
  private async lookUpTrail(recordId: string): Promise<void> {
    const result = (await vscode.commands.executeCommand(COMMANDS.actionTrail, { recordId })) as TrailAnswer | undefined;
    const rows = result?.ok && result.details ? result.details : [];
    const error = result?.ok === false ? result.error : undefined;
    const note = !error
      ? (result?.message ?? '')
      : error.kind === 'permission'
        ? vscode.l10n.t('This AccessKey may not read ActionTrail: grant it {0} ({1}, RequestId {2}).', 'actiontrail:LookupEvents', error.code, error.requestId ?? '-')
        : vscode.l10n.t('ActionTrail lookup failed: {0}', `${error.code}: ${error.message}`);
    this.post({ type: 'trail', recordId, note, rows });
  }

  /**
   * The record's own Recommend link, from the history's copy, on its profile's site (servers send the China
   * site's page to every account), opened only when it is Alibaba's.
   */
  private async openTroubleshooting(recordId: string): Promise<void> {
    const record = this.source.records().find((r) => r.id === recordId);
    const link = record?.error?.recommend;
    const site = siteOfProfileNamed(record?.profile);
    const url = trustedAlibabaUrl(link && site ? troubleshootingUrlFor(site, link) : link);
    if (!url) {
      this.log.warn(vscode.l10n.t("Request Inspector: not opening the troubleshooting link of record {0}: it is not an https:// link to one of Alibaba Cloud's documentation, API or console pages.", recordId));
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  /** The whole list; it supersedes whatever was batched. */
  private sendRecords(): void {
    this.dropBatch();
    const records = this.source.records();
    this.post({ type: 'records', records: onTheirSites(records), undoableIds: this.undoableIds(records) });
  }

  private collect(change: RecordChange): void {
    // Without a ready page there is no one to send a difference to: the next 'ready' gets the whole list.
    if (!this.pageReady) {
      return;
    }
    this.batch.push(change);
    this.batchTimer ??= setTimeout(() => this.sendBatch(), DELTA_INTERVAL_MS);
  }

  private sendBatch(): void {
    this.batchTimer = undefined;
    if (!this.pageReady || this.batch.empty) {
      this.batch.clear();
      return;
    }
    const delta = this.batch.take();
    if (delta === 'full') {
      this.sendRecords();
      return;
    }
    const shown = { ...delta, added: onTheirSites(delta.added), updated: onTheirSites(delta.updated) };
    this.post({ type: 'delta', ...shown, undoableIds: this.undoableIds([...delta.added, ...delta.updated]) });
  }

  private dropBatch(): void {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    this.batch.clear();
  }

  private undoableIds(records: readonly HistoryRecord[]): string[] {
    return records.filter((r) => this.port.isUndoable(r)).map((r) => r.id);
  }

  /** Once only: later reloads of the page restore the user's own selection from its state. */
  private sendFocus(): void {
    if (this.pendingFocus !== undefined) {
      this.post({ type: 'focus', recordId: this.pendingFocus });
      void this.sendKnownTrail(this.pendingFocus);
      this.pendingFocus = undefined;
    }
  }

  /**
   * A record shown on request ("Show in Inspector" after a lookup) gets its ActionTrail event at once when one was
   * already found: the command answers from what it found, without a call.
   */
  private async sendKnownTrail(recordId: string): Promise<void> {
    const result = (await vscode.commands.executeCommand(COMMANDS.actionTrail, { recordId, cachedOnly: true })) as TrailAnswer | undefined;
    if (result?.ok && result.details) this.post({ type: 'trail', recordId, note: '', rows: result.details });
  }

  private post(message: InspectorUpdate): void {
    // A hidden panel has no page to deliver to; it asks again with 'ready' when shown.
    void this.panel?.webview.postMessage(message);
  }

  dispose(): void {
    this.dropBatch();
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/**
 * The records as the page shows them: an error's Troubleshoot link on its profile's site, the page
 * openTroubleshooting opens (servers send the China site's to every account), so the button's tooltip names it too.
 */
function onTheirSites(records: readonly HistoryRecord[]): HistoryRecord[] {
  const sites = new Map<string, Site | undefined>();
  return records.map((record) => {
    const link = record.error?.recommend;
    if (!record.error || !link || !record.profile) return record;
    if (!sites.has(record.profile)) sites.set(record.profile, siteOfProfileNamed(record.profile));
    const site = sites.get(record.profile);
    const shown = site ? troubleshootingUrlFor(site, link) : link;
    return shown === link ? record : { ...record, error: { ...record.error, recommend: shown } };
  });
}
