// Reading and writing the journal's lines (journal.ts says what they mean): parsing in slices, the replay that
// turns lines into the history, and the text a rewrite writes. No VS Code and no I/O; loaded with the file
// (historyFile.ts), on first use, not at activation.

import { randomUUID } from 'node:crypto';
import type { HistoryRecord } from '../records/historyRecord';
import { sanitizeRecord } from '../records/recordSanitizer';
import { isClearMarker, mergeVersions, type JournalEntry } from './journal';

/** Parsing yields to the event loop after this much work (sanitizing a line costs tens of microseconds). */
export const PARSE_SLICE_MS = 8;

/**
 * One line of the journal, or undefined for a blank, torn or foreign line. Whatever is stored passes the sanitizer
 * again: it may come from an older version, another window or a corrupted disk.
 */
export function parseLine(line: string): JournalEntry | undefined {
  if (!line.trim()) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const header = value as { clearedBefore?: unknown; generation?: unknown } | null;
  if (typeof header?.clearedBefore === 'string') {
    const time = Date.parse(header.clearedBefore);
    return Number.isNaN(time) ? undefined : { clearedBefore: time };
  }
  if (header?.generation !== undefined) return undefined; // a header without a clear
  return sanitizeRecord(value);
}

/**
 * Parses lines with a yield whenever PARSE_SLICE_MS of work has passed, so a full journal never holds the thread
 * for long, however fast or busy the machine.
 */
export async function parseLines(lines: readonly string[]): Promise<JournalEntry[]> {
  const entries: JournalEntry[] = [];
  let sliceStart = performance.now();
  for (let i = 0; i < lines.length; i++) {
    const entry = parseLine(lines[i]);
    if (entry) entries.push(entry);
    // Checking the clock costs next to nothing beside JSON.parse and the sanitizer.
    if ((i & 15) === 15 && performance.now() - sliceStart > PARSE_SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return entries;
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/** The latest clear in these entries (epoch ms), or the one given when none is later. */
export function latestClear(entries: readonly JournalEntry[], since = Number.NEGATIVE_INFINITY): number {
  let latest = since;
  for (const entry of entries) if (isClearMarker(entry) && entry.clearedBefore > latest) latest = entry.clearedBefore;
  return latest;
}

/**
 * The history a journal describes: one version of each id (merged as above), none from before the latest clear,
 * newest first by start time, at most `maxRecords`. Of records that started in the same instant, the later line
 * first. Yields like parseLines: a full journal is 10,000 lines.
 */
export async function replay(entries: readonly JournalEntry[], maxRecords: number, clearedBefore = latestClear(entries)): Promise<HistoryRecord[]> {
  const latest = new Map<string, { record: HistoryRecord; time: number; line: number }>();
  let sliceStart = performance.now();
  for (let line = 0; line < entries.length; line++) {
    const entry = entries[line];
    if (!isClearMarker(entry)) {
      const time = Date.parse(entry.time);
      if (time >= clearedBefore) {
        const held = latest.get(entry.id);
        latest.set(entry.id, { record: held ? mergeVersions(held.record, entry) : entry, time, line });
      }
    }
    if ((line & 63) === 63 && performance.now() - sliceStart > PARSE_SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return [...latest.values()]
    .sort((a, b) => b.time - a.time || b.line - a.line)
    .slice(0, maxRecords)
    .map((entry) => entry.record);
}

/**
 * What a rewrite of these lines leaves: the header (the latest clear, or `clearBefore` if later), then the history
 * the lines describe, capped, oldest first as the journal keeps it.
 */
export async function rewrite(lines: readonly string[], maxRecords: number, clearBefore = Number.NEGATIVE_INFINITY): Promise<{ header: string; oldestFirst: HistoryRecord[] }> {
  const entries = await parseLines(lines);
  const clearedBefore = Math.max(latestClear(entries), clearBefore);
  return { header: headerLine(randomUUID(), clearedBefore), oldestFirst: (await replay(entries, maxRecords, clearedBefore)).reverse() };
}

/** Journal text for records, in the order they go on disk. */
export function journalText(records: readonly HistoryRecord[]): string {
  let text = '';
  for (const record of records) text += `${JSON.stringify(record)}\n`;
  return text;
}

/**
 * The first line of a rewritten journal: a generation no other rewrite has (readers that find other first bytes
 * than they read before know the file was replaced, even if the file system reused its inode number), and the
 * latest clear, which outlives every rewrite.
 */
export function headerLine(generation: string, clearedBefore: number): string {
  return `${JSON.stringify({ generation, ...(Number.isFinite(clearedBefore) ? { clearedBefore: new Date(clearedBefore).toISOString() } : {}) })}\n`;
}
