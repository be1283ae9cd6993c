// The request history on disk: a journal of JSON lines (journal.ts says what they mean) in the extension's global
// storage folder, shared by every window of this VS Code. No VS Code import: the folder is a path the adapter
// hands over. Loaded on first use (its own bundle, dist/historyFile.js), not at activation.
//
// Several extension hosts write the same file, so no window ever writes from its own copy of the history:
// - an append is one write(2) of whole lines on a file opened with O_APPEND, so appends of every window land
//   whole, one after another. Each starts with a newline: a line torn by a crash ends there, and costs only itself;
// - compaction (and Clear) runs under an exclusive lock file, re-reads the file, rewrites it to a temporary file
//   renamed over the journal, then carries over what other windows appended to the old file meanwhile. An
//   appender that finds the journal replaced under its write writes again to the new one (a repeated line is the
//   same record: harmless). A lock left by a window that died is taken over by age or by its dead process id;
// - reads are incremental: each window remembers where it stopped and reads only what was appended since, or the
//   whole file again after another window replaced it.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { journalText, latestClear, parseLines, replay, rewrite, yieldToEventLoop } from './journalLines';
import type { CompactRequest, Disposable, HistoryStorage, JournalRead, ReadRequest } from './requestHistory';
import type { HistoryRecord } from '../records/historyRecord';

export const HISTORY_FILE_NAME = 'request-history.jsonl';
/** Where versions before 0.2 kept the whole history, in globalState. */
export const LEGACY_HISTORY_STATE_KEY = 'alicloudMedia.requestHistory';
/** Records serialized between two yields of a rewrite: well under a millisecond of work each. */
const REWRITE_SLICE = 250;
/** How long a compaction waits for another window's: theirs takes well under a second even for a full journal. */
const LOCK_WAIT_MS = 10_000;
const LOCK_RETRY_MS = 25;
/** A lock this old belongs to a window that died mid-compaction (or froze): it is taken over. */
export const STALE_LOCK_MS = 30_000;
/** An appender that keeps finding the file replaced under its write gives up after this many tries. */
const APPEND_ATTEMPTS = 5;
/** fs.watch misses changes on some file systems (network homes, some containers): a stat this often as well. */
export const POLL_MS = 1000;

/** Bytes read and decoded at a time: well under a millisecond of work each. */
const READ_CHUNK = 256 * 1024;
/** Bytes of the file's start a reader remembers, to know the file is still the one it read. */
const HEAD_BYTES = 128;

interface ReadPosition {
  readonly dev: number;
  readonly ino: number;
  /** Bytes read so far, up to the end of the last whole line. */
  readonly offset: number;
  /** The file's first bytes (up to HEAD_BYTES) as read: a rewrite starts with a header of its own. */
  readonly head: Buffer;
}

export class HistoryFile implements HistoryStorage {
  readonly file: string;
  readonly lockFile: string;
  private position: ReadPosition | undefined;

  constructor(readonly folder: string) {
    this.file = path.join(folder, HISTORY_FILE_NAME);
    this.lockFile = `${this.file}.lock`;
  }

  exists(): boolean {
    return fs.existsSync(this.file);
  }

  /** What was appended since the last read; the whole file (replayed) on the first read or after it was replaced. */
  async read(request: ReadRequest): Promise<JournalRead> {
    const { whole, lines } = await this.readNew();
    if (!whole) return { whole, entries: await parseLines(lines.filter((line) => !request.isOwnLine(line))), lines: lines.length };
    const entries = await parseLines(lines);
    const clearedBefore = latestClear(entries, request.clearedBefore);
    return { whole, records: await replay(entries, request.maxRecords, clearedBefore), clearedBefore, lines: lines.length };
  }

  /** The lines appended since the last read, or all of them. */
  private async readNew(): Promise<{ whole: boolean; lines: string[] }> {
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(this.file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      this.position = undefined;
      return { whole: true, lines: [] };
    }
    try {
      const stat = await handle.stat();
      const at = this.position;
      const head = Buffer.alloc(Math.min(HEAD_BYTES, stat.size));
      await handle.read(head, 0, head.length, 0);
      const same = at && at.dev === stat.dev && at.ino === stat.ino && stat.size >= at.offset && head.subarray(0, at.head.length).equals(at.head);
      const start = same ? at.offset : 0;
      const { lines, consumed } = await readLines(handle, start, stat.size);
      this.position = { dev: stat.dev, ino: stat.ino, offset: start + consumed, head };
      return { whole: !same, lines };
    } finally {
      await handle.close();
    }
  }

