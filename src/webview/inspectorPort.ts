// What the inspector needs from whoever wires it, in a file of its own so that the always-loaded half
// (requestInspector.ts) and the lazily loaded panel (inspectorPanel.ts) both depend on it instead of on each other.

import type * as vscode from 'vscode';
import type { HistoryRecord, RecordChange } from '../records/historyRecord';

/** The panel's type: package.json activates the extension on `onWebviewPanel:` it, to restore it after a reload. */
export const INSPECTOR_VIEW_TYPE = 'alicloudMedia.requestInspector';

/** The records the inspector shows, newest first, and word of every change. */
export interface InspectorSource {
  records(): readonly HistoryRecord[];
  onDidChange(listener: (change: RecordChange) => void): vscode.Disposable;
}

/** What the inspector's buttons do; the history supplies it (its commands, with their checks and dialogs). */
export interface InspectorPort {
  undo(recordId: string): Promise<unknown>;
  /** The records with these ids, in this order (the filtered rows on screen). */
  exportRecords(recordIds: readonly string[]): Promise<unknown>;
  copyRequestId(requestId: string): Promise<unknown>;
  /** Whether the Undo button applies to a record. */
  isUndoable(record: HistoryRecord): boolean;
}

/** Where rejected messages are reported; the extension passes its LogOutputChannel. */
export interface InspectorLog {
  warn(message: string): void;
}
