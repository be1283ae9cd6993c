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

/** AttachPolicyToUser / AttachPolicyToRole: the principal and the policy exactly as the detach was sent them. */
export interface ReattachRam {
  readonly principal: 'User' | 'Role';
  /** A user's login name, a role's name (RAM's names, not VOD's UserId). */
  readonly name: string;
  readonly policyType: 'System' | 'Custom';
  readonly policyName: string;
}

/** AddUserToGroup: the user (login name) and the group the removal took it out of. */
export interface Rejoin {
  readonly userName: string;
  readonly groupName: string;
}

function reattachRam(principal: 'User' | 'Role'): Reversal<ReattachRam> {
  return {
    plan: (record) => {
      const name = record.params[principal === 'User' ? 'UserName' : 'RoleName']?.trim();
      const { PolicyType: policyType, PolicyName } = record.params;
      const policyName = PolicyName?.trim();
      if (!name) return { refusal: { why: 'noIdentity' } };
      if (!policyName || (policyType !== 'System' && policyType !== 'Custom')) return { refusal: { why: 'noLists' } };
      return { target: { principal, name, policyType, policyName } };
    },
  };
}

const rejoin: Reversal<Rejoin> = {
  plan: (record) => {
    const userName = record.params.UserName?.trim();
    const groupName = record.params.GroupName?.trim();
    return userName && groupName ? { target: { userName, groupName } } : { refusal: { why: 'noIdentity' } };
  },
};

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
  DetachPolicyFromUser: reattachRam('User'),
  DetachPolicyFromRole: reattachRam('Role'),
  RemoveUserFromGroup: rejoin,
} as const satisfies { readonly [A in RevocationAction]: Reversal<unknown> };

/** What the undo of revocation `A` acts on. */
export type ReversalTarget<A extends RevocationAction> = (typeof REVERSALS)[A] extends Reversal<infer P> ? P : never;

function splitNames(value: string | undefined): string[] {
  return (value ?? '').split(',').map((name) => name.trim()).filter((name) => name.length > 0);
}

function isIdentityType(value: string | undefined): value is IdentityType {
  return value === 'RamUser' || value === 'RamRole';
}
