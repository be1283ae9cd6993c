// What a Request History row says: label, description and tooltip of a record in the display language, and which
// shown revocations a later call overtook (no Undo on those). Its own lazy bundle (esbuild.js LAZY_BUNDLES): needed
// once the view shows rows, not at activation.

import type { HistoryRecord } from '../records/historyRecord';
import { recordDescription, recordLabel, recordTooltip } from '../records/recordText';
import { recordWords } from '../webview/recordWords';

export { overtakenIds } from './laterChange';

export function historyRowText(record: HistoryRecord): { readonly label: string; readonly description: string } {
  return { label: recordLabel(record), description: recordDescription(record, recordWords()) };
}

export function historyRowTooltip(record: HistoryRecord): string {
  return recordTooltip(record, recordWords());
}
