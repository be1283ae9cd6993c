// Deciding how to reverse a recorded revocation, from the record alone. No VS Code and no I/O, so every rule here
// is unit-tested; the undo command checks the profile as it is now (undoChecks.ts), asks for confirmation and runs
// the plan through the same mutation pipeline as the revocations. This file is in the activation bundle (the
// history view marks undoable rows with isUndoable): what only the undo command needs lives in undoChecks.ts.

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
  | { readonly why: 'superseded'; readonly action: string; readonly time: string; readonly requestId?: string }
  | { readonly why: 'notRevocation'; readonly action: string }
  | { readonly why: 'region' | 'endpoint' | 'accessKey' | 'account'; readonly profile: string; readonly now: string; readonly then: string }
  | { readonly why: 'role'; readonly profile: string; readonly now: string; readonly then: string }
  | { readonly why: 'noRole'; readonly profile: string; readonly role: string }
  | { readonly why: 'accountUnreadable'; readonly profile: string; readonly account: string; readonly problem: string };

/** A record as the history keeps it: the call, plus the mark an undo leaves on it. */
export type UndoableRecord = CallRecord & {
  readonly undoneBy?: { readonly requestId: string; readonly time: string };
  /** A later call that changed the same target (laterChange.ts): undoing this one would overrule it. */
  readonly supersededBy?: { readonly action: string; readonly time: string; readonly requestId?: string };
};

/** What a record's undo would do, or why it cannot be undone. */
export function planUndo(record: UndoableRecord): UndoDecision {
  if (record.outcome !== 'succeeded') return { refusal: { why: 'notSucceeded' } };
  if (record.undoneBy) return { refusal: { why: 'alreadyUndone', requestId: record.undoneBy.requestId } };
  if (record.supersededBy) return { refusal: { why: 'superseded', ...record.supersededBy } };
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

function splitNames(value: string | undefined): string[] {
  return (value ?? '').split(',').map((name) => name.trim()).filter((name) => name.length > 0);
}

function isIdentityType(value: string | undefined): value is IdentityType {
  return value === 'RamUser' || value === 'RamRole';
}