  async append(records: readonly HistoryRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.appendText(journalText(records));
  }

  /**
   * Rewrites the journal as the history it describes now — read under the lock, so every window's lines count —
   * capped, with a clear applied. Resolves false when it was not needed after all (`whenLinesOver`: another window
   * compacted first).
   */
  async compact(request: CompactRequest): Promise<boolean> {
    await fs.promises.mkdir(this.folder, { recursive: true });
    return withLock(this.lockFile, async () => {
      // Created if missing ('a+'), never just skipped: a window may create it and append in the meantime, and that
      // line must be carried over below like any other.
      const old = await fs.promises.open(this.file, 'a+', 0o600);
      try {
        const size = (await old.stat()).size;
        const { lines, consumed } = await readLines(old, 0, size);
        if (request.clearBefore === undefined && request.whenLinesOver !== undefined && lines.length <= request.whenLinesOver) return false;
        const { header, oldestFirst } = await rewrite(lines, request.maxRecords, request.clearBefore);
        await this.replace(header, oldestFirst);
        // Lines other windows appended after the read above went to the old file: they belong in the new one.
        const rest = await readLines(old, consumed, Number.MAX_SAFE_INTEGER, true);
        if (rest.lines.length) await this.appendText(`${rest.lines.join('\n')}\n`);
        return true;
      } finally {
        await old.close();
      }
    });
  }

  /** Calls back (at most once per POLL_MS from the poll, at once from fs.watch) when the journal may have changed. */
  watch(onChange: () => void): Disposable {
    let watcher: fs.FSWatcher | undefined;
    try {
      fs.mkdirSync(this.folder, { recursive: true });
      watcher = fs.watch(this.folder, { persistent: false }, (_event, name) => {
        if (!name || name.toString() === HISTORY_FILE_NAME) onChange();
      });
      watcher.on('error', () => {
        watcher?.close();
        watcher = undefined;
      });
    } catch {
      // The poll below still notices.
    }
    let seen = this.signature();
    const timer = setInterval(() => {
      const now = this.signature();
      if (now !== seen) {
        seen = now;
        onChange();
      }
    }, POLL_MS);
    timer.unref?.();
    return {
      dispose: () => {
        clearInterval(timer);
        watcher?.close();
      },
    };
  }

  private signature(): string {
    try {
      const stat = fs.statSync(this.file);
      return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      return 'none';
    }
  }

