// What the lines of the history journal mean, for every window that shares the file. No VS Code and no I/O: the
// file (historyFile.ts, which reads lines through journalLines.ts) and the history in memory (requestHistory.ts)
// agree through here, so a window that compacts the file and a window that reads it line by line reach the same
// history. This half is what the history in memory needs at activation; reading and replaying lines loads with the
// file, on first use.
//
// A line is a record (a later line with the same id is a newer version of it) or the header a rewrite puts first,
// which carries the latest clear: `{"generation": …, "clearedBefore": time}`, and every record of a call that
// started before that time is gone, in every window, wherever its line is. A time rather than a position, because
// another window may still append a record it held before the clear (an undo mark, a retried append): that line
// must not bring the record back.

import type { HistoryRecord } from '../records/historyRecord';

export interface ClearMarker {
  /** Epoch milliseconds: records of calls that started earlier are cleared. */
  readonly clearedBefore: number;
}

export type JournalEntry = HistoryRecord | ClearMarker;

export function isClearMarker(entry: JournalEntry): entry is ClearMarker {
  return 'clearedBefore' in entry;
}

/**
 * Two versions of one record, the later line second. The later wins, except that an undo mark is never lost: two
 * windows may write versions of the same record in either order, and forgetting an undo would offer it again.
 */
export function mergeVersions(earlier: HistoryRecord, later: HistoryRecord): HistoryRecord {
  if (later.undoneBy || !earlier.undoneBy) return later;
  return { ...later, undoneBy: earlier.undoneBy };
}
