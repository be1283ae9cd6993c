// Result notifications with the follow-ups people want after a cloud call: the RequestId, Alibaba's
// troubleshooting page for the error (its Recommend link, offered only when it is an https:// link on an Alibaba
// domain) and the log. Every message goes out through inertText: it carries server text (an error's Message, app
// and RAM names), and a notification would make a link, even a command link, of `[label](target)` in it.

import * as vscode from 'vscode';
import { troubleshootingUrlFor, type Site } from '../cloud/sites';
import { trustedAlibabaUrl } from '../cloud/trustedLink';
import { COMMANDS } from '../commandIds';
import { inertText } from '../inertText';
import type { CommandDeps } from './deps';
import { COPY, SHOW_LOG, TRAIL, TROUBLESHOOT, noticeActions, type NoticeLinks } from './noticeActions';

export async function notify(
  deps: { readonly log: { show(): void }; readonly ui: CommandDeps['ui'] },
  severity: 'info' | 'warning' | 'error',
  message: string,
  links: NoticeLinks = {},
): Promise<void> {
  const show =
    severity === 'info'
      ? deps.ui.showInformationMessage
      : severity === 'warning'
        ? deps.ui.showWarningMessage
        : deps.ui.showErrorMessage;
  // noticeActions names the buttons in English; people see them in the display language.
  const labels = new Map([
    [COPY, vscode.l10n.t('Copy Request ID')],
    [TROUBLESHOOT, vscode.l10n.t('Troubleshoot')],
    [TRAIL, vscode.l10n.t('Look Up in ActionTrail')],
    [SHOW_LOG, vscode.l10n.t('Show Log')],
  ]);
  const shown = await show(inertText(message), ...noticeActions(links).map((a) => labels.get(a) ?? a));
  const picked = [...labels].find(([, label]) => label === shown)?.[0];
  if (picked === COPY && links.requestId) await vscode.commands.executeCommand(COMMANDS.copyRequestId, links.requestId);
  if (picked === TROUBLESHOOT) await openTroubleshooting(links.recommend, links.site);
  if (picked === TRAIL && links.requestId) await vscode.commands.executeCommand(COMMANDS.actionTrail, links.requestId);
  if (picked === SHOW_LOG) deps.log.show();
}

/**
 * Opens a Recommend link in the browser, on the profile's site when it is known, checked again here: false when
 * it is not one we open.
 */
export async function openTroubleshooting(recommend: string | undefined, site?: Site): Promise<boolean> {
  const url = trustedAlibabaUrl(recommend && site ? troubleshootingUrlFor(site, recommend) : recommend);
  if (!url) return false;
  // strict parse: the link is already a full https URL; VS Code must not re-read it as a path.
  return vscode.env.openExternal(vscode.Uri.parse(url, true));
}
