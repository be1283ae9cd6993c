// Where the request history is kept: `context.globalState`. For the benchmark only (an environment variable the
// bench sets on the extension host), the Memento is wrapped to count the writes of the history key, and an
// internal command reports the count: the number comes from the writes themselves, not from the history's idea
// of them.

import * as vscode from 'vscode';
import { HISTORY_STORAGE_KEY, type HistoryStorage } from './requestHistory';

export const COUNT_HISTORY_WRITES_ENV = 'ALICLOUD_MEDIA_COUNT_HISTORY_WRITES';
export const HISTORY_STORAGE_STATS_COMMAND = 'alicloudMedia.internal.historyStorageStats';

export interface HistoryStorageStats {
  /** globalState.update calls for the history key since activation. */
  readonly writes: number;
  /** How many records the last of them carried: what storage holds once it has finished. */
  readonly lastWriteRecords: number;
  /** Writes still in flight (update called, not yet settled). */
  readonly inFlight: number;
}

export function historyStorage(context: vscode.ExtensionContext): HistoryStorage {
  const memento = context.globalState;
  if (process.env[COUNT_HISTORY_WRITES_ENV] !== '1') {
    return memento;
  }
  let writes = 0;
  let lastWriteRecords = 0;
  let inFlight = 0;
  context.subscriptions.push(
    vscode.commands.registerCommand(HISTORY_STORAGE_STATS_COMMAND, (): HistoryStorageStats => ({ writes, lastWriteRecords, inFlight })),
  );
  return {
    get: <T>(key: string) => memento.get<T>(key),
    update: (key, value) => {
      if (key !== HISTORY_STORAGE_KEY) return memento.update(key, value);
      writes += 1;
      lastWriteRecords = Array.isArray(value) ? value.length : 0;
      inFlight += 1;
      const settle = () => void (inFlight -= 1);
      const written = memento.update(key, value);
      written.then(settle, settle);
      return written;
    },
  };
}
