// A scripted UI port (src/commands/uiPort.ts) for unit tests: it answers modals, notifications, quick picks and input
// boxes as the test says and records everything it was asked. The pipeline and the commands cannot tell it from
// the real port over vscode.window, which is the point of the port.
import type { UiPort } from '../../src/commands/uiPort';

export interface Asked {
  readonly severity: 'info' | 'warning' | 'error';
  readonly message: string;
  readonly modal: boolean;
  readonly detail?: string;
  readonly items: readonly string[];
}

export interface ProgressShown {
  readonly title?: string;
  readonly cancellable?: boolean;
  readonly reports: { message?: string; increment?: number }[];
}

export interface UiScript {
  /** Which button a modal answers with; default: its first (the accept button). Undefined: Cancel. */
  readonly modal?: (asked: Asked) => string | undefined;
  /** Which button a notification is clicked on; default: none (dismissed). */
  readonly notification?: (asked: Asked) => string | undefined;
  /** Which quick-pick items are picked, by label; default: none (dismissed). */
  readonly pick?: (labels: readonly string[]) => string | readonly string[] | undefined;
  /** What an input box answers; default: dismissed. */
  readonly input?: (prompt: string | undefined) => string | undefined;
}

export interface ScriptedUi {
  readonly ui: UiPort;
  readonly asked: Asked[];
  readonly modals: () => Asked[];
  readonly notifications: () => Asked[];
  readonly progress: ProgressShown[];
}

interface MessageOptions {
  readonly modal?: boolean;
  readonly detail?: string;
}

export function scriptedUi(script: UiScript = {}): ScriptedUi {
  const asked: Asked[] = [];
  const progress: ProgressShown[] = [];
  const message =
    (severity: Asked['severity']) =>
    async (text: string, ...rest: unknown[]): Promise<string | undefined> => {
      const options = typeof rest[0] === 'object' && rest[0] !== null ? (rest.shift() as MessageOptions) : {};
      const items = rest.map((item) => (typeof item === 'string' ? item : (item as { title: string }).title));
      const entry: Asked = { severity, message: text, modal: options.modal === true, detail: options.detail, items };
      asked.push(entry);
      return entry.modal ? (script.modal ? script.modal(entry) : items[0]) : script.notification?.(entry);
    };
  const port = {
    showInformationMessage: message('info'),
    showWarningMessage: message('warning'),
    showErrorMessage: message('error'),
    showQuickPick: async (items: readonly ({ label: string } | string)[] | Promise<readonly ({ label: string } | string)[]>, options?: { canPickMany?: boolean }) => {
      const all = await items;
      const labelOf = (item: { label: string } | string) => (typeof item === 'string' ? item : item.label);
      const answer = script.pick?.(all.map(labelOf));
      if (answer === undefined) return undefined;
      const wanted = typeof answer === 'string' ? [answer] : answer;
      const picked = all.filter((item) => wanted.includes(labelOf(item)));
      return options?.canPickMany ? picked : picked[0];
    },
    showInputBox: async (options?: { prompt?: string }) => script.input?.(options?.prompt),
    withProgress: async <R>(options: { title?: string; cancellable?: boolean }, task: (p: unknown, token: unknown) => Thenable<R>) => {
      const shown: ProgressShown = { title: options.title, cancellable: options.cancellable, reports: [] };
      progress.push(shown);
      const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) };
      return task({ report: (value: { message?: string; increment?: number }) => void shown.reports.push(value) }, token);
    },
  };
  return {
    // VS Code's overloads (items or thenables, with or without options) are more than a script needs; the calls the
    // extension makes are the shapes handled above.
    ui: port as unknown as UiPort,
    asked,
    modals: () => asked.filter((a) => a.modal),
    notifications: () => asked.filter((a) => !a.modal),
    progress,
  };
}
