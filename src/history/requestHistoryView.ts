// The "Request History" view: one row per CallRecord, newest first, with an outcome icon, the action and target,
// the time and a short RequestId, and the full record in the tooltip.
//
// Built for 5,000 records and bulks of 1,000 calls: every refresh makes VS Code read all rows again in the
// extension host and send them to the window, so changes refresh the view at most every REFRESH_DELAY_MS, the
// view lists the newest VIEW_LIMIT records (a last row leads to the Request Inspector, which pages through all of
// them), and tooltips are built when a row is hovered (resolveTreeItem), not for every row on every refresh.

import * as vscode from 'vscode';
import type { CallOutcome } from '../cloud';
import type { HistoryRecord } from '../records/historyRecord';
import type * as RowText from './historyRowText';
import { OPEN_INSPECTOR_COMMAND } from '../webview/openRequestInspector';
import type { RequestHistory } from './requestHistory';
import { isUndoable } from './undoPlan';
import { inertRow, inertText } from '../inertText';

export const REQUEST_HISTORY_VIEW = 'alicloudMedia.requests';

/** The rows' words (and which revocations were overtaken) load with the first rows shown (their own bundle), not at activation. */
function rowText(): typeof RowText {
  return require('./historyRowText') as typeof RowText;
}
const REFRESH_DELAY_MS = 250;
export const VIEW_LIMIT = 500;


/** Menus key on these: only successful revocations offer Undo. */
export const CONTEXT_REQUEST = 'request';
export const CONTEXT_UNDOABLE_REQUEST = 'request.undoable';

const OUTCOME_ICONS: Record<CallOutcome, vscode.ThemeIcon> = {
  succeeded: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  cancelled: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('testing.iconSkipped')),
  unknown: new vscode.ThemeIcon('question', new vscode.ThemeColor('testing.iconQueued')),
};

/**
 * A row of the view. A class instance rather than the record itself, so commands invoked from its menu can tell
 * the UI (confirm first) from a programmatic call with a plain object (no prompt).
 */
export class HistoryRow {
  constructor(readonly record: HistoryRecord) {}

  get id(): string {
    return this.record.id;
  }

  get requestId(): string | undefined {
    return this.record.requestId;
  }
}

/** The last row when the history holds more than the view lists. */
export interface OlderRecords {
  readonly older: number;
}

type Row = HistoryRow | OlderRecords;

export class RequestHistoryView implements vscode.TreeDataProvider<Row>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };
  private refresh: ReturnType<typeof setTimeout> | undefined;
  /** Shown records that a later call of the same target overtook, as of the last listing. */
  private overtaken = new Set<string>();

  constructor(private readonly history: RequestHistory) {
    this.subscription = history.onDidChange(() => {
      this.refresh ??= setTimeout(() => {
        this.refresh = undefined;
        this.changed.fire();
      }, REFRESH_DELAY_MS);
    });
  }

  async getChildren(element?: Row): Promise<Row[]> {
    if (element) {
      return [];
    }
    // The first read of the journal is sliced (requestHistory.ts): the view waits for it instead of showing nothing.
    await this.history.ready();
    const records = this.history.records();
    const newest = records.slice(0, VIEW_LIMIT);
    // A revocation a later call of the same target overtook (in any window) offers no Undo; the command refuses it too.
    this.overtaken = rowText().overtakenIds(newest);
    const shown: Row[] = newest.map((record) => new HistoryRow(record));
    return records.length > VIEW_LIMIT ? [...shown, { older: records.length - VIEW_LIMIT }] : shown;
  }

  getTreeItem(row: Row): vscode.TreeItem {
    if ('older' in row) {
      const item = new vscode.TreeItem(vscode.l10n.t('{0} older requests…', row.older), vscode.TreeItemCollapsibleState.None);
      item.id = 'older-requests';
      item.tooltip = vscode.l10n.t('The view lists the newest {0}. The Request Inspector shows, filters and exports all of them.', VIEW_LIMIT);
      item.iconPath = new vscode.ThemeIcon('inspect');
      item.command = { command: OPEN_INSPECTOR_COMMAND, title: vscode.l10n.t('Open Request Inspector') };
      return item;
    }
    const { record } = row;
    const { label, description } = rowText().historyRowText(record);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = record.id;
    item.description = description;
    // Records hold server text (targets named by listings, error messages): shown as words (src/inertText.ts).
    inertRow(item);
    item.iconPath = OUTCOME_ICONS[record.outcome];
    item.contextValue = isUndoable(record) && !this.overtaken.has(record.id) ? CONTEXT_UNDOABLE_REQUEST : CONTEXT_REQUEST;
    item.accessibilityInformation = { label: `${label}, ${record.outcome}, ${description}` };
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, row: Row): vscode.TreeItem {
    if (!('older' in row)) item.tooltip = inertText(rowText().historyRowTooltip(row.record));
    return item;
  }

  dispose(): void {
    if (this.refresh) clearTimeout(this.refresh);
    this.subscription.dispose();
    this.changed.dispose();
  }
}
