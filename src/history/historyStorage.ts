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
}

export function historyStorage(context: vscode.ExtensionContext): HistoryStorage {
  const memento = context.globalState;
  if (process.env[COUNT_HISTORY_WRITES_ENV] !== '1') {
    return memento;
  }
  let writes = 0;
  context.subscriptions.push(
    vscode.commands.registerCommand(HISTORY_STORAGE_STATS_COMMAND, (): HistoryStorageStats => ({ writes })),
  );
  return {
    get: <T>(key: string) => memento.get<T>(key),
    update: (key, value) => {
      if (key === HISTORY_STORAGE_KEY) writes += 1;
      return memento.update(key, value);
    },
  };
}
