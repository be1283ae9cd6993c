// The history table: sortable header buttons and one focusable row per record. Rows use a roving tabindex, so
// Tab enters the table once; arrows move between rows, Enter or Space selects. Text goes in via textContent only:
// record fields come from the cloud and are never parsed as HTML. The RequestId cell shows the whole id, as
// selectable text with a copy button: it is what a support ticket needs, and a truncated one is useless there.

import type { HistoryRecord } from '../../records/historyRecord';
import { fillIn } from '../../records/recordText';
import type { RecordQuery, SortKey } from '../recordQuery';
import { pageText } from './pageText';

interface Column {
  readonly key: SortKey;
  readonly cell: (record: HistoryRecord) => string;
  /** Share of the table's width; the RequestId gets room for all 36 characters. */
  readonly width: string;
}

/** The headings come from the page's words (pageText().columns, by key). */
const COLUMNS: readonly Column[] = [
  { key: 'time', cell: (r) => formatTime(r.time), width: '13%' },
  { key: 'action', cell: (r) => r.action, width: '16%' },
  { key: 'target', cell: (r) => r.target, width: '14%' },
  { key: 'outcome', cell: (r) => r.outcome, width: '8%' },
  { key: 'code', cell: (r) => r.error?.code ?? '', width: '11%' },
  { key: 'requestId', cell: (r) => r.requestId ?? '', width: '30%' },
  { key: 'latency', cell: (r) => `${r.latencyMs} ms`, width: '8%' },
];

export function renderHeader(header: HTMLElement, query: RecordQuery, onSort: (key: SortKey) => void): void {
  header.replaceChildren(
    ...COLUMNS.map((column) => {
      const cell = document.createElement('vscode-table-header-cell');
      // Set here because the header is rebuilt on every render, which drops the widths the table assigned.
      cell.style.width = column.width;
      const sorted = query.sortKey === column.key;
      cell.setAttribute('aria-sort', sorted ? (query.sortDirection === 'asc' ? 'ascending' : 'descending') : 'none');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.dataset.key = column.key;
      const label = pageText().columns[column.key];
      button.textContent = sorted ? `${label} ${query.sortDirection === 'asc' ? '▲' : '▼'}` : label;
      button.title = fillIn(pageText().sortBy, label);
      button.addEventListener('click', () => onSort(column.key));
      cell.append(button);
      return cell;
    }),
  );
}

// A row per record object, reused while the record is unchanged: during a bulk most rows stay, and building
// hundreds of rows of custom elements on every update kept the page busy. Records are immutable; an updated one
// is a new object and gets a new row.
const rowCache = new WeakMap<HistoryRecord, HTMLElement>();

export interface RowHandlers {
  readonly onSelect: (record: HistoryRecord) => void;
  readonly onCopyRequestId: (requestId: string) => void;
}

export function renderRows(
  body: HTMLElement,
  records: readonly HistoryRecord[],
  selectedId: string | undefined,
  handlers: RowHandlers,
): void {
  // Keep keyboard focus on the same record across live updates.
  const focusedId = (document.activeElement as HTMLElement | null)?.closest?.('vscode-table-row')?.getAttribute('data-id');
  const tabStop = records.some((r) => r.id === selectedId) ? selectedId : records[0]?.id;
  const rows = records.map((record) => {
    let row = rowCache.get(record);
    if (!row) {
      row = createRow(record, handlers);
      rowCache.set(record, row);
    }
    row.tabIndex = record.id === tabStop ? 0 : -1;
    const selected = record.id === selectedId;
    if (selected) row.setAttribute('aria-current', 'true');
    else row.removeAttribute('aria-current');
    row.classList.toggle('selected', selected);
    return row;
  });
  body.replaceChildren(...rows);
  // The first row's cells carry the column widths too (as the table itself does when it sizes columns).
  rows[0]?.querySelectorAll('vscode-table-cell').forEach((cell, i) => {
    (cell as HTMLElement).style.width = COLUMNS[i]?.width ?? '';
  });
  if (focusedId) {
    rows.find((row) => row.dataset.id === focusedId)?.focus();
  }
}

