// What a detach of app policies leaves in place: the RAM policies through which the identity can still act in VOD
// (ramGrants.ts). Read before the confirmation so the modal, the result notification and the log line can all name
// it: "alice keeps access to every VOD app through RAM policy AliyunVODFullAccess, attached via group media-devs".
// A picture that could not be read is said as such, never as "nothing remains".

import * as vscode from 'vscode';
import { identityText } from '../../cloud';
import { describeRemaining } from '../../cloud/ramGrantText';
import { ramPictureOf } from '../../profiles/ramGrantSession';
import type { ProfileSession } from '../../profiles/profileSessions';
import type { Confirmation } from '../confirmation';
import { sentIdentity, type PolicyTarget } from '../targets';
import type { SuccessReport } from './mutation';

/** The target with `ramRemaining` filled in (its identity resolved and named first). Never rejects. */
export async function withRamRemaining(session: ProfileSession, t: PolicyTarget): Promise<PolicyTarget> {
  if (!t.resolved) return t;
  const who = t.resolved.userName ?? t.resolved.identityName;
  const picture = await ramPictureOf(session, t.resolved);
  const lines = 'grants' in picture ? describeRemaining(who, picture) : [vscode.l10n.t('RAM grants of {0} were not read: {1}', who, picture.message)];
  return { ...t, ramRemaining: lines };
}

function linesOf(targets: readonly PolicyTarget[]): string[] {
  return targets.flatMap((t) => t.ramRemaining ?? []);
}

/** The modal's detail gains a paragraph naming what the detach does not remove. */
export function confirmationWithRam(confirmation: Confirmation, targets: readonly PolicyTarget[]): Confirmation {
  const lines = linesOf(targets);
  if (lines.length === 0) return confirmation;
  return { ...confirmation, detail: `${confirmation.detail}\n\n${vscode.l10n.t('Not removed by this detach (RAM):')}\n${lines.map((l) => `• ${l}`).join('\n')}` };
}

/** The notification's text, the log line and the programmatic result name the same. */
export function reportWithRam(report: SuccessReport, t: PolicyTarget): SuccessReport {
  const lines = t.ramRemaining ?? [];
  if (lines.length === 0) return report;
  return {
    ...report,
    warn: true,
    text: `${report.text}. ${lines.join('. ')}`,
    fields: { ...report.fields, ramGrantsRemaining: [...lines] },
    // Layout like every log line: what, [profile], then a searchable key (README, "The log").
    logLine: `${identityText(sentIdentity(t))} [${vscode.l10n.t('profile {0}', t.profile)}] RamGrantsRemain [${lines.join('; ')}]`,
  };
}
