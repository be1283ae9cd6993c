// Every word the Request Inspector shows, as plain data: the extension words it in the display language
// (inspectorWords.ts) and hands it to the page with its HTML (inspectorHtml.ts renders the static markup from it
// and embeds the table for the script), so the webview has no translation system of its own. Templates carry
// `{0}`-style placeholders that the script fills in with fillIn (src/records/recordText.ts). No VS Code import.

import type { RecordWords } from '../records/recordText';

export interface InspectorText {
  /** The page's language, `vscode.env.language` (e.g. `zh-cn`), for `<html lang>`. */
  readonly language: string;
  readonly title: string;
  readonly filterPlaceholder: string;
  readonly filterLabel: string;
  readonly outcomeLabel: string;
  readonly outcomeAll: string;
  readonly outcomeSucceeded: string;
  readonly outcomeFailed: string;
  readonly outcomeCancelled: string;
  readonly outcomeUnknown: string;
  readonly exportJson: string;
  readonly showMore: string;
  readonly empty: string;
  readonly selectedRequest: string;
  readonly copyRequestId: string;
  /** `Copy RequestId {0}`: the copy button in a row's RequestId cell. */
  readonly copyThisRequestId: string;
  /** The link to Alibaba Cloud's troubleshooting page for the selected record's error. */
  readonly troubleshoot: string;
  readonly undo: string;
  /** The detail pane's button that asks ActionTrail who made the selected call, and the heading of its answer. */
  readonly lookUpTrail: string;
  readonly trailTitle: string;
  readonly trailSearching: string;
  readonly detailPlaceholder: string;
  /** Column headings, by RecordQuery sort key. */
  readonly columns: {
    readonly time: string;
    readonly action: string;
    readonly target: string;
    readonly outcome: string;
    readonly code: string;
    readonly requestId: string;
    readonly latency: string;
  };
  /** `Sort by {0}` */
  readonly sortBy: string;
  /** `{0} of {1} requests` */
  readonly count: string;
  /** `{0} (showing the first {1})` */
  readonly countShowingFirst: string;
  readonly record: RecordWords;
}
