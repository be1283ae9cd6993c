// A history record's words in the display language, for src/records/recordText.ts: the Request History view uses
// them, and the inspector hands them to its page (inspectorWords.ts). Templates keep their placeholders.

import * as vscode from 'vscode';
import type { RecordWords } from '../records/recordText';

let words: RecordWords | undefined;

/** Looked up once: the display language cannot change without a reload of the extension host. */
export function recordWords(): RecordWords {
  return (words ??= {
    time: vscode.l10n.t('Time'),
    outcome: vscode.l10n.t('Outcome'),
    action: vscode.l10n.t('Action'),
    target: vscode.l10n.t('Target'),
    profile: vscode.l10n.t('Profile'),
    region: vscode.l10n.t('Region'),
    endpoint: vscode.l10n.t('Endpoint'),
    credentialSource: vscode.l10n.t('Credential source'),
    assumedRole: vscode.l10n.t('Assumed role'),
    withSession: vscode.l10n.t('{0} (session {1})', '{0}', '{1}'),
    latency: vscode.l10n.t('Latency'),
    attempts: vscode.l10n.t('Attempts'),
    param: vscode.l10n.t('Param {0}', '{0}'),
    confirmedBy: vscode.l10n.t('Confirmed by'),
    withRequestId: vscode.l10n.t('{0} (RequestId {1})', '{0}', '{1}'),
    errorCode: vscode.l10n.t('Error code'),
    errorKind: vscode.l10n.t('Error kind'),
    errorMessage: vscode.l10n.t('Error message'),
    httpStatus: vscode.l10n.t('HTTP status'),
    readBackFailed: vscode.l10n.t('Read-back failed'),
    noRequestId: vscode.l10n.t('no RequestId'),
    undone: vscode.l10n.t('Undone at {0} (RequestId {1})', '{0}', '{1}'),
    responseError: vscode.l10n.t('Error'),
    responseCancelled: vscode.l10n.t('Cancelled'),
    response: vscode.l10n.t('Response'),
  });
}
