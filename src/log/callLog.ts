// The "Alibaba Cloud Media" log: a LogOutputChannel, so it follows the user's log level (Developer: Set Log Level).
// Created on first use, not at activation: most sessions that open the view never need it. Its fixed words follow the
// display language; its layout and key tokens do not (see formatCallRecord.ts).

import * as vscode from 'vscode';
import type { CallRecord } from '../cloud';
import type { CallEvents } from '../calls';
import { formatCallDetail, formatCallRecord } from './formatCallRecord';

/** Enough recent RequestIds for "Copy Request ID" from the Command Palette. */
const RECENT_LIMIT = 30;

export class CallLog implements vscode.Disposable {
  private channel: vscode.LogOutputChannel | undefined;
  private readonly recentRecords: CallRecord[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly warned = new Set<string>();

  constructor(events: CallEvents) {
    this.subscriptions.push(
      events.onDidRecordCall((record) => this.record(record)),
      events.onDidRetry((info) =>
        this.output.debug(vscode.l10n.t('{0} {1}: attempt {2} failed with {3}; retrying in {4} ms', info.action, info.target, info.attempt, info.error.code, info.delayMs)),
      ),
    );
  }

  private get output(): vscode.LogOutputChannel {
    this.channel ??= vscode.window.createOutputChannel('Alibaba Cloud Media', { log: true });
    return this.channel;
  }

  /** Newest first. */
  get recent(): readonly CallRecord[] {
    return this.recentRecords;
  }

  private record(record: CallRecord): void {
    this.recentRecords.unshift(record);
    this.recentRecords.length = Math.min(this.recentRecords.length, RECENT_LIMIT);
    const { level, text } = formatCallRecord(record);
    this.output[level](text);
    const logLevel = this.output.logLevel;
    if (logLevel !== vscode.LogLevel.Off && logLevel <= vscode.LogLevel.Debug) this.output.debug(formatCallDetail(record));
  }

  info(text: string): void {
    this.output.info(text);
  }

  /** Once per distinct text for the session: for states the tree keeps showing, not for events. */
  warnOnce(text: string): void {
    if (this.warned.has(text)) return;
    this.warned.add(text);
    this.warn(text);
  }

  warn(text: string): void {
    this.output.warn(text);
  }

  error(text: string): void {
    this.output.error(text);
  }

  show(): void {
    this.output.show(true);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.channel?.dispose();
  }
}
