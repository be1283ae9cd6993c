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

export type UndoDecision = { readonly plan: UndoPlan } | { readonly reason: string };

/** A record as the history keeps it: the call, plus the mark an undo leaves on it. */
export type UndoableRecord = CallRecord & { readonly undoneBy?: { readonly requestId: string; readonly time: string } };

/** What a record's undo would do, or why it cannot be undone. */
export function planUndo(record: UndoableRecord): UndoDecision {
  if (record.outcome !== 'succeeded') return { reason: 'Only successful revocations can be undone.' };
  if (record.undoneBy) return { reason: `This revocation was already undone (RequestId ${record.undoneBy.requestId}).` };
  if (!record.profile) return { reason: 'The request was not made with a profile, so there are no keys to undo it with.' };
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
    if (!bucket) return { reason: 'The record does not name the bucket.' };
    return { plan: { ...scope, action: 'BindOutputBucket', bucket } };
  }
  if (record.product === 'vod' && record.action === 'DetachAppPolicyFromIdentity') return planReattach(record, scope);
  return { reason: `${record.action} is not a revocation.` };
}

export function isUndoable(record: UndoableRecord): boolean {
  return 'plan' in planUndo(record);
}

function planReattach(record: CallRecord, scope: PlanScope): UndoDecision {
  const { IdentityType: identityType, IdentityName: identityName, AppId: appId, PolicyNames } = record.params;
  if (!isIdentityType(identityType) || !identityName) return { reason: 'The record does not name the identity.' };
  if (!appId) return { reason: 'The record does not name the VOD application.' };
  // Without the answer's lists we cannot know what was removed: reattaching a name the identity never had would
  // grant access nobody revoked.
  if (!record.nonExistPolicyNames || !record.failedPolicyNames) {
    return { reason: 'The record does not say which policies the detach removed.' };
  }
  const notRemoved = new Set([...record.nonExistPolicyNames, ...record.failedPolicyNames]);
  const policyNames = [...new Set(splitNames(PolicyNames))].filter((name) => !notRemoved.has(name));
  if (policyNames.length === 0) return { reason: 'The detach removed no policy: there is nothing to reattach.' };
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
export function undoRefusal(plan: UndoPlan, now: CurrentScope): string | undefined {
  if (now.region !== plan.region) return `Profile "${plan.profile}" now uses region ${now.region}; the request was made in ${plan.region}.`;
  if (now.endpoint !== plan.endpoint) return `Profile "${plan.profile}" now sends to ${now.endpoint}; the request went to ${plan.endpoint}.`;
  if (plan.roleArn) {
    // A role's temporary key changes at every renewal: the same role (and, checked next, account) is the same signer.
    if (now.roleArn !== plan.roleArn) {
      return `Profile "${plan.profile}" now signs ${now.roleArn ? `as role ${now.roleArn}` : 'without a role'}; the request was signed as role ${plan.roleArn}.`;
    }
    return undefined;
  }
  if (plan.maskedAccessKeyId && now.maskedAccessKeyId !== plan.maskedAccessKeyId) {
    return `Profile "${plan.profile}" now signs with AccessKey ${now.maskedAccessKeyId ?? '(none)'}; the request was signed with ${plan.maskedAccessKeyId}.`;
  }
  return undefined;
}

/**
 * Checked after undoRefusal (which needs no call): an undo in another account than the revocation's, or in one
 * that cannot be read, is refused. Records from before accounts were kept have none, and are not held to it.
 */
export function accountRefusal(plan: UndoPlan, now: CurrentAccount): string | undefined {
  if (!plan.account) return undefined;
  if ('problem' in now) {
    return `Cannot confirm that profile "${plan.profile}" still signs in account ${plan.account}, where the request was made: ${now.problem}.`;
  }
  if (now.accountId !== plan.account) {
    return `Profile "${plan.profile}" now signs in account ${now.accountId}; the request was made in account ${plan.account}.`;
  }
  return undefined;
}

/** The undo confirmation's sentences about what comes back, in the display language (confirmationWords.ts). */
export interface UndoWords {
  bindAgain(bucket: string): string;
  attachAgain(policyNames: string, who: string): string;
  bindCaveat(): string;
  attachCaveat(): string;
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
