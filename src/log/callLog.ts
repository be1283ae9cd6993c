// The "Alibaba Cloud Media" log: a LogOutputChannel, so it follows the user's log level (Developer: Set Log Level).
// Created on first use, not at activation: most sessions that open the view never need it. Its fixed words follow the
// display language; its layout and key tokens do not (see formatCallRecord.ts). The formatter is its own lazy bundle
// (esbuild.js LAZY_BUNDLES): records exist only once a call was made, which loads the clients anyway.
//
// Every line goes out through escapeControls (src/inertText.ts): lines carry server names and messages, and a
// newline in a VOD app name must not start a line of its own that reads like ours. A text of several lines is
// given as an array; each line is escaped on its own.

import * as vscode from 'vscode';
import type { CallRecord } from '../cloud';
import type { CallEvents } from '../calls';
import { escapeControls } from '../inertText';
import type * as Format from './formatCallRecord';

/** One line, or the lines of one entry (a summary and its findings). */
export type LogText = string | readonly string[];

function logText(text: LogText): string {
  return typeof text === 'string' ? escapeControls(text) : text.map(escapeControls).join('\n');
}

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
        this.output.debug(logText(vscode.l10n.t('{0} {1}: attempt {2} failed with {3}; retrying in {4} ms', info.action, info.target, info.attempt, info.error.code, info.delayMs))),
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
    const { formatCallRecord, formatCallDetail } = require('./formatCallRecord') as typeof Format;
    this.recentRecords.unshift(record);
    this.recentRecords.length = Math.min(this.recentRecords.length, RECENT_LIMIT);
    const { level, text } = formatCallRecord(record);
    this.output[level](logText(text));
    const logLevel = this.output.logLevel;
    if (logLevel !== vscode.LogLevel.Off && logLevel <= vscode.LogLevel.Debug) this.output.debug(logText(formatCallDetail(record)));
  }

  info(text: LogText): void {
    this.output.info(logText(text));
  }

  /** Once per distinct text for the session: for states the tree keeps showing, not for events. */
  warnOnce(text: string): void {
    if (this.warned.has(text)) return;
    this.warned.add(text);
    this.warn(text);
  }

  warn(text: LogText): void {
    this.output.warn(logText(text));
  }

  error(text: LogText): void {
    this.output.error(logText(text));
  }

  show(): void {
    this.output.show(true);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.channel?.dispose();
  }
}
