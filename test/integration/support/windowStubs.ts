// The few places of the VS Code API an extension-host test cannot drive for real, replaced for one test and put
// back after it: modal dialogs and notifications (no one is there to click them), quick picks, and
// vscode.env.openExternal (offline, and it would open a browser). Everything else — commands, the tree, the
// cloud calls — stays real. The extension and this suite share the one `vscode` API object of the extension, so
// what is replaced here is what the extension calls.
import * as vscode from 'vscode';

export interface ShownMessage {
  readonly severity: 'info' | 'warning' | 'error';
  readonly message: string;
  readonly modal: boolean;
  /** A modal's detail text, when it has one. */
  readonly detail?: string;
  readonly items: string[];
}

export interface WindowStubs {
  readonly messages: ShownMessage[];
  /** `uri.toString(true)` of every openExternal call. */
  readonly opened: string[];
  restore(): void;
}

export interface StubAnswers {
  /** Which item a modal dialog answers with; default: its first (the accept button). */
  readonly modal?: (message: ShownMessage) => string | undefined;
  /** Which button a notification is "clicked" on; default: none (dismissed). */
  readonly notification?: (message: ShownMessage) => string | undefined;
  /** Which quick-pick item is picked, by label; default: the first. */
  readonly pick?: (labels: string[]) => string | undefined;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The stubs in place now: a second stubWindow() puts the real API back first, so restore() always ends at it. */
let active: WindowStubs | undefined;

export function stubWindow(answers: StubAnswers = {}): WindowStubs {
  active?.restore();
  const window = vscode.window as Writable<typeof vscode.window>;
  const env = vscode.env as Writable<typeof vscode.env>;
  const saved = {
    info: window.showInformationMessage,
    warning: window.showWarningMessage,
    error: window.showErrorMessage,
    pick: window.showQuickPick,
    open: env.openExternal,
  };
  const messages: ShownMessage[] = [];
  const opened: string[] = [];
  const show = (severity: ShownMessage['severity']) =>
    (async (message: string, ...rest: unknown[]) => {
      const options = typeof rest[0] === 'object' && rest[0] !== null && !('title' in rest[0]) ? (rest.shift() as vscode.MessageOptions) : undefined;
      const items = rest.map((i) => (typeof i === 'string' ? i : (i as vscode.MessageItem).title));
      const shown: ShownMessage = { severity, message, modal: options?.modal === true, ...(options?.detail ? { detail: options.detail } : {}), items };
      messages.push(shown);
      return shown.modal ? (answers.modal ?? ((m) => m.items[0]))(shown) : answers.notification?.(shown);
    }) as never;
  window.showInformationMessage = show('info');
  window.showWarningMessage = show('warning');
  window.showErrorMessage = show('error');
  window.showQuickPick = (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions) => {
    const list = await items;
    // A multi-select is accepted as offered: the items it shows ticked.
    if (options?.canPickMany) return list.filter((i) => typeof i !== 'string' && i.picked);
    const label = (answers.pick ?? ((labels) => labels[0]))(list.map((i) => (typeof i === 'string' ? i : i.label)));
    return list.find((i) => (typeof i === 'string' ? i : i.label) === label);
  }) as never;
  env.openExternal = (async (uri: vscode.Uri) => {
    opened.push(uri.toString(true));
    return true;
  }) as never;
  let restored = false;
  const stubs: WindowStubs = {
    messages,
    opened,
    restore() {
      if (restored) return;
      restored = true;
      window.showInformationMessage = saved.info;
      window.showWarningMessage = saved.warning;
      window.showErrorMessage = saved.error;
      window.showQuickPick = saved.pick;
      env.openExternal = saved.open;
      if (active === stubs) active = undefined;
    },
  };
  active = stubs;
  return stubs;
}
