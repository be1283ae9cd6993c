// What the inspector remembers while hidden: the filter, the sort and the selected row. Read back through a guard:
// state written by an older version of the script must not break the page.

import { DEFAULT_QUERY, isOutcomeFilter, isSortKey, type RecordQuery } from './recordQuery';

export interface ViewState {
  readonly query: RecordQuery;
  readonly selectedId?: string;
}

export function restoreViewState(saved: unknown): ViewState {
  if (typeof saved !== 'object' || saved === null) {
    return { query: DEFAULT_QUERY };
  }
  const { query, selectedId } = saved as { query?: Partial<Record<keyof RecordQuery, unknown>>; selectedId?: unknown };
  const restored: RecordQuery = {
    text: typeof query?.text === 'string' ? query.text.slice(0, 200) : DEFAULT_QUERY.text,
    outcome: isOutcomeFilter(query?.outcome) ? query.outcome : DEFAULT_QUERY.outcome,
    sortKey: isSortKey(query?.sortKey) ? query.sortKey : DEFAULT_QUERY.sortKey,
    sortDirection: query?.sortDirection === 'asc' || query?.sortDirection === 'desc' ? query.sortDirection : DEFAULT_QUERY.sortDirection,
  };
  return typeof selectedId === 'string' ? { query: restored, selectedId } : { query: restored };
}
