// Deciding how to reverse a recorded revocation, from the record alone. No VS Code and no I/O, so every rule
// here is unit-tested; the command only asks for confirmation and runs the plan through the profile's clients.

import type { AppIdentity, CallRecord, IdentityType } from '../cloud/types';

export type UndoPlan =
  | {
      readonly action: 'BindOutputBucket';
      readonly profile?: string;
      readonly region: string;
      readonly bucket: string;
    }
  | {
      readonly action: 'AttachAppPolicyToIdentity';
      readonly profile?: string;
      readonly region: string;
      /** appId is absent when the detach sent none (VODAppAdministratorAccess alone): the attach mirrors it. */
      readonly identity: AppIdentity;
      /** Only the names the detach really removed: requested minus NonExistPolicyNames minus FailedPolicyNames. */
      readonly policyNames: readonly string[];
    };

export type UndoDecision = { readonly plan: UndoPlan } | { readonly reason: string };

/** What a record's undo would do, or why it cannot be undone. */
export function planUndo(record: CallRecord): UndoDecision {
  if (record.outcome !== 'succeeded') {
    return { reason: 'Only successful revocations can be undone.' };
  }
  if (record.product === 'mps' && record.action === 'UnbindOutputBucket') {
    const bucket = record.params.Bucket?.trim();
    if (!bucket) {
      return { reason: 'The record does not name the bucket.' };
    }
    return { plan: { action: 'BindOutputBucket', ...profileOf(record), region: record.region, bucket } };
  }
  if (record.product === 'vod' && record.action === 'DetachAppPolicyFromIdentity') {
    return planReattach(record);
  }
  return { reason: `${record.action} is not a revocation.` };
}

export function isUndoable(record: CallRecord): boolean {
  return 'plan' in planUndo(record);
}

function planReattach(record: CallRecord): UndoDecision {
  const { IdentityType: identityType, IdentityName: identityName, AppId: appId, PolicyNames } = record.params;
  if (!isIdentityType(identityType) || !identityName) {
    return { reason: 'The record does not name the identity.' };
  }
  const notRemoved = new Set([...(record.nonExistPolicyNames ?? []), ...(record.failedPolicyNames ?? [])]);
  const policyNames = [...new Set(splitNames(PolicyNames))].filter((name) => !notRemoved.has(name));
  if (policyNames.length === 0) {
    return { reason: 'The detach removed no policy: there is nothing to reattach.' };
  }
  return {
    plan: {
      action: 'AttachAppPolicyToIdentity',
      ...profileOf(record),
      region: record.region,
      identity: appId ? { identityType, identityName, appId } : { identityType, identityName },
      policyNames,
    },
  };
}

/** One line for the confirmation dialog. */
export function describeUndo(plan: UndoPlan): string {
  if (plan.action === 'BindOutputBucket') {
    return `Bind output bucket ${plan.bucket} again in ${plan.region}.`;
  }
  const { identityType, identityName, appId } = plan.identity;
  const app = appId ? ` (${appId})` : '';
  return `Attach ${plan.policyNames.join(', ')} to ${identityType}:${identityName}${app} again.`;
}

function splitNames(value: string | undefined): string[] {
  return (value ?? '').split(',').map((name) => name.trim()).filter((name) => name.length > 0);
}

function isIdentityType(value: string | undefined): value is IdentityType {
  return value === 'RamUser' || value === 'RamRole';
}

function profileOf(record: CallRecord): { profile?: string } {
  return record.profile !== undefined ? { profile: record.profile } : {};
}
