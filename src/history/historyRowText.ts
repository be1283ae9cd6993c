// What a Request History row says: label, description and tooltip of a record in the display language. Its own lazy
// bundle (esbuild.js LAZY_BUNDLES): the words are needed once the view shows a row, not at activation.

import type { HistoryRecord } from '../records/historyRecord';
import { recordDescription, recordLabel, recordTooltip } from '../records/recordText';
import { recordWords } from '../webview/recordWords';

export function historyRowText(record: HistoryRecord): { readonly label: string; readonly description: string } {
  return { label: recordLabel(record), description: recordDescription(record, recordWords()) };
}

export function historyRowTooltip(record: HistoryRecord): string {
  return recordTooltip(record, recordWords());
}
