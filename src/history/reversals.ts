// How each revocation is undone, keyed by its action: which record fields name the twin's target (or why the
// record does not say enough). The twin's action is the revocation's `undoneBy` (cloud/operations.ts); the type
// below makes a revocation without an entry here a compile error. In the activation bundle with undoPlan.ts (the
// history view marks undoable rows), so entries hold data only: the undo modal's words are the commands'. No VS Code.

import type { RevocationAction } from '../cloud/operations';
import type { IdentityType } from '../cloud/types';
import type { Reversal } from './undoRefusal';

/** BindOutputBucket takes the bucket name only. */
export interface RebindOutput {
  readonly bucket: string;
}

/** BindInputBucket: the bucket, and its Referer when the unbind's record kept what the listing showed. */
export interface RebindInput {
  readonly bucket: string;
  /** Undefined: not known (the listing was not read); '' : the bucket had none. */
  readonly referer?: string;
}

/** AttachAppPolicyToIdentity: the identity as VOD was sent it (a UserId for RamUser), and what the detach removed. */
export interface Reattach {
  readonly identity: { readonly identityType: IdentityType; readonly identityName: string; readonly appId: string };
  /** Only the names the detach's answer confirms removed: requested minus NonExistPolicyNames minus FailedPolicyNames. */
  readonly policyNames: readonly string[];
}

/**
 * RAM's grant writes (#21): the twin is sent the very params the revocation was (UserName or RoleName, PolicyType,
 * PolicyName; UserName, GroupName), which the record holds as sent; the twin's own validation refuses a record
 * without them before anything is sent. One rule for all three, since this file is in the activation bundle.
 */
export type RamParams = Readonly<Record<string, string>>;
const sameParams: Reversal<RamParams> = { plan: (r) => ({ target: r.params }) };

const rebindOutput: Reversal<RebindOutput> = {
  plan: (record) => {
    const bucket = record.params.Bucket?.trim();
    return bucket ? { target: { bucket } } : { refusal: { why: 'noBucket' } };
  },
};

const rebindInput: Reversal<RebindInput> = {
  plan: (record) => {
    const bucket = record.params.Bucket?.trim();
    if (!bucket) return { refusal: { why: 'noBucket' } };
    const referer = record.before?.Referer;
    return { target: { bucket, ...(referer !== undefined ? { referer } : {}) } };
  },
};

const reattach: Reversal<Reattach> = {
  plan: (record) => {
    const { IdentityType: identityType, IdentityName: identityName, AppId: appId, PolicyNames } = record.params;
    if (!isIdentityType(identityType) || !identityName) return { refusal: { why: 'noIdentity' } };
    if (!appId) return { refusal: { why: 'noApp' } };
    // Without the answer's lists we cannot know what was removed: reattaching a name the identity never had would
    // grant access nobody revoked.
    if (!record.nonExistPolicyNames || !record.failedPolicyNames) return { refusal: { why: 'noLists' } };
    const notRemoved = new Set([...record.nonExistPolicyNames, ...record.failedPolicyNames]);
    const policyNames = [...new Set(splitNames(PolicyNames))].filter((name) => !notRemoved.has(name));
    if (policyNames.length === 0) return { refusal: { why: 'nothingRemoved' } };
    return { target: { identity: { identityType, identityName, appId }, policyNames } };
  },
};

export const REVERSALS = {
  UnbindOutputBucket: rebindOutput,
  UnbindInputBucket: rebindInput,
  DetachAppPolicyFromIdentity: reattach,
  DetachPolicyFromUser: sameParams,
  DetachPolicyFromRole: sameParams,
  RemoveUserFromGroup: sameParams,
} as const satisfies { readonly [A in RevocationAction]: Reversal<unknown> };

/** What the undo of revocation `A` acts on. */
export type ReversalTarget<A extends RevocationAction> = (typeof REVERSALS)[A] extends Reversal<infer P> ? P : never;

function splitNames(value: string | undefined): string[] {
  return (value ?? '').split(',').map((name) => name.trim()).filter((name) => name.length > 0);
}

function isIdentityType(value: string | undefined): value is IdentityType {
  return value === 'RamUser' || value === 'RamRole';
}
