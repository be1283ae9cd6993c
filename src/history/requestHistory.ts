// The request history: every CallRecord the extension produced, newest first, capped, persisted — one history for
// every window of this VS Code.
//
// No VS Code import: the storage is a journal (the extension's is a file of JSON lines in its global storage
// folder, historyFile.ts; tests pass an in-memory one) that every window appends to. This window's memory is a
// view of it: a write appends only the records that are new or changed since the last write, so its cost follows
// the burst, not the history; a read (on first use, whenever the storage says it changed, and before an undo)
// takes in what was appended since, by this window or another. The whole journal is rewritten only under the
// storage's lock, from the journal itself (never from this window's copy): for a clear, a smaller cap, or when it
// has grown to twice the cap (compaction). A clear is a time that every window honours (journal.ts).
//
// The first read is sliced (a yield between slices), so a full journal never holds the extension host's thread
// for long: until it finishes, records() is empty and every change waits for it.
//
// Writes are also coalesced: one write is in flight at a time, the next starts no sooner than WRITE_INTERVAL_MS
// after the previous one started, and it carries every change since. flush() writes what is pending at once
// (dispose and the extension's deactivate call it), so the last state of a burst always lands.

import type { CallRecord } from '../cloud/types';
import type { HistoryRecord, RecordChange, UndoneBy } from '../records/historyRecord';
import type * as Intake from './recordIntake';
import { isClearMarker, mergeVersions, type JournalEntry } from './journal';

/** Loaded with the first record, which follows a call (recordIntake.ts). */
const sanitizeRecord: typeof Intake.sanitizeRecord = (record) => (require('./recordIntake') as typeof Intake).sanitizeRecord(record);

/** What a read needs to know of this window. */
export interface ReadRequest {
  readonly maxRecords: number;
  /** The latest clear this window knows of (epoch ms); the journal's own, if later, wins. */
  readonly clearedBefore: number;
  /** Whether an appended line is one this window wrote and has not read back yet (it is then skipped). */
  readonly isOwnLine: (line: string) => boolean;
}

/** What a read of the journal found. */
export type JournalRead =
  /** The whole journal (the first read, or another window replaced the file since), replayed: the history it holds. */
  | { readonly whole: true; readonly records: readonly HistoryRecord[]; readonly clearedBefore: number; readonly lines: number }
  /** What was appended since the last read, oldest first, this window's own lines left out. */
  | { readonly whole: false; readonly entries: readonly JournalEntry[]; readonly lines: number };

/** A rewrite of the whole journal, done by the storage from what it holds (all windows' lines). */
export interface CompactRequest {
  readonly maxRecords: number;
  /** A clear: records of calls started before this time (epoch ms) go, in every window. */
  readonly clearBefore?: number;
  /** Only if the journal still holds more lines than this (another window may have compacted it meanwhile). */
  readonly whenLinesOver?: number;
}

/** Where the history persists: a journal shared by every window (see historyFile.ts for the file's rules). */
export interface HistoryStorage {
  read(request: ReadRequest): PromiseLike<JournalRead>;
  /** Adds records after what is stored: new ones, and new versions of stored ones. */
  append(records: readonly HistoryRecord[]): PromiseLike<void>;
  /** Rewrites the journal as the history it describes, capped; resolves whether it did. */
  compact(request: CompactRequest): PromiseLike<boolean>;
  /** Calls back when another writer may have changed the journal; absent for storage nobody else writes. */
  watch?(onChange: () => void): Disposable;
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
/** Lines the journal may hold, per record of the cap, before a write compacts it. */
export const COMPACT_FACTOR = 2;
/** Storage change notices closer together than this share one read. */
const REFRESH_DELAY_MS = 50;

/** What changed; views update by the difference. The type lives with the records, which the inspector reads too. */
export type HistoryChange = RecordChange;

export interface Disposable {
  dispose(): void;
}

export interface RequestHistoryOptions {
  readonly clock?: HistoryClock;
  readonly writeIntervalMs?: number;
  /** Told once per failed write or read (a burst of changes shares one write, so one failure is one report). */
  readonly onWriteError?: (err: unknown) => void;
}

export class RequestHistory implements Disposable {
  /** Undefined until the first read finished: reading a full history costs time that activation should not pay. */
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
  /** A clear this window made that the journal does not hold yet (epoch ms). */
  private clearDue: number | undefined;
  /** The cap shrank: the next write rewrites the journal, so a later load with a bigger cap keeps to it. */
  private trimDue = false;
  /** Records of calls started before this were cleared (here or in another window). */
  private clearedBefore = Number.NEGATIVE_INFINITY;
  /** Lines in the journal as last read, every window's: compaction is due when they pass twice the cap. */
  private storedLines = 0;
  private inFlight: Promise<void> | undefined;
  private timer: { handle: unknown } | undefined;
  private lastWriteStarted = Number.NEGATIVE_INFINITY;
  /** Settles when the write that will carry the current dirty state finishes; shared by every change it carries. */
  private nextWrite: Deferred | undefined;
  /** A read that has not started yet (callers arriving now share it) and the one running. */
  private queuedRead: Promise<void> | undefined;
  private runningRead: Promise<void> | undefined;
  private refreshTimer: { handle: unknown } | undefined;
  /**
   * Lines this window wrote and has not read back yet, with how many times: a read skips them. Reading back its
   * own older version of a record it changed since (an undo mark) would otherwise undo the change in memory.
   */
  private ownLines = new Map<string, number>();
  private watching: Disposable | undefined;
  private disposed = false;

