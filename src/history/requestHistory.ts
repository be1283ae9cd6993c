// The request history: every CallRecord the extension produced, newest first, capped, persisted.
//
// No VS Code import: the storage is a journal (the extension's is a file of JSON lines in its global storage
// folder, historyFile.ts; tests pass an in-memory one). A write appends only the records that are new or changed
// since the last write, so its cost follows the burst, not the history: 1,000 calls on a full history of 5,000
// append 1,000 short lines, where rewriting the whole snapshot each time moved gigabytes. The whole history is
// rewritten only when it must be (clear, a smaller cap) or when the journal has grown to twice the cap
// (compaction), and it is read once, on first use, not at activation.
//
// Writes are also coalesced: one write is in flight at a time, the next starts no sooner than WRITE_INTERVAL_MS
// after the previous one started, and it carries every change since. flush() writes what is pending at once
// (dispose and the extension's deactivate call it), so the last state of a burst always lands.

import type { CallRecord } from '../cloud/types';
import type { HistoryRecord, RecordChange, UndoneBy } from '../records/historyRecord';
import { sanitizeRecord } from '../records/recordSanitizer';

/**
 * Where the history persists: a journal of records, oldest line first. A later line with a record's id replaces
 * the earlier one (an undo mark is the record again); records beyond the cap are dropped when it is read.
 */
export interface HistoryStorage {
  /** Every stored line, oldest first, as found (the history sanitizes each). Called once, on first use. */
  load(): unknown[];
  /** Adds records after what is stored: new ones, and new versions of stored ones. */
  append(records: readonly HistoryRecord[]): PromiseLike<void>;
  /** Stores exactly these records (given newest first), dropping every line before. */
  replace(records: readonly HistoryRecord[]): PromiseLike<void>;
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

export const DEFAULT_MAX_RECORDS = 500;
/** The setting's bounds; a bigger history would make loading it and compacting its journal slow. */
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
  /** Undefined until first use: reading a full history costs milliseconds that activation should not pay. */
  private loaded: HistoryRecord[] | undefined;
  private maxRecords: number;
  private readonly listeners = new Set<(change: HistoryChange) => void>();
  private readonly clock: HistoryClock;
  private readonly writeIntervalMs: number;
  private readonly onWriteError: ((err: unknown) => void) | undefined;
  /** The state in memory differs from the last write started. */
  private dirty = false;
  /** Records added or changed since the last write started, by id: what the next append carries. */
  private unwritten = new Map<string, HistoryRecord>();
  /** The next write must store the whole history (a clear, a smaller cap, a journal due for compaction). */
  private rewriteDue = false;
  /** Lines in the journal (as far as this history knows): compaction is due when they reach twice the cap. */
  private storedLines = 0;
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
  }

  private get items(): HistoryRecord[] {
    if (!this.loaded) {
      const lines = this.storage.load();
      this.storedLines = lines.length;
      // Whatever is stored passes the sanitizer again: it may come from an older version or be corrupted.
      this.loaded = replay(lines.map(sanitizeRecord).filter(isDefined)).slice(0, this.maxRecords);
    }
    return this.loaded;
  }

  private set items(records: HistoryRecord[]) {
    this.loaded = records;
  }

  /**
   * The ids of `items`, for add's "is it already here?": a bulk adds a record per call to a history of thousands,
   * and a scan of the array for each cost more than the rest of the call's work in the extension host. Rebuilt
   * after any other change to the array (rare); add keeps it current itself.
   */
  private idSet: { readonly of: readonly HistoryRecord[]; readonly ids: Set<string> } | undefined;

  private ids(): Set<string> {
    const items = this.items;
    if (this.idSet?.of !== items) this.idSet = { of: items, ids: new Set(items.map((r) => r.id)) };
    return this.idSet.ids;
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
    const ids = this.ids();
    const index = ids.has(clean.id) ? this.items.findIndex((r) => r.id === clean.id) : -1;
    // Arrays are replaced, never mutated: records() hands the array out, and a view may still be reading it.
    const next = index < 0 ? [...this.items] : this.items.filter((_, i) => i !== index);
    if (index >= 0) removedIds.push(clean.id);
    const at = insertionIndex(next, clean);
    next.splice(at, 0, clean);
    const dropped = next.splice(this.maxRecords);
    for (const old of dropped) {
      ids.delete(old.id);
      if (old.id !== clean.id) removedIds.push(old.id);
    }
    const kept = at < this.maxRecords;
    if (kept) ids.add(clean.id);
    else ids.delete(clean.id);
    this.items = next;
    this.idSet = { of: next, ids };
    if (!kept) {
      // Older than everything kept, with the history full: it never enters (nor the journal: a replay drops it).
      return removedIds.length ? this.changed({ type: 'removed', removedIds }) : this.settled();
    }
    // Records the cap dropped need no line: a replay keeps only the newest records up to the cap as well.
    this.unwritten.set(clean.id, clean);
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
    this.unwritten.set(annotated.id, annotated);
    return this.changed({ type: 'updated', record: annotated });
  }

  clear(): Promise<void> {
    this.items = [];
    this.rewriteDue = true;
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
    // A later load with a bigger cap must not bring the trimmed records back.
    this.rewriteDue = true;
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

  /** Writes what changed since the last write; its promise rejects if storage refused (the changes it carried learn that too). */
  private write(): Promise<void> {
    if (this.timer) {
      this.clock.clearTimeout(this.timer.handle);
      this.timer = undefined;
    }
    const carried = this.nextWrite;
    const rewrite = this.rewriteDue || this.storedLines + this.unwritten.size > 2 * this.maxRecords;
    const records = rewrite ? this.items : [...this.unwritten.values()];
    const unwritten = this.unwritten;
    this.dirty = false;
    this.rewriteDue = false;
    this.unwritten = new Map();
    this.nextWrite = undefined;
    this.lastWriteStarted = this.clock.now();
    const written = Promise.resolve()
      .then(() => (rewrite ? this.storage.replace(records) : this.storage.append(records)))
      .then(
        () => {
          this.storedLines = rewrite ? records.length : this.storedLines + records.length;
          carried?.resolve();
        },
        (err: unknown) => {
          // What did not land is due again with the next write; after a failed rewrite, only a rewrite is sure.
          for (const [id, record] of unwritten) if (!this.unwritten.has(id)) this.unwritten.set(id, record);
          this.rewriteDue ||= rewrite;
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

/**
 * The history a journal describes: the last line of each id wins, newest first by start time; of records that
 * started in the same instant, the later arrival (the later line) first. A stable sort, so ties keep that order.
 */
function replay(lines: HistoryRecord[]): HistoryRecord[] {
  const seen = new Set<string>();
  const latestFirst: { record: HistoryRecord; time: number }[] = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const record = lines[i];
    if (seen.has(record.id)) continue;
    seen.add(record.id);
    latestFirst.push({ record, time: Date.parse(record.time) });
  }
  return latestFirst.sort((a, b) => b.time - a.time).map((entry) => entry.record);
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
