// A stand-in for the `vscode` module, because no VS Code runs under mocha or in the bench. It is the one test double
// of the VS Code API: unit tests install it with test/support/vscode.ts, the bench's bundle aliases `vscode` to it
// (package.json's bench script). It holds only what the code under test touches outside people's prompts (those go
// through the UI port, which tests script: test/support/scriptedUi.ts):
//   - `l10n.t` (test/support/l10n.ts: English, or a bundle a test loads with useBundle);
//   - the plain value classes tree rows are made of (TreeItem, ThemeIcon, ThemeColor, MarkdownString) and the enums;
//   - EventEmitter and Disposable, with VS Code's semantics (listeners in order, disposal unsubscribes);
//   - user settings (`workspace.getConfiguration(section).inspect(key).globalValue`, set by setUserSettings) and
//     their change event, for ProfileSettings;
//   - the status-bar item of a long run (recorded in statusBarTexts), view progress (runs the task), and
//     `commands.executeCommand`/`registerCommand` (recorded, nothing runs).
// Any other VS Code API throws, so a test cannot come to depend on a fake of it silently.
import * as l10n from './l10n';

type Listener<T> = (value: T) => unknown;

class Disposable {
  constructor(private readonly onDispose: () => void) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.onDispose();
  }
}

class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== listener)));
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

class TreeItem {
  description?: string;
  tooltip?: unknown;
  iconPath?: unknown;
  contextValue?: string;
  command?: unknown;
  id?: string;
  constructor(
    public label: unknown,
    public collapsibleState?: number,
  ) {}
}

class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

class ThemeColor {
  constructor(readonly id: string) {}
}

/** Only appendText is used: server text is never rendered as markdown. */
class MarkdownString {
  constructor(
    public value = '',
    readonly supportThemeIcons = false,
  ) {}
  appendText(text: string): this {
    this.value += text;
    return this;
  }
}

const settings = new Map<string, unknown>();
const configurationChanged = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();

/** Replaces the user settings (`{ 'alicloudMedia.profiles': [...] }`) and fires the change event for them. */
export function setUserSettings(values: Readonly<Record<string, unknown>>): void {
  const changed = new Set([...settings.keys(), ...Object.keys(values)]);
  settings.clear();
  for (const [key, value] of Object.entries(values)) settings.set(key, value);
  configurationChanged.fire({ affectsConfiguration: (section) => [...changed].some((key) => key === section || key.startsWith(`${section}.`)) });
}

/** What every status-bar item said, in order, since the last reset. */
export const statusBarTexts: string[] = [];
/** Every executeCommand call, `[command, ...args]`. */
export const executedCommands: unknown[][] = [];

const api = {
  l10n: { t: l10n.t },
  Disposable,
  EventEmitter,
  TreeItem,
  ThemeIcon,
  ThemeColor,
  MarkdownString,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
  workspace: {
    onDidChangeConfiguration: configurationChanged.event,
    getConfiguration: (section: string) => ({
      get: (key: string) => settings.get(`${section}.${key}`),
      inspect: (key: string) => ({ key: `${section}.${key}`, globalValue: settings.get(`${section}.${key}`) }),
      update: () => {
        throw new Error('unit tests do not write settings');
      },
    }),
  },
  window: {
    /** The Resources view's own progress bar: nothing to show here, the work runs. */
    withProgress: <R>(_options: unknown, task: (progress: unknown, token: unknown) => Thenable<R>) => task({ report: () => undefined }, {}),
    createStatusBarItem: () => {
      const item = {
        text: '',
        tooltip: undefined as unknown,
        name: undefined as unknown,
        command: undefined as unknown,
        show: () => void statusBarTexts.push(item.text),
        dispose: () => undefined,
      };
      return item;
    },
  },
  commands: {
    executeCommand: async (...args: unknown[]) => void executedCommands.push(args),
    registerCommand: () => new Disposable(() => undefined),
  },
};

/**
 * The module itself. `l10n` and the rest are own properties of the target: module interop copies own properties
 * into the namespace object.
 */
const standIn = new Proxy(api, {
  get(target, name) {
    if (name === '__esModule' || typeof name === 'symbol') return undefined;
    if (name in target) return target[name as keyof typeof api];
    throw new Error(`no VS Code runs here (unit tests, the bench): vscode.${String(name)} was used`);
  },
});

export default standIn;
