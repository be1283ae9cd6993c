// A CallRecord as the request history keeps it: the core's record plus what the extension learned about it later.
// The core's CallRecord stays as the core reports it; annotations live only here.

import type { CallRecord } from '../cloud/types';

/** The undo that reversed a revocation: the undo call's own RequestId and when it ran. */
export interface UndoneBy {
  readonly requestId: string;
  /** ISO time. */
  readonly time: string;
}

export interface HistoryRecord extends CallRecord {
  /** Set once the revocation was undone (`RequestHistory.markUndone`). */
  readonly undoneBy?: UndoneBy;
}

/** What changed in a list of records, so views can update by the difference instead of re-reading everything. */
export type RecordChange =
  /** One record stored; `removedIds` left first (an older copy of the same id, or the oldest beyond the cap). */
  | { readonly type: 'added'; readonly record: HistoryRecord; readonly removedIds: readonly string[] }
  /** The cap shrank and dropped these. */
  | { readonly type: 'removed'; readonly removedIds: readonly string[] }
  | { readonly type: 'cleared' }
  /** The list was read again from storage (first use, or another window rewrote it): read all of it again. */
  | { readonly type: 'reloaded' }
  /** A stored record gained an annotation (undoneBy). */
  | { readonly type: 'updated'; readonly record: HistoryRecord };
