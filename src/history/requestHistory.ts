// The request history: every CallRecord the extension produced, newest first, capped, persisted.
//
// No VS Code import: the storage is anything shaped like a Memento (the extension passes `context.globalState`,
// which survives reloads and is not synced across machines; tests pass an in-memory stand-in).
//
// Writes are coalesced. Every write serializes the whole history (up to 5,000 records, megabytes of JSON), so a
// bulk of 1,000 calls must not cost 1,000 writes: one write is in flight at a time, the next starts no sooner than
// WRITE_INTERVAL_MS after the previous one started, and it always writes the latest state. flush() writes what is
// pending at once (dispose and the extension's deactivate call it), so the last state of a burst always lands.

import type { CallRecord } from '../cloud/types';
import type { HistoryRecord, RecordChange, UndoneBy } from '../records/historyRecord';
import { sanitizeRecord } from '../records/recordSanitizer';

/** The subset of `vscode.Memento` the history needs. */
export interface HistoryStorage {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** Timers, injectable so tests can drive time by hand. */
export interface HistoryClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: HistoryClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const HISTORY_STORAGE_KEY = 'alicloudMedia.requestHistory';
export const DEFAULT_MAX_RECORDS = 500;
/** The setting's bounds; a bigger history would make every globalState write slow. */
export const MIN_MAX_RECORDS = 1;
export const MAX_MAX_RECORDS = 5000;
/** At most four writes a second: a 10-second bulk at 100 calls/s costs about 40 writes, not 1,000. */
export const WRITE_INTERVAL_MS = 250;

/** What changed; views update by the difference. The type lives with the records, which the inspector reads too. */
export type HistoryChange = RecordChange;

export interface Disposable {
  dispose(): void;
}

export interface RequestHistoryOptions {
  readonly clock?: HistoryClock;
  readonly writeIntervalMs?: number;
  /** Told once per failed write (a burst of changes shares one write, so one failure is one report). */
  readonly onWriteError?: (err: unknown) => void;
}

export class RequestHistory implements Disposable {
  private items: HistoryRecord[];
  private maxRecords: number;
  private readonly listeners = new Set<(change: HistoryChange) => void>();
  private readonly clock: HistoryClock;
  private readonly writeIntervalMs: number;
  private readonly onWriteError: ((err: unknown) => void) | undefined;
  /** The state in memory differs from the last write started. */
  private dirty = false;
  private inFlight: Promise<void> | undefined;
  private timer: { handle: unknown } | undefined;
  private lastWriteStarted = Number.NEGATIVE_INFINITY;
  /** Settles when the write that will carry the current dirty state finishes; shared by every change it carries. */
  private nextWrite: Deferred | undefined;

  constructor(private readonly storage: HistoryStorage, maxRecords: number = DEFAULT_MAX_RECORDS, options: RequestHistoryOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.writeIntervalMs = options.writeIntervalMs ?? WRITE_INTERVAL_MS;
    this.onWriteError = options.onWriteError;
    this.maxRecords = clampMaxRecords(maxRecords);
    // Whatever is stored passes the sanitizer again: it may come from an older version or be corrupted.
    const stored = storage.get<unknown>(HISTORY_STORAGE_KEY);
    const loaded = Array.isArray(stored) ? stored.map(sanitizeRecord).filter(isDefined) : [];
    this.items = newestFirst(dedupe(loaded)).slice(0, this.maxRecords);
  }

  /** Newest first (by the time each call started). */
  records(): readonly HistoryRecord[] {
    return this.items;
  }

  find(id: string): HistoryRecord | undefined {
    return this.items.find((r) => r.id === id);
  }

  /**
   * Stores a record, dropping the oldest beyond the cap. Records that are not records are ignored. The promise
   * settles when the (coalesced) write that carries it has finished.
   */
  add(record: CallRecord): Promise<void> {
    const clean = sanitizeRecord(record);
    if (!clean) {
      return this.settled();
    }
    const removedIds: string[] = [];
    const index = this.items.findIndex((r) => r.id === clean.id);
    // Arrays are replaced, never mutated: records() hands the array out, and a view may still be reading it.
    const next = index < 0 ? [...this.items] : this.items.filter((_, i) => i !== index);
    if (index >= 0) removedIds.push(clean.id);
    next.splice(insertionIndex(next, clean), 0, clean);
    for (const dropped of next.splice(this.maxRecords)) {
      if (dropped.id !== clean.id) removedIds.push(dropped.id);
    }
    this.items = next;
    if (!next.includes(clean)) {
      // Older than everything kept, with the history full: it never enters.
      return removedIds.length ? this.changed({ type: 'removed', removedIds }) : this.settled();
    }
    return this.changed({ type: 'added', record: clean, removedIds });
  }

