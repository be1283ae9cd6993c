// Where the request history is kept: a journal file in the extension's global storage folder (historyFile.ts),
// which, like globalState, survives reloads, belongs to this machine and is not synced. Versions before 0.2 kept
// the history in globalState; the first load moves it into the file and removes the key (moveOutOfGlobalState).
//
// For the benchmark only (an environment variable the bench sets on the extension host), the storage is wrapped
// to count its writes, and an internal command reports the count: the number comes from the writes themselves,
// not from the history's idea of them.

import * as vscode from 'vscode';
import type { HistoryRecord } from '../records/historyRecord';
import { HistoryFile, moveOutOfGlobalState } from './historyFile';
import { RequestHistory, type HistoryStorage } from './requestHistory';

export const COUNT_HISTORY_WRITES_ENV = 'ALICLOUD_MEDIA_COUNT_HISTORY_WRITES';
export const HISTORY_STORAGE_STATS_COMMAND = 'alicloudMedia.internal.historyStorageStats';

export interface HistoryStorageStats {
  /** Appends and rewrites of the journal since activation. */
  readonly writes: number;
  /** Of those, rewrites of the whole journal. */
  readonly rewrites: number;
  /** Writes still in flight (started, not yet settled). */
  readonly inFlight: number;
  /** Records a fresh load of the journal would give (read from the file): only when asked `{ countStored: true }`. */
  readonly storedRecords?: number;
}

export function historyStorage(context: vscode.ExtensionContext, maxRecords: () => number): HistoryStorage {
  const file = new HistoryFile(context.globalStorageUri.fsPath);
  const storage: HistoryStorage = {
    load: () => {
      moveOutOfGlobalState(context.globalState, file);
      return file.load();
    },
    append: (records) => file.append(records),
    replace: (records) => file.replace(records),
  };
  return process.env[COUNT_HISTORY_WRITES_ENV] === '1' ? counted(context, storage, file, maxRecords) : storage;
}

function counted(context: vscode.ExtensionContext, storage: HistoryStorage, file: HistoryFile, maxRecords: () => number): HistoryStorage {
  let writes = 0;
  let rewrites = 0;
  let inFlight = 0;
  context.subscriptions.push(
    vscode.commands.registerCommand(HISTORY_STORAGE_STATS_COMMAND, (options?: { countStored?: boolean }): HistoryStorageStats => ({
      writes,
      rewrites,
      inFlight,
      ...(options?.countStored ? { storedRecords: storedRecords(file, maxRecords()) } : {}),
    })),
  );
  const track = (write: PromiseLike<void>) => {
    writes += 1;
    inFlight += 1;
    const settle = () => void (inFlight -= 1);
    write.then(settle, settle);
    return write;
  };
  return {
    load: () => storage.load(),
    append: (records) => track(storage.append(records)),
    replace: (records) => {
      rewrites += 1;
      return track(storage.replace(records));
    },
  };
}

/** What a new window would load: a RequestHistory of its own over the same file. */
function storedRecords(file: HistoryFile, maxRecords: number): number {
  const fresh = new RequestHistory({ load: () => file.load(), append: noWrite, replace: noWrite }, maxRecords);
  return fresh.records().length;
}

function noWrite(_records: readonly HistoryRecord[]): Promise<void> {
  return Promise.reject(new Error('read-only'));
}
