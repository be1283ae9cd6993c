// A long run's progress in the status bar, cancelled by a click: "$(sync~spin) Detaching 312/1,000". A small
// adapter over a StatusBarItem that knows nothing of what runs: a bulk revocation (mutationCommand.ts) uses it, and
// any other long run hooks in with one call of withProgressStatus(title, total, cancel, run).
//
// Clicking runs alicloudMedia.cancelProgress with the item's number, registered only while an item is shown (it
// is not a palette command). Run by code without a number, it cancels every run shown; either way it returns what
// each cancelled item said, so the extension-host tests can check the item and its click without a workbench.
// The title may name an app from the server: the status bar draws `$(icon)`, so it is made inert before our icon
// is put in front.

import * as vscode from 'vscode';
import { inertText } from '../inertText';
import { progressText } from './progressText';

export const CANCEL_PROGRESS_COMMAND = 'alicloudMedia.cancelProgress';

const shown = new Set<ProgressStatus>();
let cancelCommand: vscode.Disposable | undefined;
let lastNumber = 0;

export class ProgressStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('alicloudMedia.progress', vscode.StatusBarAlignment.Left, 100);
  private cancelled = false;
  private readonly number = ++lastNumber;

  constructor(
    private readonly title: string,
    private readonly cancel: () => void,
  ) {
    this.item.name = vscode.l10n.t('Alibaba Cloud Media: progress');
    this.item.command = { title: vscode.l10n.t('Cancel'), command: CANCEL_PROGRESS_COMMAND, arguments: [this.number] };
    shown.add(this);
    cancelCommand ??= vscode.commands.registerCommand(CANCEL_PROGRESS_COMMAND, (number?: unknown) =>
      [...shown].filter((s) => number === undefined || s.number === number).map((s) => s.requestCancel()),
    );
  }

  /** Shows `title done/total`; the first call makes the item visible. */
  report(done: number, total: number): void {
    if (this.cancelled) return;
    this.item.text = `$(sync~spin) ${inertText(progressText(this.title, done, total))}`;
    this.item.tooltip = vscode.l10n.t('{0} — click to cancel', progressText(this.title, done, total));
    this.item.show();
  }

  /** After a cancel (from here or the notification): the calls already sent that the run still waits for. */
  finishing(running: number): void {
    this.cancelled = true;
    this.item.text = `$(circle-slash) ${vscode.l10n.t('{0}: finishing {1} calls already sent…', this.title, running)}`;
    this.item.tooltip = vscode.l10n.t('Cancelled: requests already sent finish, the rest are not sent.');
    this.item.show();
  }

  /** What the item says now, and the run asked to stop. */
  private requestCancel(): string {
    const text = this.item.text;
    if (!this.cancelled) {
      this.cancelled = true;
      this.item.text = `$(circle-slash) ${inertText(vscode.l10n.t('{0}: cancelling…', this.title))}`;
      this.item.tooltip = vscode.l10n.t('Cancelling: requests already sent finish, the rest are not sent.');
      this.cancel();
    }
    return text;
  }

  dispose(): void {
    this.item.dispose();
    shown.delete(this);
    if (shown.size === 0) {
      cancelCommand?.dispose();
      cancelCommand = undefined;
    }
  }
}

/**
 * The item for the whole of `run`, which reports settled counts through the first function it is given and, after
 * a cancel, the calls it still waits for through the second.
 */
export async function withProgressStatus<T>(
  title: string,
  total: number,
  cancel: () => void,
  run: (report: (done: number) => void, finishing: (running: number) => void) => Promise<T>,
): Promise<T> {
  const status = new ProgressStatus(title, cancel);
  status.report(0, total);
  try {
    return await run((done) => status.report(done, total), (running) => status.finishing(running));
  } finally {
    status.dispose();
  }
}
