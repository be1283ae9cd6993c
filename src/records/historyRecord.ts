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
