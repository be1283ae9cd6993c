// The one place every finished cloud call is announced. Each client gets this object as its CallObserver; the log
// subscribes now, the request history and anything else later, without the clients knowing who listens.

import * as vscode from 'vscode';
import type { CallObserver, CallRecord } from './cloud';

export type RetryInfo = Parameters<NonNullable<CallObserver['onRetry']>>[0];

export class CallEvents implements CallObserver, vscode.Disposable {
  private readonly calls = new vscode.EventEmitter<CallRecord>();
  private readonly retries = new vscode.EventEmitter<RetryInfo>();

  /** Fires once per logical call (after its retries), success or failure. */
  readonly onDidRecordCall = this.calls.event;
  readonly onDidRetry = this.retries.event;

  onCall(record: CallRecord): void {
    this.calls.fire(record);
  }

  onRetry(info: RetryInfo): void {
    this.retries.fire(info);
  }

  dispose(): void {
    this.calls.dispose();
    this.retries.dispose();
  }
}
