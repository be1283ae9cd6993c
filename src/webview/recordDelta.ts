// Incremental inspector updates, both halves: the extension side folds a burst of history changes into one delta
// (a 1,000-call bulk is a handful of messages, not 1,000), and the page applies a delta to the records it holds.
// Pure, no VS Code and no DOM: the unit tests check that folding then applying gives what the history holds.

import type { HistoryRecord, RecordChange } from '../records/historyRecord';

/** What one delta message carries. `removedIds` apply first, then `updated` replace, then `added` go on top. */
export interface RecordDelta {
  /** Newest first. */
  readonly added: readonly HistoryRecord[];
  readonly removedIds: readonly string[];
  readonly updated: readonly HistoryRecord[];
}

/** Changes collected since the last message. A clear or a reload means the page gets the whole (new) list instead. */
export class DeltaBatch {
  private added = new Map<string, HistoryRecord>();
  private removed = new Set<string>();
  private updated = new Map<string, HistoryRecord>();
  private reset = false;

  get empty(): boolean {
    return !this.reset && this.added.size === 0 && this.removed.size === 0 && this.updated.size === 0;
  }

  push(change: RecordChange): void {
    switch (change.type) {
      case 'cleared':
      case 'reloaded':
        this.clear();
        this.reset = true;
        return;
      case 'removed':
        this.remove(change.removedIds);
        return;
      case 'added':
        this.remove(change.removedIds);
        this.added.set(change.record.id, change.record);
        return;
      case 'updated':
        if (this.added.has(change.record.id)) this.added.set(change.record.id, change.record);
        else this.updated.set(change.record.id, change.record);
        return;
    }
  }

  /** The batch so far (later arrivals first among equal start times, as in the history), emptied: 'full' when the page must be sent everything. */
  take(): RecordDelta | 'full' {
    const result: RecordDelta | 'full' = this.reset
      ? 'full'
      : { added: newestFirst([...this.added.values()].reverse()), removedIds: [...this.removed], updated: [...this.updated.values()] };
    this.clear();
    return result;
  }

  clear(): void {
    this.added = new Map();
    this.removed = new Set();
    this.updated = new Map();
    this.reset = false;
  }

  private remove(ids: readonly string[]): void {
    for (const id of ids) {
      this.added.delete(id);
      this.updated.delete(id);
      this.removed.add(id);
    }
  }
}

/** The page's side: the records it holds, with a delta applied. Newest first, like the history. */
export function applyDelta(records: readonly HistoryRecord[], delta: RecordDelta): HistoryRecord[] {
  const removed = new Set(delta.removedIds);
  const added = new Set(delta.added.map((r) => r.id));
  const updated = new Map(delta.updated.map((r) => [r.id, r]));
  const kept = records.filter((r) => !removed.has(r.id) && !added.has(r.id)).map((r) => updated.get(r.id) ?? r);
  return newestFirst([...delta.added, ...kept]);
}

/** Stable: of records that started in the same instant, the one listed first stays first. */
function newestFirst(records: HistoryRecord[]): HistoryRecord[] {
  return records
    .map((record, index) => ({ record, index, time: Date.parse(record.time) }))
    .sort((a, b) => b.time - a.time || a.index - b.index)
    .map((entry) => entry.record);
}
