// Records as CSV, for audit spreadsheets. No VS Code (the export command writes the text). One row per record,
// one column per field a person filters on; parameters as `name=value` pairs in one cell.
//
// Escaping (RFC 4180): a cell holding a comma, a double quote, CR or LF is quoted and its quotes doubled; rows end
// with CRLF. Spreadsheets also run a cell that starts with = + - @ (or tab / CR) as a formula, and record fields
// come from servers and settings: such a cell gets a leading ' so it reads as text ("formula injection").
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

/** One cell: formula-looking text defused with a leading ', then quoted when it must be. */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