  /**
   * Notes that a revocation was undone, by which call and when. Stored with the record, so the history view, the
   * inspector and exports show it. Unknown ids are ignored (the record may have been dropped by the cap).
   */
  markUndone(recordId: string, undoneBy: UndoneBy): Promise<void> {
    const index = this.items.findIndex((r) => r.id === recordId);
    const annotated = index < 0 ? undefined : sanitizeRecord({ ...this.items[index], undoneBy });
    if (!annotated?.undoneBy) {
      return this.settled();
    }
    this.items = this.items.map((r, i) => (i === index ? annotated : r));
    return this.changed({ type: 'updated', record: annotated });
  }

  clear(): Promise<void> {
    this.items = [];
    return this.changed({ type: 'cleared' });
  }

  /** Applies a new cap at once, trimming the oldest records if it shrank. */
  setMaxRecords(maxRecords: number): Promise<void> {
    this.maxRecords = clampMaxRecords(maxRecords);
    if (this.items.length <= this.maxRecords) {
      return this.settled();
    }
    const removedIds = this.items.slice(this.maxRecords).map((r) => r.id);
    this.items = this.items.slice(0, this.maxRecords);
    return this.changed({ type: 'removed', removedIds });
  }

  onDidChange(listener: (change: HistoryChange) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Writes whatever is pending now, without waiting for the interval; settles when storage has the latest state. */
  async flush(): Promise<void> {
    // A change may land while a write is in flight; loop until the last state is the one written.
    while (this.inFlight || this.dirty) {
      if (this.inFlight) await this.inFlight.catch(() => undefined);
      else await this.write();
    }
  }

  /** Stops the timer and starts the last write; `flush()` is the way to wait for it. */
  dispose(): void {
    this.listeners.clear();
    void this.flush().catch(() => undefined);
  }

  private changed(change: HistoryChange): Promise<void> {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A broken view must not stop the history from persisting.
      }
    }
    this.dirty = true;
    this.nextWrite ??= deferred();
    const carried = this.nextWrite.promise;
    this.schedule();
    return carried;
  }

  /** Resolves when nothing older than now is left to write (for no-op calls that callers still await). */
  private settled(): Promise<void> {
    return this.nextWrite?.promise ?? this.inFlight?.catch(() => undefined) ?? Promise.resolve();
  }

  private schedule(): void {
    if (this.inFlight || this.timer || !this.dirty) {
      return;
    }
    // A timer even when no wait is due: the changes of one synchronous burst share the write.
    const wait = Math.max(0, this.lastWriteStarted + this.writeIntervalMs - this.clock.now());
    const timer = {
      handle: this.clock.setTimeout(() => {
        if (this.timer === timer) {
          this.timer = undefined;
          void this.write().catch(() => undefined);
        }
      }, wait),
    };
    this.timer = timer;
  }

  /** Writes the current state; its promise rejects if storage refused (the changes it carried learn that too). */
  private write(): Promise<void> {
    if (this.timer) {
      this.clock.clearTimeout(this.timer.handle);
      this.timer = undefined;
    }
    const snapshot = this.items;
    const carried = this.nextWrite;
    this.dirty = false;
    this.nextWrite = undefined;
    this.lastWriteStarted = this.clock.now();
    const written = Promise.resolve()
      .then(() => this.storage.update(HISTORY_STORAGE_KEY, snapshot))
      .then(
        () => carried?.resolve(),
        (err: unknown) => {
          carried?.reject(err);
          this.onWriteError?.(err);
          throw err;
        },
      )
      .finally(() => {
        this.inFlight = undefined;
        this.schedule();
      });
    this.inFlight = written;
    return written;
  }
}

export function clampMaxRecords(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return DEFAULT_MAX_RECORDS;
  }
  return Math.min(MAX_MAX_RECORDS, Math.max(MIN_MAX_RECORDS, Math.floor(value)));
}

/**
 * Where a record goes in a newest-first list: before the first record that started earlier. Of records that
 * started in the same instant, the later arrival goes first. Binary search: the list is sorted and can be 5,000
 * long, and a bulk adds a record per call.
 */
function insertionIndex(records: readonly HistoryRecord[], record: HistoryRecord): number {
  const time = Date.parse(record.time);
  let low = 0;
  let high = records.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (Date.parse(records[mid].time) > time) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Stable sort by start time, newest first; of records that started in the same instant, the later arrival first. */
function newestFirst(records: HistoryRecord[]): HistoryRecord[] {
  return records
    .map((record, index) => ({ record, index, time: Date.parse(record.time) }))
    .sort((a, b) => b.time - a.time || a.index - b.index)
    .map((entry) => entry.record);
}

function dedupe(records: HistoryRecord[]): HistoryRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

function isDefined(value: HistoryRecord | undefined): value is HistoryRecord {
  return value !== undefined;
}

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(err: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Callers that do not await a change must not cause an unhandled rejection; those that do still see it.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