  constructor(private readonly storage: HistoryStorage, maxRecords: number = DEFAULT_MAX_RECORDS, options: RequestHistoryOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.writeIntervalMs = options.writeIntervalMs ?? WRITE_INTERVAL_MS;
    this.onWriteError = options.onWriteError;
    this.maxRecords = clampMaxRecords(maxRecords);
  }

  private get items(): HistoryRecord[] {
    if (!this.loaded) {
      void this.ready();
      return [];
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

  /** Resolves once the journal has been read (the first time; later calls share that read). */
  ready(): Promise<void> {
    return this.loaded ? Promise.resolve() : this.refresh();
  }

  /** Reads what the journal gained since the last read (every window's lines) and applies it. */
  refresh(): Promise<void> {
    if (this.queuedRead) return this.queuedRead;
    const previous = this.runningRead ?? Promise.resolve();
    const read: Promise<void> = previous
      .catch(() => undefined)
      .then(() => {
        this.queuedRead = undefined;
        this.runningRead = read;
        return this.readOnce();
      })
      .finally(() => {
        if (this.runningRead === read) this.runningRead = undefined;
      });
    this.queuedRead = read;
    return read;
  }

  /** Newest first (by the time each call started). Empty until the first read finished (see ready()). */
  records(): readonly HistoryRecord[] {
    return this.items;
  }

  find(id: string): HistoryRecord | undefined {
    return this.items.find((r) => r.id === id);
  }

  /**
   * Stores a record, dropping the oldest beyond the cap. Records that are not records are ignored, and so are
   * calls that started before a clear. The promise settles when the (coalesced) write that carries it has finished.
   */
  add(record: CallRecord): Promise<void> {
    if (!this.loaded) return this.ready().then(() => this.add(record));
    const clean = sanitizeRecord(record);
    if (!clean || Date.parse(clean.time) < this.clearedBefore) {
      return this.settled();
    }
    const held = this.ids().has(clean.id) ? this.find(clean.id) : undefined;
    return this.place(held ? mergeVersions(held, clean) : clean, true);
  }

  /**
   * Notes that a revocation was undone, by which call and when. Stored with the record, so the history view, the
   * inspector and exports show it, in every window. Unknown ids are ignored (the record may have been dropped by
   * the cap).
   */
  markUndone(recordId: string, undoneBy: UndoneBy): Promise<void> {
    if (!this.loaded) return this.ready().then(() => this.markUndone(recordId, undoneBy));
    const index = this.items.findIndex((r) => r.id === recordId);
    const annotated = index < 0 ? undefined : sanitizeRecord({ ...this.items[index], undoneBy });
    if (!annotated?.undoneBy) {
      return this.settled();
    }
    this.items = this.items.map((r, i) => (i === index ? annotated : r));
    this.unwritten.set(annotated.id, annotated);
    return this.changed({ type: 'updated', record: annotated });
  }

  /** Clears the history of every window: the journal keeps the time, and each window drops what started before. */
  clear(): Promise<void> {
    if (!this.loaded) return this.ready().then(() => this.clear());
    // Not before the newest record held, whatever this machine's clock says, so a clear removes all it shows.
    const newest = this.items.length ? Date.parse(this.items[0].time) + 1 : Number.NEGATIVE_INFINITY;
    const at = Math.max(Date.now(), newest);
    this.clearedBefore = Math.max(this.clearedBefore, at);
    this.clearDue = this.clearedBefore;
    this.items = [];
    for (const [id, record] of this.unwritten) if (Date.parse(record.time) < at) this.unwritten.delete(id);
    return this.changed({ type: 'cleared' });
  }

  /** Applies a new cap at once, trimming the oldest records if it shrank. */
  setMaxRecords(maxRecords: number): Promise<void> {
    if (!this.loaded) return this.ready().then(() => this.setMaxRecords(maxRecords));
    this.maxRecords = clampMaxRecords(maxRecords);
    if (this.items.length <= this.maxRecords) {
      return this.settled();
    }
    const removedIds = this.items.slice(this.maxRecords).map((r) => r.id);
    this.items = this.items.slice(0, this.maxRecords);
    // A later load with a bigger cap must not bring the trimmed records back.
    this.trimDue = true;
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

  /** Stops watching and the timers and starts the last write; `flush()` is the way to wait for it. */
  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
    this.watching?.dispose();
    this.watching = undefined;
    if (this.refreshTimer) this.clock.clearTimeout(this.refreshTimer.handle);
    this.refreshTimer = undefined;
    void this.flush().catch(() => undefined);
  }

  /** Inserts a record at its place by start time (replacing an older version), dropping the oldest beyond the cap. */
  private place(record: HistoryRecord, persist: boolean): Promise<void> {
    const removedIds: string[] = [];
    const ids = this.ids();
    const index = ids.has(record.id) ? this.items.findIndex((r) => r.id === record.id) : -1;
    // Arrays are replaced, never mutated: records() hands the array out, and a view may still be reading it.
    const next = index < 0 ? [...this.items] : this.items.filter((_, i) => i !== index);
    if (index >= 0) removedIds.push(record.id);
    const at = insertionIndex(next, record);
    next.splice(at, 0, record);
    const dropped = next.splice(this.maxRecords);
    for (const old of dropped) {
      ids.delete(old.id);
      if (old.id !== record.id) removedIds.push(old.id);
    }
    const kept = at < this.maxRecords;
    if (kept) ids.add(record.id);
    else ids.delete(record.id);
    this.items = next;
    this.idSet = { of: next, ids };
    if (!kept) {
      // Older than everything kept, with the history full: it never enters (nor the journal: a replay drops it).
      return removedIds.length ? this.changed({ type: 'removed', removedIds }, persist) : this.settled();
    }
    // Records the cap dropped need no line: a replay keeps only the newest records up to the cap as well.
    if (persist) this.unwritten.set(record.id, record);
    return this.changed({ type: 'added', record, removedIds }, persist);
  }

  private async readOnce(): Promise<void> {
    let read: JournalRead;
    try {
      read = await this.storage.read({ maxRecords: this.maxRecords, clearedBefore: this.clearedBefore, isOwnLine: (line) => this.isOwnLine(line) });
    } catch (err) {
      this.onWriteError?.(err);
      if (this.loaded) return;
      // Unreadable: this window still records (and the next read tries the whole journal again).
      read = { whole: true, records: [], clearedBefore: this.clearedBefore, lines: 0 };
    }
    const first = !this.loaded;
    if (read.whole) {
      // Everything is read again; lines of a write still in flight that come later are the same versions.
      this.ownLines.clear();
      this.storedLines = read.lines;
      this.clearedBefore = Math.max(this.clearedBefore, read.clearedBefore);
      const before = this.loaded;
      const records = [...read.records];
      const known = new Map(records.map((r) => [r.id, r]));
      this.items = records;
      // What this window has not written yet is not in the journal: it stays.
      for (const record of this.unwritten.values()) {
        const held = known.get(record.id);
        void this.place(held ? mergeVersions(held, record) : record, false);
      }
      // Until the first read, records() was empty. A rewrite (another window's compaction) usually changes
      // nothing this window shows.
      if (before ? !sameList(before, this.items) : this.items.length > 0) this.emit({ type: 'reloaded' });
    } else {
      if (first) this.items = [];
      this.storedLines += read.lines;
      for (const entry of read.entries) this.takeIn(entry);
    }
    if (first && !this.disposed) this.watching ??= this.storage.watch?.(() => this.refreshSoon());
  }

  private isOwnLine(line: string): boolean {
    const count = this.ownLines.get(line);
    if (!count) return false;
    if (count === 1) this.ownLines.delete(line);
    else this.ownLines.set(line, count - 1);
    return true;
  }

  private forgetOwnLines(lines: readonly string[]): void {
    for (const line of lines) {
      const count = this.ownLines.get(line) ?? 0;
      if (count <= 1) this.ownLines.delete(line);
      else this.ownLines.set(line, count - 1);
    }
  }

  /** One line another window appended (or this one, in a way it could not recognize: then it changes nothing). */
  private takeIn(entry: JournalEntry): void {
    if (isClearMarker(entry)) {
      if (entry.clearedBefore <= this.clearedBefore) return;
      const cleared = entry.clearedBefore;
      this.clearedBefore = cleared;
      const removedIds = this.items.filter((r) => Date.parse(r.time) < cleared).map((r) => r.id);
      for (const [id, record] of this.unwritten) if (Date.parse(record.time) < cleared) this.unwritten.delete(id);
      if (removedIds.length) {
        const gone = new Set(removedIds);
        this.items = this.items.filter((r) => !gone.has(r.id));
        this.emit({ type: 'removed', removedIds });
      }
      return;
    }
    if (Date.parse(entry.time) < this.clearedBefore) return;
    const held = this.ids().has(entry.id) ? this.find(entry.id) : undefined;
    const merged = held ? mergeVersions(held, entry) : entry;
    // This window's own lines come back too: nothing to tell anyone.
    if (held && sameVersion(held, merged)) return;
    void this.place(merged, false);
  }

  private refreshSoon(): void {
    if (this.refreshTimer || this.disposed) return;
    const timer = {
      handle: this.clock.setTimeout(() => {
        if (this.refreshTimer === timer) this.refreshTimer = undefined;
        void this.refresh();
      }, REFRESH_DELAY_MS),
    };
    this.refreshTimer = timer;
  }

  private emit(change: HistoryChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A broken view must not stop the history from persisting.
      }
    }
  }

