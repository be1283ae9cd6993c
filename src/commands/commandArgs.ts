// Programmatic arguments of the revocation commands, checked before anything is sent. A caller passing a plain
// object gets an error result (never a prompt, never a call) when the object is not exactly right. No VS Code.

import {
  CloudError,
  DEFAULT_APP_ID,
  isPlainObject,
  validateAppId,
  validateBucketName,
  validateIdentityName,
  validateIdentityType,
  validatePolicyNames,
  type IdentityType,
} from '../cloud';
import { identityKey, type Profile } from '../settings/profileConfig';
import { invalidArgument, type Failed } from './results';
import type { BucketTarget, PolicyTarget } from './targets';

export type ParsedArgument<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CloudError };

/** What a caller's object asks a revocation command to do, once checked. */
export interface CallerRequest<T> {
  readonly profile: string;
  readonly targets: T[];
  /** The caller passed a list (`buckets`, `identities`): answer per target even for one. */
  readonly bulk: boolean;
}

function invalid(message: string, code = 'InvalidArgument'): { ok: false; error: CloudError } {
  return { ok: false, error: new CloudError({ kind: 'invalid-input', code, message, retryable: false }) };
}

const unknownProfile = (name: unknown, profiles: readonly string[]) =>
  `Unknown profile ${JSON.stringify(name ?? null)}. Configured profiles: ${profiles.length ? profiles.join(', ') : '(none)'}.`;

/** The configured profile the argument names, or the refusal. */
function profileOf(arg: Record<string, unknown>, profiles: readonly string[]): ParsedArgument<string> {
  if (typeof arg.profile !== 'string' || arg.profile === '') return invalid('Argument "profile" (a profile name) is required.');
  if (!profiles.includes(arg.profile)) return invalid(unknownProfile(arg.profile, profiles), 'UnknownProfile');
  return { ok: true, value: arg.profile };
}

/**
 * Every other command's programmatic form: the configured profile `name` names, or the `UnknownProfile` refusal to
 * return as the command's result (nothing sent, nothing changed).
 */
export function profileArgument(settings: { find(name: string): Profile | undefined; profiles(): readonly Profile[] }, name: unknown): Profile | Failed {
  const profile = typeof name === 'string' ? settings.find(name) : undefined;
  return profile ?? invalidArgument(unknownProfile(name, settings.profiles().map((p) => p.name)), 'UnknownProfile');
}

/** `{ profile, one }` or `{ profile, many: [...] }` → distinct targets; `parseOne` checks one item. */
function oneOrMany<T>(
  arg: unknown,
  profiles: readonly string[],
  names: { one: string; many: string; shape: string },
  parseOne: (profile: string, item: unknown) => ParsedArgument<T>,
  key: (target: T) => string,
): ParsedArgument<CallerRequest<T>> {
  if (!isPlainObject(arg)) return invalid(`Expected ${names.shape}.`);
  const profile = profileOf(arg, profiles);
  if (!profile.ok) return profile;
  const single = arg[names.one];
  const list = arg[names.many];
  if (single !== undefined && list !== undefined) return invalid(`Pass either "${names.one}" or "${names.many}", not both.`);
  if (list === undefined) {
    const target = parseOne(profile.value, single);
    return target.ok ? { ok: true, value: { profile: profile.value, targets: [target.value], bulk: false } } : target;
  }
  if (!Array.isArray(list) || list.length === 0) return invalid(`"${names.many}" must be a non-empty list.`);
  const targets = new Map<string, T>();
  for (const item of list) {
    const target = parseOne(profile.value, item);
    if (!target.ok) return target;
    if (!targets.has(key(target.value))) targets.set(key(target.value), target.value);
  }
  return { ok: true, value: { profile: profile.value, targets: [...targets.values()], bulk: true } };
}

/** `{ profile, bucket }` or `{ profile, buckets: [...] }`. */
export function parseUnbindArgument(arg: unknown, profiles: readonly string[]): ParsedArgument<CallerRequest<BucketTarget>> {
  return oneOrMany(
    arg,
    profiles,
    { one: 'bucket', many: 'buckets', shape: '{ profile, bucket } or { profile, buckets }' },
    (profile, bucket) => {
      const problem = validateBucketName(bucket);
      return problem ? invalid(problem) : { ok: true, value: { profile, bucket: bucket as string } };
    },
    (t) => t.bucket,
  );
}

function parsePolicyTarget(profile: string, item: unknown): ParsedArgument<PolicyTarget> {
  if (!isPlainObject(item)) return invalid('Each identity is { identityType, identityName, appId?, policyNames }.');
  const appId = item.appId === undefined || item.appId === '' ? DEFAULT_APP_ID : item.appId;
  const problem =
    validateIdentityType(item.identityType) ??
    validateIdentityName(item.identityType as IdentityType, item.identityName) ??
    validateAppId(appId) ??
    validatePolicyNames(item.policyNames);
  if (problem) return invalid(problem);
  const identity = { identityType: item.identityType as IdentityType, identityName: item.identityName as string, appId: appId as string };
  return { ok: true, value: { profile, identity, policyNames: [...new Set(item.policyNames as string[])] } };
}

/**
 * `{ profile, identityType, identityName, appId?, policyNames }` for one identity, or
 * `{ profile, identities: [{ identityType, identityName, appId?, policyNames }, …] }` for several.
 */
export function parseDetachArgument(arg: unknown, profiles: readonly string[]): ParsedArgument<CallerRequest<PolicyTarget>> {
  // The single form names the identity at the top level; read it as `{ profile, identity: { … } }`.
  const normalized = isPlainObject(arg) && arg.identities === undefined && arg.identity === undefined ? { profile: arg.profile, identity: arg } : arg;
  return oneOrMany(
    normalized,
    profiles,
    { one: 'identity', many: 'identities', shape: '{ profile, identityType, identityName, appId?, policyNames } or { profile, identities }' },
    parsePolicyTarget,
    (t) => `${identityKey(t.identity)}:${[...t.policyNames].sort().join(',')}`,
  );
}
