// Whether the profile as it is now may send a planned undo, and the words of a refusal (what the undo gives back is
// worded by the operation's own descriptor, commands/mutations/). Only the undo command needs these (the lazily loaded commands bundle), so they are apart from undoPlan.ts, which the
// history view loads at activation. No VS Code and no I/O: unit-tested with undoPlan.test.ts.

import * as l10n from '@vscode/l10n';
import type { UndoPlan, UndoRefusal } from './undoPlan';

/** What the profile looks like now, for the check below. */
export interface CurrentScope {
  readonly region: string;
  readonly endpoint: string;
  readonly maskedAccessKeyId?: string;
  /** The role the profile assumes now, if any. */
  readonly roleArn?: string;
}

/** The AccountId STS names for the profile's current key, or why it could not be read. */
export type CurrentAccount = { readonly accountId: string } | { readonly problem: string };

/**
 * Refuses rather than guesses: an undo sent to another endpoint or region, signed with another AccessKey than the
 * revocation (for an assumed role: as another role), or in another account, would change another account (or the right account as someone else).
 */
export function undoRefusal(plan: UndoPlan, now: CurrentScope): UndoRefusal | undefined {
  const profile = plan.profile;
  if (now.region !== plan.region) return { why: 'region', profile, now: now.region, then: plan.region };
  if (now.endpoint !== plan.endpoint) return { why: 'endpoint', profile, now: now.endpoint, then: plan.endpoint };
  if (plan.roleArn) {
    // A role's temporary key changes at every renewal: the same role (and, checked next, account) is the same signer.
    if (now.roleArn !== plan.roleArn) return now.roleArn ? { why: 'role', profile, now: now.roleArn, then: plan.roleArn } : { why: 'noRole', profile, role: plan.roleArn };
    return undefined;
  }
  if (plan.maskedAccessKeyId && now.maskedAccessKeyId !== plan.maskedAccessKeyId) {
    return { why: 'accessKey', profile, now: now.maskedAccessKeyId ?? l10n.t('(none)'), then: plan.maskedAccessKeyId };
  }
  return undefined;
}

/**
 * Checked after undoRefusal (which needs no call): an undo in another account than the revocation's, or in one
 * that cannot be read, is refused. Records from before accounts were kept have none, and are not held to it.
 */
export function accountRefusal(plan: UndoPlan, now: CurrentAccount): UndoRefusal | undefined {
  if (!plan.account) return undefined;
  if ('problem' in now) return { why: 'accountUnreadable', profile: plan.profile, account: plan.account, problem: now.problem };
  if (now.accountId !== plan.account) return { why: 'account', profile: plan.profile, now: now.accountId, then: plan.account };
  return undefined;
}

/** The undo's refusals in the display language (confirmationWords.ts). */
export interface UndoWords {
  /** Why an undo cannot be done (refusalText picks the sentence). */
  refused(refusal: UndoRefusal): string;
}

/** The refusal in words, for the notification and the caller's `reason`. */
export function refusalText(refusal: UndoRefusal, words: UndoWords): string {
  return words.refused(refusal);
}
