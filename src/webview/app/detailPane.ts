// The selected record in full, and the normalized response or error, plus which actions apply to it.

import { trustedAlibabaUrl } from '../../cloud/trustedLink';
import type { HistoryRecord } from '../../records/historyRecord';
import { recordDetails, recordResponse, undoneText } from '../../records/recordText';
import { pageText } from './pageText';

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`inspector markup lacks #${id}`);
  }
  return element as T;
}

export function renderDetail(record: HistoryRecord | undefined, undoable: boolean): void {
  const fields = byId('detail-fields');
  const placeholder = byId('detail-placeholder');
  const responseTitle = byId('detail-response-title');
  const response = byId('detail-response');
  const copy = byId('copy-request-id');
  const undo = byId('undo');
  const undone = byId('detail-undone');
  const troubleshoot = byId<HTMLAnchorElement>('troubleshoot');

  placeholder.hidden = record !== undefined;
  responseTitle.hidden = record === undefined;
  response.hidden = record === undefined;
  toggleDisabled(copy, !record?.requestId);
  toggleDisabled(undo, !record || !undoable);
  const words = pageText().record;
  const undoneNote = record ? undoneText(record, words) : undefined;
  undone.hidden = undoneNote === undefined;
  undone.textContent = undoneNote ?? '';
  // Shown for a link the extension will open; it checks again before opening (the page is not trusted).
  const link = trustedAlibabaUrl(record?.error?.recommend);
  troubleshoot.hidden = link === undefined;
  troubleshoot.title = link ?? '';
  if (!record) {
    fields.replaceChildren();
    return;
  }
  fields.replaceChildren(
    ...recordDetails(record, words).flatMap(([name, value]) => {
      const term = document.createElement('dt');
      term.textContent = name;
      const definition = document.createElement('dd');
      definition.textContent = value;
      return [term, definition];
    }),
  );
  const { title, body } = recordResponse(record, words);
  responseTitle.textContent = title;
  response.textContent = JSON.stringify(body, null, 2);
}

function toggleDisabled(element: HTMLElement, disabled: boolean): void {
  element.toggleAttribute('disabled', disabled);
}