function createRow(record: HistoryRecord, handlers: RowHandlers): HTMLElement {
  const { onSelect } = handlers;
  const row = document.createElement('vscode-table-row');
  row.dataset.id = record.id;
  row.classList.add(`outcome-${record.outcome}`);
  row.append(
    ...COLUMNS.map((column) => {
      const cell = document.createElement('vscode-table-cell');
      if (column.key === 'requestId' && record.requestId) {
        cell.append(requestIdCell(record.requestId, handlers.onCopyRequestId));
        cell.classList.add('request-id');
        cell.title = record.requestId;
      } else {
        cell.textContent = column.cell(record);
      }
      return cell;
    }),
  );
  row.addEventListener('click', () => onSelect(record));
  row.addEventListener('keydown', (event) => onRowKey(event, row, record, onSelect));
  return row;
}

/** The whole id as selectable text, and a button that copies it without selecting the row. */
function requestIdCell(requestId: string, onCopy: (requestId: string) => void): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const text = document.createElement('span');
  text.className = 'request-id-text';
  text.textContent = requestId;
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.className = 'copy-id';
  copy.append(copyIcon());
  const label = fillIn(pageText().copyThisRequestId, requestId);
  copy.title = label;
  copy.setAttribute('aria-label', label);
  copy.tabIndex = -1;
  copy.addEventListener('click', (event) => {
    event.stopPropagation();
    onCopy(requestId);
  });
  // Selecting the text must not select the row underneath (and re-render it away from the selection).
  text.addEventListener('click', (event) => {
    if (window.getSelection()?.toString()) event.stopPropagation();
  });
  // The button first: in a narrow panel the id wraps, and the button stays where the eye expects it.
  fragment.append(copy, text);
  return fragment;
}

/** Two overlapping sheets, drawn inline: the page has no icon font, and a font glyph may be missing. */
function copyIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '14');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  for (const [x, y] of [[5, 1], [1, 5]]) {
    const sheet = document.createElementNS(ns, 'rect');
    sheet.setAttribute('x', String(x));
    sheet.setAttribute('y', String(y));
    sheet.setAttribute('width', '10');
    sheet.setAttribute('height', '10');
    sheet.setAttribute('rx', '1');
    sheet.setAttribute('fill', x === 1 ? 'var(--vscode-editor-background)' : 'none');
    sheet.setAttribute('stroke', 'currentColor');
    svg.append(sheet);
  }
  return svg;
}

function onRowKey(event: KeyboardEvent, row: HTMLElement, record: HistoryRecord, onSelect: (r: HistoryRecord) => void): void {
  switch (event.key) {
    case 'Enter':
    case ' ':
      event.preventDefault();
      onSelect(record);
      return;
    case 'ArrowDown':
      event.preventDefault();
      moveFocus(row, row.nextElementSibling);
      return;
    case 'ArrowUp':
      event.preventDefault();
      moveFocus(row, row.previousElementSibling);
      return;
    case 'Home':
      event.preventDefault();
      moveFocus(row, row.parentElement?.firstElementChild ?? null);
      return;
    case 'End':
      event.preventDefault();
      moveFocus(row, row.parentElement?.lastElementChild ?? null);
      return;
  }
}

function moveFocus(from: HTMLElement, to: Element | null): void {
  if (!(to instanceof HTMLElement)) {
    return;
  }
  from.tabIndex = -1;
  to.tabIndex = 0;
  to.focus();
}

/** Focuses a record's row and scrolls it into view (used when the inspector opens on a record). */
export function revealRow(body: HTMLElement, recordId: string): void {
  const row = [...body.children].find((r) => (r as HTMLElement).dataset.id === recordId) as HTMLElement | undefined;
  row?.scrollIntoView({ block: 'nearest' });
  row?.focus();
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
