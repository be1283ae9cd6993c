// The Request Inspector's script: holds the records the extension sends, renders the filtered and sorted table and
// the selected record, and asks the extension to copy, undo or export. It never trusts a message it receives
// (parseInspectorUpdate) and remembers its filter, sort and selection across hide/show with setState.

import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-table/index.js';
import '@vscode-elements/elements/dist/vscode-table-body/index.js';
import '@vscode-elements/elements/dist/vscode-table-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-header/index.js';
import '@vscode-elements/elements/dist/vscode-table-header-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-row/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import './inspector.css';

import type { HistoryRecord } from '../../records/historyRecord';
import { parseInspectorUpdate } from '../messages';
import { applyDelta } from '../recordDelta';
import { isOutcomeFilter, queryRecords, toggleSort, type RecordQuery } from '../recordQuery';
import { restoreViewState, type ViewState } from '../viewState';
import { fillIn } from '../../records/recordText';
import { renderDetail, type TrailView } from './detailPane';
import { pageText } from './pageText';
import { renderHeader, renderRows, revealRow } from './requestTable';
import { loadState, post, saveState } from './vscodeApi';

/** Rows are shown a page at a time: thousands of table rows would make every update slow to lay out. */
const ROW_PAGE = 500;

let records: readonly HistoryRecord[] = [];
let rowLimit = ROW_PAGE;
let renderQueued = false;
let undoableIds = new Set<string>();
/** ActionTrail's answers by record id, for this page's life (the extension caches the events themselves). */
const trails = new Map<string, TrailView | 'searching'>();
let view: ViewState = restoreViewState(loadState());

const filter = element<HTMLElement & { value: string }>('filter');
const outcome = element<HTMLElement & { value: string }>('outcome');
const header = element('requests-header');
const body = element('requests-body');

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) {
    throw new Error(`inspector markup lacks #${id}`);
  }
  return found as T;
}

function visibleRecords(): HistoryRecord[] {
  return queryRecords(records, view.query);
}

function selectedRecord(): HistoryRecord | undefined {
  return view.selectedId === undefined ? undefined : records.find((r) => r.id === view.selectedId);
}

function setView(next: ViewState): void {
  view = next;
  saveState(view);
  render();
}

function setQuery(query: RecordQuery): void {
  rowLimit = ROW_PAGE;
  setView({ ...view, query });
}

function select(record: HistoryRecord): void {
  setView({ ...view, selectedId: record.id });
}

/** Updates from the extension render once per frame, however many arrive in it. */
function scheduleRender(): void {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    render();
  });
}

function render(): void {
  const visible = visibleRecords();
  const shown = visible.slice(0, rowLimit);
  renderHeader(header, view.query, (key) => setQuery(toggleSort(view.query, key)));
  renderRows(body, shown, view.selectedId, { onSelect: select, onCopyRequestId: (requestId) => post({ type: 'copyRequestId', requestId }) });
  const count = fillIn(pageText().count, visible.length, records.length);
  const more = shown.length < visible.length;
  element('count').textContent = more ? fillIn(pageText().countShowingFirst, count, shown.length) : count;
  element('more').hidden = !more;
  element('empty').hidden = visible.length > 0;
  const selected = selectedRecord();
  renderDetail(selected, selected !== undefined && undoableIds.has(selected.id), selected ? trails.get(selected.id) : undefined);
}

filter.value = view.query.text;
outcome.value = view.query.outcome;

filter.addEventListener('input', () => setQuery({ ...view.query, text: filter.value }));
outcome.addEventListener('change', () => {
  if (isOutcomeFilter(outcome.value)) setQuery({ ...view.query, outcome: outcome.value });
});
element('more').addEventListener('click', () => {
  rowLimit += ROW_PAGE;
  render();
});
element('export').addEventListener('click', () => post({ type: 'export', recordIds: visibleRecords().map((r) => r.id) }));
element('copy-request-id').addEventListener('click', () => {
  const requestId = selectedRecord()?.requestId;
  if (requestId) post({ type: 'copyRequestId', requestId });
});
element('troubleshoot').addEventListener('click', (event) => {
  event.preventDefault();
  // The extension looks the record up and checks its link itself: the page never opens a URL.
  const record = selectedRecord();
  if (record?.error?.recommend) post({ type: 'openTroubleshooting', recordId: record.id });
});
element('undo').addEventListener('click', () => {
  const record = selectedRecord();
  if (record && undoableIds.has(record.id)) post({ type: 'undo', recordId: record.id });
});

element('look-up-trail').addEventListener('click', () => {
  const record = selectedRecord();
  if (!record?.requestId) return;
  trails.set(record.id, 'searching');
  render();
  post({ type: 'lookUpTrail', recordId: record.id });
});

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = parseInspectorUpdate(event.data);
  if ('error' in parsed) {
    console.warn(`Request Inspector ignored a message: ${parsed.error}`);
    return;
  }
  const message = parsed.message;
  if (message.type === 'records') {
    records = message.records;
    undoableIds = new Set(message.undoableIds);
    scheduleRender();
  } else if (message.type === 'delta') {
    records = applyDelta(records, message);
    for (const id of message.removedIds) undoableIds.delete(id);
    const undoable = new Set(message.undoableIds);
    for (const r of [...message.added, ...message.updated]) {
      if (undoable.has(r.id)) undoableIds.add(r.id);
      else undoableIds.delete(r.id);
    }
    scheduleRender();
  } else if (message.type === 'trail') {
    trails.set(message.recordId, { note: message.note, rows: message.rows });
    scheduleRender();
  } else {
    // Focusing a record that the filter hides would show nothing: clear the filter so the row is there to see.
    const target = records.find((r) => r.id === message.recordId);
    const hidden = target !== undefined && !visibleRecords().includes(target);
    if (hidden) {
      filter.value = '';
      outcome.value = 'all';
    }
    const query = hidden ? { ...view.query, text: '', outcome: 'all' as const } : view.query;
    // A record further down than the rows shown: show enough pages to reach it.
    const position = queryRecords(records, query).findIndex((r) => r.id === message.recordId);
    if (position >= rowLimit) rowLimit = Math.ceil((position + 1) / ROW_PAGE) * ROW_PAGE;
    setView({ query, selectedId: message.recordId });
    revealRow(body, message.recordId);
  }
});

render();
post({ type: 'ready' });
