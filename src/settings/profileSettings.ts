// Reads and writes the application-scoped settings. Only the user-level value (inspect().globalValue) is ever
// used: a workspace's .vscode/settings.json must never choose where requests signed with the user's keys go, even
// if some VS Code version lets a workspace value through for an application-scoped setting.

import * as vscode from 'vscode';
import type { Profile } from './profileConfig';
import { parseProfiles, type ParsedProfiles } from './parseProfiles';

const SECTION = 'alicloudMedia';
const DEFAULT_TIMEOUT_SECONDS = 10;

export class ProfileSettings implements vscode.Disposable {
  private parsed: ParsedProfiles | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly warned = new Set<string>();
  private readonly subscription: vscode.Disposable;
  /** Edits run one at a time, each on the value the previous one wrote. */
  private edits: Promise<unknown> = Promise.resolve();
  /** Fires after any alicloudMedia.* setting changed (the parsed profiles are re-read lazily). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly warn: (text: string) => void) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      this.parsed = undefined;
      this.changed.fire();
    });
  }

  current(): ParsedProfiles {
    if (!this.parsed) {
      this.parsed = parseProfiles(this.userValue('profiles'));
      for (const problem of this.parsed.problems) this.warnOnce(vscode.l10n.t('Settings: {0}', problem));
    }
    return this.parsed;
  }

  profiles(): readonly Profile[] {
    return this.current().profiles;
  }

  find(name: string): Profile | undefined {
    return this.profiles().find((p) => p.name === name);
  }

  /** Per-attempt timeout in milliseconds, from alicloudMedia.requestTimeoutSeconds (1–120 s). */
  timeoutMs(): number {
    const seconds = this.userValue('requestTimeoutSeconds');
    const value = typeof seconds === 'number' && Number.isFinite(seconds) ? seconds : DEFAULT_TIMEOUT_SECONDS;
    return Math.round(Math.min(120, Math.max(1, value)) * 1000);
  }

  /**
   * Applies `edit` to the user-level profiles and writes them back to user settings. Edits are queued and each
   * reads the value just before it writes: two concurrent edits (two programmatic calls, an add during an import)
   * would otherwise both start from the same value and the last write would erase the other's change.
   */
  updateProfiles(edit: (raw: unknown) => unknown[]): Promise<void> {
    const run = this.edits.then(async () => {
      const next = edit(this.userValue('profiles') ?? []);
      await vscode.workspace.getConfiguration(SECTION).update('profiles', next, vscode.ConfigurationTarget.Global);
      this.parsed = undefined;
    });
    this.edits = run.catch(() => undefined);
    return run;
  }

  private userValue(key: string): unknown {
    const inspected = vscode.workspace.getConfiguration(SECTION).inspect<unknown>(key);
    if (
      inspected?.workspaceValue !== undefined ||
      inspected?.workspaceFolderValue !== undefined ||
      inspected?.workspaceLanguageValue !== undefined
    ) {
      const setting = `${SECTION}.${key}`;
      const text = vscode.l10n.t(
        '{0} in workspace or folder settings is ignored: only user settings are read, so a workspace cannot redirect requests signed with your AccessKey.',
        setting,
      );
      // `Settings:` is the log line's fixed prefix, in every language.
      this.warnOnce(vscode.l10n.t('Settings: {0}', text));
    }
    return inspected?.globalValue;
  }

  private warnOnce(text: string): void {
    if (this.warned.has(text)) return;
    this.warned.add(text);
    this.warn(text);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
