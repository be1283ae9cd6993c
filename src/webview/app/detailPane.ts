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

/** What ActionTrail said about a record, as the extension sent it; `searching` while the page waits for it. */
export interface TrailView {
  readonly note: string;
  readonly rows: readonly (readonly [string, string])[];
}

export function renderDetail(record: HistoryRecord | undefined, undoable: boolean, trail?: TrailView | 'searching'): void {
  const fields = byId('detail-fields');
  const placeholder = byId('detail-placeholder');
  const responseTitle = byId('detail-response-title');
  const response = byId('detail-response');
  const copy = byId('copy-request-id');
  const undo = byId('undo');
  const undone = byId('detail-undone');
  const lookUpTrail = byId('look-up-trail');
  const troubleshoot = byId<HTMLAnchorElement>('troubleshoot');

  placeholder.hidden = record !== undefined;
  responseTitle.hidden = record === undefined;
  response.hidden = record === undefined;
  toggleDisabled(copy, !record?.requestId);
  toggleDisabled(undo, !record || !undoable);
  toggleDisabled(lookUpTrail, !record?.requestId || trail === 'searching');
  renderTrail(record ? trail : undefined);
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

/** Server text (names, agents, parameters) goes in as textContent: never markup, never a link. */
function renderTrail(trail: TrailView | 'searching' | undefined): void {
  const section = byId('detail-trail');
  section.hidden = trail === undefined;
  byId('trail-note').textContent = trail === 'searching' ? pageText().trailSearching : (trail?.note ?? '');
  byId('trail-fields').replaceChildren(
    ...(trail === 'searching' || !trail ? [] : trail.rows).flatMap(([name, value]) => {
      const term = document.createElement('dt');
      term.textContent = name;
      const definition = document.createElement('dd');
      definition.textContent = value;
      return [term, definition];
    }),
  );
}

function toggleDisabled(element: HTMLElement, disabled: boolean): void {
  element.toggleAttribute('disabled', disabled);
}
