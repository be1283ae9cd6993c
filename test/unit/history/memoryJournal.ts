// A stand-in for the journal file with the same contract, kept in memory as lines of JSON, so anything that would
// not survive a reload does not survive here either. Rewrites go through journal.ts like the file's, so a clear or
// a compaction means the same here. The file itself (locks, appends of two processes) is tested on disk in
// historyFile.test.ts and historyWindows.test.ts.
import { latestClear, parseLines, replay, rewrite } from '../../../src/history/journalLines';
import { MAX_MAX_RECORDS, RequestHistory, type CompactRequest, type HistoryStorage, type JournalRead, type ReadRequest } from '../../../src/history/requestHistory';
import type { HistoryRecord } from '../../../src/records/historyRecord';

export class MemoryJournal implements HistoryStorage {
  lines: string[] = [];
  appends = 0;
  rewrites = 0;
  /** Bumped by each rewrite: a reader that read an older generation reads the whole journal again. */
  private generation = 0;
  private readAt: { generation: number; line: number } | undefined;
  get writes(): number {
    return this.appends + this.rewrites;
  }
  /** Set to make the next writes fail, as a full disk would. */
  failWith: Error | undefined;

  async read(request: ReadRequest): Promise<JournalRead> {
    const at = this.readAt;
    const whole = !at || at.generation !== this.generation || at.line > this.lines.length;
    const lines = this.lines.slice(whole ? 0 : at.line);
    this.readAt = { generation: this.generation, line: this.lines.length };
    return readResult(whole, lines, request);
  }

  async append(records: readonly HistoryRecord[]): Promise<void> {
    this.appends += 1;
    if (this.failWith) throw this.failWith;
    this.lines.push(...records.map((r) => JSON.stringify(r)));
  }

  async compact(request: CompactRequest): Promise<boolean> {
    if (request.clearBefore === undefined && request.whenLinesOver !== undefined && this.lines.length <= request.whenLinesOver) return false;
    this.rewrites += 1;
    if (this.failWith) throw this.failWith;
    const { header, oldestFirst } = await rewrite(this.lines, request.maxRecords, request.clearBefore);
    this.lines = [header.trimEnd(), ...oldestFirst.map((r) => JSON.stringify(r))];
    this.generation += 1;
    return true;
  }

  /** The records lines (not the header a rewrite puts first). */
  get recordLines(): string[] {
    return this.lines.filter((line) => !line.includes('"generation"'));
  }

  /** What a new window would load from this journal. */
  async stored(maxRecords = MAX_MAX_RECORDS): Promise<readonly HistoryRecord[]> {
    const lines = [...this.lines];
    const reader: HistoryStorage = {
      read: (request) => readResult(true, lines, request),
      append: () => Promise.reject(new Error('read-only')),
      compact: () => Promise.reject(new Error('read-only')),
    };
    const fresh = new RequestHistory(reader, maxRecords, { writeIntervalMs: 0 });
    await fresh.ready();
    return fresh.records();
  }
}

/** What the file's read() gives for these lines (historyFile.ts does the same with the same functions). */
export async function readResult(whole: boolean, lines: readonly string[], request: ReadRequest): Promise<JournalRead> {
  if (!whole) return { whole, entries: await parseLines(lines.filter((line) => !request.isOwnLine(line))), lines: lines.length };
  const entries = await parseLines(lines);
  const clearedBefore = latestClear(entries, request.clearedBefore);
  return { whole, records: await replay(entries, request.maxRecords, clearedBefore), clearedBefore, lines: lines.length };
}
