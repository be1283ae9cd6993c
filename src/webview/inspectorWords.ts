// The words of the Request Inspector in the display language: the page gets them as data (inspectorText.ts).
// Templates are looked up with their placeholders passed as themselves, so they reach the page unfilled.

import * as vscode from 'vscode';
import type { InspectorText } from './inspectorText';
import { recordWords } from './recordWords';

/** `language` is vscode.env.language, passed in so the words alone are all that needs VS Code here. */
export function inspectorText(language: string): InspectorText {
  return {
    language,
    title: vscode.l10n.t('Request Inspector'),
    filterPlaceholder: vscode.l10n.t('Filter by RequestId, target, action or error code'),
    filterLabel: vscode.l10n.t('Filter requests'),
    outcomeLabel: vscode.l10n.t('Outcome'),
    outcomeAll: vscode.l10n.t('All outcomes'),
    outcomeSucceeded: vscode.l10n.t('Succeeded'),
    outcomeFailed: vscode.l10n.t('Failed'),
    outcomeCancelled: vscode.l10n.t('Cancelled'),
    outcomeUnknown: vscode.l10n.t('Outcome unknown'),
    exportJson: vscode.l10n.t('Export filtered…'),
    showMore: vscode.l10n.t('Show more'),
    empty: vscode.l10n.t('No requests match.'),
    selectedRequest: vscode.l10n.t('Selected request'),
    copyRequestId: vscode.l10n.t('Copy RequestId'),
    copyThisRequestId: vscode.l10n.t('Copy RequestId {0}', '{0}'),
    troubleshoot: vscode.l10n.t('Troubleshoot this error on Alibaba Cloud'),
    undo: vscode.l10n.t('Undo'),
    lookUpTrail: vscode.l10n.t('Look Up in ActionTrail'),
    trailTitle: vscode.l10n.t('Who made this call (ActionTrail)'),
    trailSearching: vscode.l10n.t('Looking it up in ActionTrail…'),
    detailPlaceholder: vscode.l10n.t('Select a request to see its full record.'),
    columns: {
      time: vscode.l10n.t('Time'),
      action: vscode.l10n.t('Action'),
      target: vscode.l10n.t('Target'),
      outcome: vscode.l10n.t('Outcome'),
      code: vscode.l10n.t('Code'),
      requestId: 'RequestId',
      latency: vscode.l10n.t('Latency'),
    },
    sortBy: vscode.l10n.t('Sort by {0}', '{0}'),
    count: vscode.l10n.t('{0} of {1} requests', '{0}', '{1}'),
    countShowingFirst: vscode.l10n.t('{0} (showing the first {1})', '{0}', '{1}'),
    record: recordWords(),
  };
}
