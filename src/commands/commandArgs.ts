// Programmatic arguments of the revocation commands, checked before anything is sent. A caller passing a plain
// object gets an error result (never a prompt, never a call) when the object is not exactly right.

import {
  CloudError,
  DEFAULT_APP_ID,
  validateAppId,
  validateBucketName,
  validateIdentityName,
  validateIdentityType,
  validatePolicyNames,
  type IdentityType,
} from '../cloud';
import { isRecord } from '../settings/profiles';
import type { BucketTarget, PolicyTarget } from './targets';

export type ParsedArgument<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CloudError };

function invalid(message: string, code = 'InvalidArgument'): { ok: false; error: CloudError } {
  return { ok: false, error: new CloudError({ kind: 'invalid-input', code, message, retryable: false }) };
}

function checkProfile(arg: Record<string, unknown>, profiles: readonly string[]): string | undefined {
  if (typeof arg.profile !== 'string' || arg.profile === '') return 'Argument "profile" (a profile name) is required.';
  if (!profiles.includes(arg.profile)) {
    return `Unknown profile "${arg.profile}". Configured profiles: ${profiles.length ? profiles.join(', ') : '(none)'}.`;
  }
  return undefined;
}

export type UnbindRequest =
  | { readonly kind: 'single'; readonly target: BucketTarget }
  | { readonly kind: 'bulk'; readonly profile: string; readonly targets: BucketTarget[] };

/** `{ profile, bucket }` or `{ profile, buckets: [...] }`. */
export function parseUnbindArgument(arg: unknown, profiles: readonly string[]): ParsedArgument<UnbindRequest> {
  if (!isRecord(arg)) return invalid('Expected { profile, bucket } or { profile, buckets }.');
  const profileProblem = checkProfile(arg, profiles);
  if (profileProblem) return invalid(profileProblem, profileProblem.startsWith('Unknown') ? 'UnknownProfile' : 'InvalidArgument');
  const profile = arg.profile as string;
  if (arg.bucket !== undefined && arg.buckets !== undefined) return invalid('Pass either "bucket" or "buckets", not both.');
  if (arg.buckets !== undefined) {
    if (!Array.isArray(arg.buckets) || arg.buckets.length === 0) return invalid('"buckets" must be a non-empty list of bucket names.');
    const buckets: string[] = [];
    for (const bucket of arg.buckets) {
      const problem = validateBucketName(bucket);
      if (problem) return invalid(problem);
      if (!buckets.includes(bucket as string)) buckets.push(bucket as string);
    }
    return { ok: true, value: { kind: 'bulk', profile, targets: buckets.map((bucket) => ({ profile, bucket })) } };
  }
  const problem = validateBucketName(arg.bucket);
  if (problem) return invalid(problem);
  return { ok: true, value: { kind: 'single', target: { profile, bucket: arg.bucket as string } } };
}

/** `{ profile, identityType, identityName, appId?, policyNames }`. */
export function parseDetachArgument(arg: unknown, profiles: readonly string[]): ParsedArgument<PolicyTarget> {
  if (!isRecord(arg)) return invalid('Expected { profile, identityType, identityName, appId?, policyNames }.');
  const profileProblem = checkProfile(arg, profiles);
  if (profileProblem) return invalid(profileProblem, profileProblem.startsWith('Unknown') ? 'UnknownProfile' : 'InvalidArgument');
  const appId = arg.appId === undefined || arg.appId === '' ? DEFAULT_APP_ID : arg.appId;
  const problem =
    validateIdentityType(arg.identityType) ??
    validateIdentityName(arg.identityType as IdentityType, arg.identityName) ??
    validateAppId(appId) ??
    validatePolicyNames(arg.policyNames);
  if (problem) return invalid(problem);
  return {
    ok: true,
    value: {
      profile: arg.profile as string,
      identity: {
        identityType: arg.identityType as IdentityType,
        identityName: arg.identityName as string,
        appId: appId as string,
      },
      policyNames: [...(arg.policyNames as string[])],
    },
  };
}
