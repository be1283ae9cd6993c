// Records as CSV, for audit spreadsheets. No VS Code (the export command writes the text). One row per record,
// one column per field a person filters on; parameters as `name=value` pairs in one cell.
//
// Escaping (RFC 4180): a cell holding a double quote or a character a spreadsheet may split cells on (comma,
// semicolon, tab, `|`, CR, LF) is quoted and its quotes doubled; rows end with CRLF. Quoting more than RFC 4180
// needs is allowed, and keeps a cell whole for an importer set to another separator.
//
// Formula injection: spreadsheets run a cell that starts with = + - @ as a formula (and strip a leading tab or CR
// first), and record fields come from servers and settings. Which character separates cells is the importer's
// choice (a `;` in many locales, a tab or `|` on request), and "Text to Columns" splits again after import, so
// every place that may become the start of a cell is defused: the cell's start and each point after a separator,
// past any spaces, tabs and line breaks an importer may trim. A ' goes before the trigger there (a spreadsheet
// reads a cell that starts with ' as text and hides the '): `Denied;=cmd|' /C calc'!A0` is written
// `"Denied;'=cmd|' /C calc'!A0"`. A cell that starts with a tab or CR gets a leading ' as well.
// The text starts with a byte-order mark so spreadsheet programs read it as UTF-8.

import type { HistoryRecord } from './historyRecord';

interface Column {
  readonly header: string;
  readonly value: (record: HistoryRecord) => string | number | undefined;
}

export const CSV_COLUMNS: readonly Column[] = [
  { header: 'Time', value: (r) => r.time },
  { header: 'Profile', value: (r) => r.profile },
  { header: 'Account', value: (r) => r.account },
  { header: 'Product', value: (r) => r.product.toUpperCase() },
  { header: 'Action', value: (r) => r.action },
  { header: 'Target', value: (r) => r.target },
  { header: 'Region', value: (r) => r.region },
  { header: 'Endpoint', value: (r) => r.endpoint },
  { header: 'Outcome', value: (r) => r.outcome },
  { header: 'RequestId', value: (r) => r.requestId },
  { header: 'ErrorCode', value: (r) => r.error?.code },
  { header: 'ErrorKind', value: (r) => r.error?.kind },
  { header: 'HttpStatus', value: (r) => r.error?.httpStatus },
  { header: 'ErrorMessage', value: (r) => r.error?.message },
  { header: 'Recommend', value: (r) => r.error?.recommend },
  { header: 'LatencyMs', value: (r) => r.latencyMs },
  { header: 'Attempts', value: (r) => r.attempts },
  { header: 'AccessKeyId', value: (r) => r.maskedAccessKeyId },
  { header: 'Params', value: (r) => Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join('; ') },
  { header: 'NonExistPolicyNames', value: (r) => r.nonExistPolicyNames?.join('; ') },
  { header: 'FailedPolicyNames', value: (r) => r.failedPolicyNames?.join('; ') },
  { header: 'ConfirmedBy', value: (r) => (r.confirmedBy ? `${r.confirmedBy.action} ${r.confirmedBy.requestId}` : undefined) },
  { header: 'UndoneByRequestId', value: (r) => r.undoneBy?.requestId },
  { header: 'UndoneAt', value: (r) => r.undoneBy?.time },
  { header: 'RecordId', value: (r) => r.id },
];

const BOM = '\uFEFF';

export function recordsToCsv(records: readonly HistoryRecord[]): string {
  const rows = [CSV_COLUMNS.map((c) => c.header), ...records.map((r) => CSV_COLUMNS.map((c) => c.value(r)))];
  return BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The characters an importer may be told to split cells on, line breaks included. */
const SEPARATORS = ',;\t|\r\n';
/** A formula trigger at the cell's start or after a separator, past whitespace an importer may trim. */
const FORMULA_START = new RegExp(`(^|[${SEPARATORS}])([ \\t\\r\\n]*)(?=[=+\\-@])`, 'g');
const NEEDS_QUOTES = new RegExp(`["${SEPARATORS}]`);

/** One cell: every would-be cell start that runs a formula defused with a ', then quoted when it holds a separator. */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value).replace(FORMULA_START, "$1$2'");
  if (/^[\t\r]/.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