  /** One write(2) on an O_APPEND handle; again if the file was replaced around it (see the header). */
  private async appendText(text: string): Promise<void> {
    await fs.promises.mkdir(this.folder, { recursive: true });
    // The leading newline ends a line a crash may have left torn, so the first line here is whole.
    const bytes = Buffer.from(`\n${text}`, 'utf8');
    for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
      const handle = await fs.promises.open(this.file, 'a', 0o600);
      try {
        const { bytesWritten } = await handle.write(bytes, 0, bytes.length);
        if (bytesWritten !== bytes.length) throw new Error(l10n.t('Only {0} of {1} bytes of the request history were written.', bytesWritten, bytes.length));
        const mine = await handle.stat();
        const now = await fs.promises.stat(this.file).catch(() => undefined);
        if (now && now.dev === mine.dev && now.ino === mine.ino) return;
      } finally {
        await handle.close();
      }
    }
    throw new Error(l10n.t('The request history file kept being replaced while this window wrote to it.'));
  }

  /** Writes the journal to a temporary file in slices (a yield between them) and renames it over the journal. */
  private async replace(header: string, oldestFirst: readonly HistoryRecord[]): Promise<void> {
    const temp = `${this.file}.${process.pid}.tmp`;
    const handle = await fs.promises.open(temp, 'w', 0o600);
    try {
      await handle.write(header, null, 'utf8');
      for (let start = 0; start < oldestFirst.length; start += REWRITE_SLICE) {
        await handle.write(journalText(oldestFirst.slice(start, start + REWRITE_SLICE)), null, 'utf8');
        await yieldToEventLoop();
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.promises.rename(temp, this.file);
    } catch (err) {
      await fs.promises.rm(temp, { force: true });
      throw err;
    }
  }

  /**
   * Writes records (newest first, as found: the history sanitizes them when it reads them) as the whole journal,
   * synchronously: for the one-time move of an older version's history out of globalState.
   */
  replaceSync(records: readonly unknown[]): void {
    fs.mkdirSync(this.folder, { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    let text = '';
    for (const record of [...records].reverse()) text += `${JSON.stringify(record)}\n`;
    fs.writeFileSync(temp, text, { encoding: 'utf8', mode: 0o600 });
    fs.renameSync(temp, this.file);
  }
}

/**
 * The whole lines between `start` and `end`: up to the last newline, so a line another window is writing right now
 * (or a torn last line) waits for the next read. `partialToo` takes the rest as well (a compaction's carry-over).
 * Read and decoded a chunk at a time, so a full journal is never one long stretch of work on the thread.
 */
async function readLines(handle: fs.promises.FileHandle, start: number, end: number, partialToo = false): Promise<{ lines: string[]; consumed: number }> {
  const lines: string[] = [];
  const buffer = Buffer.alloc(READ_CHUNK);
  let carry = Buffer.alloc(0);
  let position = start;
  let consumed = 0;
  while (position < end) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - position), position);
    if (bytesRead === 0) break;
    position += bytesRead;
    const bytes = carry.length ? Buffer.concat([carry, buffer.subarray(0, bytesRead)]) : buffer.subarray(0, bytesRead);
    // A newline byte never occurs inside a multi-byte UTF-8 character, so cutting there cuts between characters.
    const complete = bytes.lastIndexOf(0x0a) + 1;
    pushLines(lines, bytes.toString('utf8', 0, complete));
    consumed += complete;
    carry = Buffer.from(bytes.subarray(complete));
  }
  if (partialToo && carry.length) {
    pushLines(lines, carry.toString('utf8'));
    consumed += carry.length;
  }
  return { lines, consumed };
}

function pushLines(lines: string[], text: string): void {
  for (const line of text.split('\n')) if (line.trim()) lines.push(line);
}

/** Runs `work` holding the lock file (created with `wx`: exactly one window succeeds), taking over a stale one. */
async function withLock<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
  const token = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await fs.promises.writeFile(lockFile, JSON.stringify({ pid: process.pid, token }), { flag: 'wx', mode: 0o600 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (await isStale(lockFile)) {
      // Renamed away rather than deleted: of two windows that both found it stale, only one can move it, so the
      // other cannot delete the lock the first then creates.
      const moved = `${lockFile}.${token}.stale`;
      if (await fs.promises.rename(lockFile, moved).then(() => true, () => false)) await fs.promises.rm(moved, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(l10n.t('Another window has held the request history locked for too long.'));
    await new Promise<void>((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
  }
  try {
    return await work();
  } finally {
    // Only our own lock: if ours was taken over as stale, the lock there now is another window's.
    const holder = await fs.promises.readFile(lockFile, 'utf8').catch(() => '');
    if (holder.includes(token)) await fs.promises.rm(lockFile, { force: true });
  }
}

async function isStale(lockFile: string): Promise<boolean> {
  let stat: fs.Stats;
  let text: string;
  try {
    stat = await fs.promises.stat(lockFile);
    text = await fs.promises.readFile(lockFile, 'utf8');
  } catch {
    return false; // gone already: the next try creates it
  }
  if (Date.now() - stat.mtimeMs > STALE_LOCK_MS) return true;
  const pid = (() => {
    try {
      return (JSON.parse(text) as { pid?: unknown }).pid;
    } catch {
      return undefined; // being written right now
    }
  })();
  return typeof pid === 'number' && !processAlive(pid);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, it is someone else's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The subset of `vscode.Memento` the move needs. */
export interface LegacyState {
  get<T>(key: string): T | undefined;
  update(key: string, value: undefined): PromiseLike<void>;
}

/**
 * Moves an older version's history (a newest-first array in globalState) into the journal, once. The file first,
 * then the key: if the window closes in between, the next load finds both, and the file wins.
 */
export function moveOutOfGlobalState(state: LegacyState, file: HistoryFile): void {
  const legacy = state.get<unknown>(LEGACY_HISTORY_STATE_KEY);
  if (legacy === undefined) return;
  if (!file.exists() && Array.isArray(legacy)) file.replaceSync(legacy);
  void state.update(LEGACY_HISTORY_STATE_KEY, undefined);
}
