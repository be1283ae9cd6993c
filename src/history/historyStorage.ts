// Where the request history is kept: a journal file in the extension's global storage folder (historyFile.ts),
// which, like globalState, survives reloads, belongs to this machine, is not synced, and is shared by every window
// of this VS Code (each watches it for the others' lines). Versions before 0.2 kept the history in globalState;
// the first load moves it into the file and removes the key (moveOutOfGlobalState). The file's code (locks,
// rewrites, parsing) is its own bundle, required on the first read: activation only builds this wrapper.
//
// For the benchmark only (an environment variable the bench sets on the extension host), the storage is wrapped
// to count its writes, and an internal command reports the count: the number comes from the writes themselves,
// not from the history's idea of them.

import * as vscode from 'vscode';
import type * as FileModule from './historyFile';
import { RequestHistory, type HistoryStorage } from './requestHistory';

/** historyFile.ts, loaded on first use (esbuild.js LAZY_BUNDLES). */
function fileModule(): typeof FileModule {
  return require('./historyFile') as typeof FileModule;
}

export const COUNT_HISTORY_WRITES_ENV = 'ALICLOUD_MEDIA_COUNT_HISTORY_WRITES';
export const HISTORY_STORAGE_STATS_COMMAND = 'alicloudMedia.internal.historyStorageStats';

export interface HistoryStorageStats {
  /** Appends and compactions of the journal since activation. */
  readonly writes: number;
  /** Of those, rewrites of the whole journal. */
  readonly rewrites: number;
  /** Writes still in flight (started, not yet settled). */
  readonly inFlight: number;
  /** Records a fresh load of the journal would give (read from the file): only when asked `{ countStored: true }`. */
  readonly storedRecords?: number;
}

export function historyStorage(context: vscode.ExtensionContext, maxRecords: () => number): HistoryStorage {
  const folder = context.globalStorageUri.fsPath;
  let loaded: FileModule.HistoryFile | undefined;
  const file = (): FileModule.HistoryFile => {
    if (loaded) return loaded;
    const { HistoryFile, moveOutOfGlobalState } = fileModule();
    loaded = new HistoryFile(folder);
    moveOutOfGlobalState(context.globalState, loaded);
    return loaded;
  };
  const storage: HistoryStorage = {
    read: (request) => file().read(request),
    append: (records) => file().append(records),
    compact: (request) => file().compact(request),
    watch: (onChange) => file().watch(onChange),
  };
  return process.env[COUNT_HISTORY_WRITES_ENV] === '1' ? counted(context, storage, folder, maxRecords) : storage;
}

function counted(context: vscode.ExtensionContext, storage: HistoryStorage, folder: string, maxRecords: () => number): HistoryStorage {
  let writes = 0;
  let rewrites = 0;
  let inFlight = 0;
  context.subscriptions.push(
    vscode.commands.registerCommand(HISTORY_STORAGE_STATS_COMMAND, async (options?: { countStored?: boolean }): Promise<HistoryStorageStats> => ({
      writes,
      rewrites,
      inFlight,
      ...(options?.countStored ? { storedRecords: await storedRecords(folder, maxRecords()) } : {}),
    })),
  );
  const track = <T>(write: PromiseLike<T>) => {
    writes += 1;
    inFlight += 1;
    const settle = () => void (inFlight -= 1);
    write.then(settle, settle);
    return write;
  };
  return {
    read: (request) => storage.read(request),
    append: (records) => track(storage.append(records)),
    compact: (request) => {
      // Counted when the journal was rewritten, not when a compaction found another window had done it.
      const done = track(storage.compact(request));
      done.then((rewrote) => void (rewrites += rewrote ? 1 : 0), () => undefined);
      return done;
    },
    ...(storage.watch ? { watch: storage.watch } : {}),
  };
}

/** What a new window would load: a RequestHistory of its own over the same file (it writes nothing). */
async function storedRecords(folder: string, maxRecords: number): Promise<number> {
  const file = new (fileModule().HistoryFile)(folder);
  const fresh = new RequestHistory({ read: (request) => file.read(request), append: noWrite, compact: noWrite }, maxRecords);
  await fresh.ready();
  return fresh.records().length;
}

function noWrite(): Promise<never> {
  return Promise.reject(new Error('read-only'));
}