  /** Tells the listeners; with `persist`, the change is also due in the next write. */
  private changed(change: HistoryChange, persist = true): Promise<void> {
    this.emit(change);
    if (!persist) return this.settled();
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

  /**
   * Writes what changed since the last write: appends it, then has the storage rewrite the journal if a clear or
   * a smaller cap is due or the journal has grown past twice the cap. Its promise rejects if storage refused (the
   * changes it carried learn that too).
   */
  private write(): Promise<void> {
    if (this.timer) {
      this.clock.clearTimeout(this.timer.handle);
      this.timer = undefined;
    }
    const carried = this.nextWrite;
    const records = [...this.unwritten.values()];
    const unwritten = this.unwritten;
    const clearBefore = this.clearDue;
    const trim = this.trimDue;
    const limit = COMPACT_FACTOR * this.maxRecords;
    const compact = clearBefore !== undefined || trim || this.storedLines + records.length > limit;
    const request: CompactRequest = {
      maxRecords: this.maxRecords,
      ...(clearBefore !== undefined ? { clearBefore } : {}),
      ...(clearBefore === undefined && !trim ? { whenLinesOver: limit } : {}),
    };
    this.dirty = false;
    this.clearDue = undefined;
    this.trimDue = false;
    this.unwritten = new Map();
    this.nextWrite = undefined;
    this.lastWriteStarted = this.clock.now();
    let appended = false;
    // Noted before the append starts: a read running meanwhile may already see them.
    const lines = records.map((record) => JSON.stringify(record));
    for (const line of lines) this.ownLines.set(line, (this.ownLines.get(line) ?? 0) + 1);
    const written = Promise.resolve()
      .then(() => (records.length ? this.storage.append(records) : undefined))
      .then(() => {
        appended = true;
        return compact ? this.storage.compact(request) : false;
      })
      .then(
        () => {
          carried?.resolve();
          // Takes in this write's lines (and everyone else's since): the line count stays current for compaction.
          if (!this.disposed) void this.refresh();
        },
        (err: unknown) => {
          // What did not land is due again with the next write.
          if (!appended) {
            this.forgetOwnLines(lines);
            for (const [id, record] of unwritten) if (!this.unwritten.has(id)) this.unwritten.set(id, record);
          }
          if (clearBefore !== undefined) this.clearDue = Math.max(this.clearDue ?? clearBefore, clearBefore);
          this.trimDue ||= trim;
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

/** The same records in the same order with the same undo marks: what a reader of the list would see alike. */
function sameList(a: readonly HistoryRecord[], b: readonly HistoryRecord[]): boolean {
  return a.length === b.length && a.every((r, i) => r.id === b[i].id && r.undoneBy?.requestId === b[i].undoneBy?.requestId);
}

/** The same version of a record (this window's own line read back in a way it could not recognize). */
function sameVersion(a: HistoryRecord, b: HistoryRecord): boolean {
  const keys = Object.keys(a) as (keyof HistoryRecord)[];
  return keys.length === Object.keys(b).length && keys.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
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
