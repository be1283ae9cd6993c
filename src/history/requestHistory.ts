// The request history: every CallRecord the extension produced, newest first, capped, persisted.
//
// No VS Code import: the storage is anything shaped like a Memento (the extension passes `context.globalState`,
// which survives reloads and is not synced across machines; tests pass an in-memory stand-in).

import type { CallRecord } from '../cloud/types';
import { sanitizeRecord } from '../records/recordSanitizer';

/** The subset of `vscode.Memento` the history needs. */
export interface HistoryStorage {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export const HISTORY_STORAGE_KEY = 'alicloudMedia.requestHistory';
export const DEFAULT_MAX_RECORDS = 500;
/** The setting's bounds; a bigger history would make every globalState write slow. */
export const MIN_MAX_RECORDS = 1;
export const MAX_MAX_RECORDS = 5000;

export interface Disposable {
  dispose(): void;
}

export class RequestHistory {
  private items: CallRecord[];
  private maxRecords: number;
  private readonly listeners = new Set<() => void>();
  /** Writes are chained so a burst of bulk records reaches storage in order, the last write winning. */
  private pendingWrite: Promise<void> = Promise.resolve();

  constructor(private readonly storage: HistoryStorage, maxRecords: number = DEFAULT_MAX_RECORDS) {
    this.maxRecords = clampMaxRecords(maxRecords);
    // Whatever is stored passes the sanitizer again: it may come from an older version or be corrupted.
    const stored = storage.get<unknown>(HISTORY_STORAGE_KEY);
    const loaded = Array.isArray(stored) ? stored.map(sanitizeRecord).filter(isRecord) : [];
    this.items = newestFirst(dedupe(loaded)).slice(0, this.maxRecords);
  }

  /** Newest first (by the time each call started). */
  records(): readonly CallRecord[] {
    return this.items;
  }

  find(id: string): CallRecord | undefined {
    return this.items.find((r) => r.id === id);
  }

  /** Stores a record, dropping the oldest beyond the cap. Records that are not records are ignored. */
  add(record: CallRecord): Promise<void> {
    const clean = sanitizeRecord(record);
    if (!clean) {
      return this.pendingWrite;
    }
    const others = this.items.filter((r) => r.id !== clean.id);
    this.items = newestFirst([clean, ...others]).slice(0, this.maxRecords);
    return this.changed();
  }

  /** Marks a revocation as undone by the call with this RequestId, so it is not undone twice. */
  markUndone(id: string, undoneBy: { requestId: string; time: string }): Promise<void> {
    if (!this.items.some((r) => r.id === id)) return this.pendingWrite;
    this.items = this.items.map((r) => (r.id === id ? { ...r, undoneBy } : r));
    return this.changed();
  }

  clear(): Promise<void> {
    this.items = [];
    return this.changed();
  }

  /** Applies a new cap at once, trimming the oldest records if it shrank. */
  setMaxRecords(maxRecords: number): Promise<void> {
    this.maxRecords = clampMaxRecords(maxRecords);
    if (this.items.length <= this.maxRecords) {
      return this.pendingWrite;
    }
    this.items = this.items.slice(0, this.maxRecords);
    return this.changed();
  }

  onDidChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): Promise<void> {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch {
        // A broken view must not stop the history from persisting.
      }
    }
    const snapshot = this.items;
    this.pendingWrite = this.pendingWrite.then(
      () => this.storage.update(HISTORY_STORAGE_KEY, snapshot),
      () => this.storage.update(HISTORY_STORAGE_KEY, snapshot),
    );
    return this.pendingWrite;
  }
}

export function clampMaxRecords(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return DEFAULT_MAX_RECORDS;
  }
  return Math.min(MAX_MAX_RECORDS, Math.max(MIN_MAX_RECORDS, Math.floor(value)));
}

/** Stable sort by start time, newest first; of records that started in the same instant, the later arrival first. */
function newestFirst(records: CallRecord[]): CallRecord[] {
  return records
    .map((record, index) => ({ record, index, time: Date.parse(record.time) }))
    .sort((a, b) => b.time - a.time || a.index - b.index)
    .map((entry) => entry.record);
}

function dedupe(records: CallRecord[]): CallRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

function isRecord(value: CallRecord | undefined): value is CallRecord {
  return value !== undefined;
}
