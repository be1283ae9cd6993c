// Deciding how to reverse a recorded revocation, from the record alone, and whether the profile as it is now may
// send that reversal. No VS Code and no I/O, so every rule here is unit-tested; the undo command asks for
// confirmation and runs the plan through the same mutation pipeline as the revocations.

import { describeIdentity } from '../cloud/identity';
import type { CallRecord, IdentityType, Product } from '../cloud/types';

interface PlanScope {
  readonly profile: string;
  readonly region: string;
  /** Where the revocation went; the undo must go to the same place. */
  readonly endpoint: string;
  readonly product: Product;
  /** Masked, as the record keeps it. */
  readonly maskedAccessKeyId?: string;
  /** The role whose temporary key signed the revocation, when one did: its key is renewed, the role stays. */
  readonly roleArn?: string;
  /** The AccountId the revocation's key belonged to (STS), when the record says. */
  readonly account?: string;
  /** The revocation's own RequestId, for the confirmation and the mark on the record. */
  readonly requestId?: string;
}

export type UndoPlan =
  | (PlanScope & { readonly action: 'BindOutputBucket'; readonly bucket: string })
  | (PlanScope & {
      readonly action: 'AttachAppPolicyToIdentity';
      /** As VOD was sent it (a UserId for RamUser); userName only for people, when a configured identity says it. */
      readonly identity: { readonly identityType: IdentityType; readonly identityName: string; readonly appId: string; readonly userName?: string };
      /** Only the names the detach's answer confirms removed: requested minus NonExistPolicyNames minus FailedPolicyNames. */
      readonly policyNames: readonly string[];
    });

export type UndoDecision = { readonly plan: UndoPlan } | { readonly refusal: UndoRefusal };

/** Why an undo cannot be done, as data: refusalText words it in the display language. */
export type UndoRefusal =
  | { readonly why: 'notSucceeded' | 'noProfile' | 'noBucket' | 'noIdentity' | 'noApp' | 'noLists' | 'nothingRemoved' }
  | { readonly why: 'alreadyUndone'; readonly requestId: string }
  | { readonly why: 'notRevocation'; readonly action: string }
  | { readonly why: 'region' | 'endpoint' | 'accessKey' | 'account'; readonly profile: string; readonly now: string; readonly then: string }
  | { readonly why: 'role'; readonly profile: string; readonly now: string; readonly then: string }
  | { readonly why: 'noRole'; readonly profile: string; readonly role: string }
  | { readonly why: 'accountUnreadable'; readonly profile: string; readonly account: string; readonly problem: string };

/** A record as the history keeps it: the call, plus the mark an undo leaves on it. */
export type UndoableRecord = CallRecord & { readonly undoneBy?: { readonly requestId: string; readonly time: string } };

/** What a record's undo would do, or why it cannot be undone. */
export function planUndo(record: UndoableRecord): UndoDecision {
  if (record.outcome !== 'succeeded') return { refusal: { why: 'notSucceeded' } };
  if (record.undoneBy) return { refusal: { why: 'alreadyUndone', requestId: record.undoneBy.requestId } };
  if (!record.profile) return { refusal: { why: 'noProfile' } };
  const scope: PlanScope = {
    profile: record.profile,
    region: record.region,
    endpoint: record.endpoint,
    product: record.product,
    ...(record.maskedAccessKeyId ? { maskedAccessKeyId: record.maskedAccessKeyId } : {}),
    ...(record.credential?.roleArn ? { roleArn: record.credential.roleArn } : {}),
    ...(record.account ? { account: record.account } : {}),
    ...(record.requestId ? { requestId: record.requestId } : {}),
  };
  if (record.product === 'mps' && record.action === 'UnbindOutputBucket') {
    const bucket = record.params.Bucket?.trim();
    if (!bucket) return { refusal: { why: 'noBucket' } };
    return { plan: { ...scope, action: 'BindOutputBucket', bucket } };
  }
  if (record.product === 'vod' && record.action === 'DetachAppPolicyFromIdentity') return planReattach(record, scope);
  return { refusal: { why: 'notRevocation', action: record.action } };
}

export function isUndoable(record: UndoableRecord): boolean {
  return 'plan' in planUndo(record);
}

function planReattach(record: CallRecord, scope: PlanScope): UndoDecision {
  const { IdentityType: identityType, IdentityName: identityName, AppId: appId, PolicyNames } = record.params;
  if (!isIdentityType(identityType) || !identityName) return { refusal: { why: 'noIdentity' } };
  if (!appId) return { refusal: { why: 'noApp' } };
  // Without the answer's lists we cannot know what was removed: reattaching a name the identity never had would
  // grant access nobody revoked.
  if (!record.nonExistPolicyNames || !record.failedPolicyNames) {
    return { refusal: { why: 'noLists' } };
  }
  const notRemoved = new Set([...record.nonExistPolicyNames, ...record.failedPolicyNames]);
  const policyNames = [...new Set(splitNames(PolicyNames))].filter((name) => !notRemoved.has(name));
  if (policyNames.length === 0) return { refusal: { why: 'nothingRemoved' } };
  return { plan: { ...scope, action: 'AttachAppPolicyToIdentity', identity: { identityType, identityName, appId }, policyNames } };
}

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
    return { why: 'accessKey', profile, now: now.maskedAccessKeyId ?? '(none)', then: plan.maskedAccessKeyId };
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

/** The undo confirmation's sentences about what comes back, in the display language (confirmationWords.ts). */
export interface UndoWords {
  bindAgain(bucket: string): string;
  attachAgain(policyNames: string, who: string): string;
  bindCaveat(): string;
  attachCaveat(): string;
  /** Why an undo cannot be done (refusalText picks the sentence). */
  refused(refusal: UndoRefusal): string;
}

/** The refusal in words, for the notification and the caller's `reason`. */
export function refusalText(refusal: UndoRefusal, words: UndoWords): string {
  return words.refused(refusal);
}

/** The confirmation's first line. */
export function describeUndo(plan: UndoPlan, words: UndoWords): string {
  if (plan.action === 'BindOutputBucket') return words.bindAgain(plan.bucket);
  return words.attachAgain(plan.policyNames.join(', '), describeIdentity(plan.identity));
}

/** What undo cannot give back, said before the user accepts. */
export function undoCaveat(plan: UndoPlan, words: UndoWords): string {
  return plan.action === 'BindOutputBucket' ? words.bindCaveat() : words.attachCaveat();
}

function splitNames(value: string | undefined): string[] {
  return (value ?? '').split(',').map((name) => name.trim()).filter((name) => name.length > 0);
}

function isIdentityType(value: string | undefined): value is IdentityType {
  return value === 'RamUser' || value === 'RamRole';
}
