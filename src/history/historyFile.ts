// The request history on disk: a journal file of JSON lines, one record per line, oldest first, in the
// extension's global storage folder. No VS Code import: the folder is a path the adapter hands over.
//
// Appends are small (the records of one coalesced write). A rewrite (clear, a smaller cap, compaction) goes to a
// temporary file that is then renamed over the journal, so a crash leaves either the old journal or the new one;
// it is serialized in slices with a yield between them, so even 5,000 records never hold the extension host's
// thread for long. A torn last line (the machine died mid-append) is skipped when the file is read.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HistoryRecord } from '../records/historyRecord';
import type { HistoryStorage } from './requestHistory';

export const HISTORY_FILE_NAME = 'request-history.jsonl';
/** Where versions before 0.2 kept the whole history, in globalState. */
export const LEGACY_HISTORY_STATE_KEY = 'alicloudMedia.requestHistory';
/** Records serialized between two yields of a rewrite: well under a millisecond of work each. */
const REWRITE_SLICE = 250;

export class HistoryFile implements HistoryStorage {
  readonly file: string;

  constructor(readonly folder: string) {
    this.file = path.join(folder, HISTORY_FILE_NAME);
  }

  exists(): boolean {
    return fs.existsSync(this.file);
  }

  load(): unknown[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const lines: unknown[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        lines.push(JSON.parse(line));
      } catch {
        // A torn or corrupted line: the records around it still count.
      }
    }
    return lines;
  }

  async append(records: readonly HistoryRecord[]): Promise<void> {
    if (records.length === 0) return;
    await fs.promises.mkdir(this.folder, { recursive: true });
    await fs.promises.appendFile(this.file, toLines(records), { encoding: 'utf8', mode: 0o600 });
  }

  async replace(records: readonly HistoryRecord[]): Promise<void> {
    await fs.promises.mkdir(this.folder, { recursive: true });
    // The journal is oldest first; the history hands its records newest first.
    const oldestFirst = [...records].reverse();
    const temp = `${this.file}.${process.pid}.tmp`;
    const handle = await fs.promises.open(temp, 'w', 0o600);
    try {
      for (let start = 0; start < oldestFirst.length; start += REWRITE_SLICE) {
        await handle.write(toLines(oldestFirst.slice(start, start + REWRITE_SLICE)), null, 'utf8');
        await new Promise<void>((resolve) => setImmediate(resolve));
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
    fs.writeFileSync(temp, toLines([...records].reverse()), { encoding: 'utf8', mode: 0o600 });
    fs.renameSync(temp, this.file);
  }
}

function toLines(records: readonly unknown[]): string {
  let text = '';
  for (const record of records) text += `${JSON.stringify(record)}\n`;
  return text;
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
