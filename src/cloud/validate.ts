// Input checks that run before any request, so bad input never reaches the network. Each validator returns a
// message saying exactly what is wrong, or undefined when the value is fine; the extension's input boxes reuse
// them as `validateInput` callbacks. assertValid turns a message into a CloudError of kind invalid-input.

import * as l10n from '@vscode/l10n';
import { invalidInputError } from './errors';
import { SYSTEM_APP_POLICIES, type AppIdentity, type IdentityType } from './types';

export { validateEndpoint, validateRegion } from './endpoints';

/** Throws CloudError kind invalid-input when a validator reported a problem. */
export function assertValid(problem: string | undefined, code = 'InvalidInput'): void {
  if (problem !== undefined) throw invalidInputError(problem, code);
}

/**
 * OSS bucket names: 3–63 characters, lowercase letters, digits and hyphens, starting and ending with a letter or
 * digit. (MPS documents Bucket as at most 64 bytes; OSS itself never creates names longer than 63.)
 */
export function validateBucketName(bucket: unknown): string | undefined {
  if (typeof bucket !== 'string' || bucket === '') return l10n.t('Bucket name is required.');
  if (bucket !== bucket.trim()) return l10n.t('Bucket name "{0}" has leading or trailing spaces.', bucket);
  if (bucket.length < 3 || bucket.length > 63) {
    return `Bucket name "${bucket}" must be 3 to 63 characters long (it has ${bucket.length}).`;
  }
  if (/[A-Z]/.test(bucket)) return `Bucket name "${bucket}" must be lowercase.`;
  const bad = /[^a-z0-9-]/.exec(bucket);
  if (bad) return `Bucket name "${bucket}" contains "${bad[0]}"; only lowercase letters, digits and hyphens are allowed.`;
  if (!/^[a-z0-9]/.test(bucket) || !/[a-z0-9]$/.test(bucket)) {
    return `Bucket name "${bucket}" must start and end with a lowercase letter or digit.`;
  }
  return undefined;
}

export const IDENTITY_TYPES: readonly IdentityType[] = ['RamUser', 'RamRole'];

export function validateIdentityType(type: unknown): string | undefined {
  if (type === 'RamUser' || type === 'RamRole') return undefined;
  return `Identity type must be RamUser or RamRole (got ${JSON.stringify(type ?? null)}).`;
}

/**
 * RAM user names are 1–64 of `A-Za-z0-9 . _ @ -` and start with a letter, digit or `_` (RAM refuses a leading
 * `.`, `-` or `@`; VOD also accepts the numeric user ID, which fits); RAM role names are 1–64 of `A-Za-z0-9 . -`.
 * Anything else cannot exist in RAM, so sending it would only produce a confusing server error.
 */
export function validateIdentityName(type: IdentityType, name: unknown): string | undefined {
  const what = type === 'RamRole' ? 'RAM role name' : 'RAM user name';
  if (typeof name !== 'string' || name === '') return `${what} is required.`;
  if (name.length > 64) return `${what} "${name.slice(0, 64)}…" is longer than 64 characters.`;
  if (type !== 'RamRole' && /^[.@-]/.test(name)) {
    return `${what} "${name}" must not start with "${name[0]}"; RAM user names start with a letter, digit or "_".`;
  }
  const allowed = type === 'RamRole' ? /^[A-Za-z0-9.-]+$/ : /^[A-Za-z0-9._@-]+$/;
  if (!allowed.test(name)) {
    const chars = type === 'RamRole' ? 'letters, digits, "." and "-"' : 'letters, digits, ".", "_", "@" and "-"';
    return `${what} "${name}" may contain only ${chars}.`;
  }
  return undefined;
}

/** VOD application ids look like `app-1000000` (the default application) or `app-` followed by digits. */
export function validateAppId(appId: unknown): string | undefined {
  if (typeof appId !== 'string' || appId === '') return 'AppId is required.';
  if (!/^app-\d{1,32}$/.test(appId)) return `AppId "${appId}" must be "app-" followed by digits, e.g. app-1000000.`;
  return undefined;
}

export function validateIdentity(identity: unknown): string | undefined {
  if (typeof identity !== 'object' || identity === null) return 'Identity is required.';
  const { identityType, identityName, appId } = identity as Partial<AppIdentity>;
  return (
    validateIdentityType(identityType) ??
    validateIdentityName(identityType as IdentityType, identityName) ??
    (appId === undefined ? undefined : validateAppId(appId))
  );
}

/** At most 10 app policies can be attached to one identity, so no call needs more. */
export const MAX_POLICIES_PER_CALL = 10;

/**
 * Custom app policy names follow RAM's policy-name rule (letters, digits, hyphens; we also allow "." and "_"),
 * up to 128 characters. Commas are refused explicitly: PolicyNames is sent comma-separated.
 */
const CUSTOM_POLICY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function validatePolicyName(name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return 'Policy name must not be empty.';
  if (name.includes(',')) return `Policy name "${name}" contains a comma; pass each policy as its own list item.`;
  if ((SYSTEM_APP_POLICIES as readonly string[]).includes(name)) return undefined;
  if (!CUSTOM_POLICY_NAME.test(name)) {
    return `Policy name "${name}" is neither a system policy (${SYSTEM_APP_POLICIES.join(', ')}) nor a valid custom policy name (letters, digits, ".", "_", "-", at most 128).`;
  }
  return undefined;
}

/**
 * AttachAppPolicyToIdentity and DetachAppPolicyFromIdentity take system policies only (the API reference:
 * PolicyNames "Only system policies are supported"); custom app policies are listed but managed elsewhere.
 */
export function validateSystemPolicyNames(names: unknown): string | undefined {
  const problem = validatePolicyNames(names);
  if (problem) return problem;
  const custom = (names as string[]).filter((n) => !(SYSTEM_APP_POLICIES as readonly string[]).includes(n));
  if (custom.length === 0) return undefined;
  const listed = custom.map((n) => `"${n}"`).join(', ');
  return `${listed} ${custom.length === 1 ? 'is not a system policy' : 'are not system policies'}: only system policies are supported (${SYSTEM_APP_POLICIES.join(', ')}). Custom app policies are managed in the VOD console.`;
}

export function validatePolicyNames(names: unknown): string | undefined {
  if (!Array.isArray(names) || names.length === 0) return 'At least one policy name is required.';
  if (names.length > MAX_POLICIES_PER_CALL) {
    return `At most ${MAX_POLICIES_PER_CALL} policy names per call (got ${names.length}); an identity holds at most ${MAX_POLICIES_PER_CALL}.`;
  }
  for (const name of names) {
    const problem = validatePolicyName(name);
    if (problem) return problem;
  }
  const seen = new Set<string>();
  for (const name of names as string[]) {
    if (seen.has(name)) return `Policy name "${name}" is listed twice.`;
    seen.add(name);
  }
  return undefined;
}

/**
 * AppId may be omitted only when the sole policy is VODAppAdministratorAccess (the API documents this); the core
 * then leaves it out, and otherwise fills in the default application.
 */
export function canOmitAppId(policyNames: readonly string[]): boolean {
  return policyNames.length === 1 && policyNames[0] === 'VODAppAdministratorAccess';
}

/**
 * Long-term AccessKeyIds are `LTAI` plus 12–30 letters and digits; STS ids are `STS.` plus letters and digits.
 * The shape check matters beyond typos: a secret pasted into the id field would otherwise be stored, and shown
 * half-masked (`Ab3d****wXyZ`) in every log line. Messages never echo the value.
 */
export function validateAccessKeyId(accessKeyId: unknown): string | undefined {
  if (typeof accessKeyId !== 'string' || accessKeyId === '') return 'AccessKeyId is required.';
  if (/\s/.test(accessKeyId)) return 'AccessKeyId must not contain spaces.';
  if (/^STS\./.test(accessKeyId)) {
    return /^STS\.[A-Za-z0-9]{8,128}$/.test(accessKeyId) ? undefined : 'STS AccessKeyId must be "STS." followed by letters and digits.';
  }
  if (/^LTAI[A-Za-z0-9]{12,30}$/.test(accessKeyId)) return undefined;
  if (looksLikeSecret(accessKeyId)) {
    return 'This looks like an AccessKey secret, not an AccessKey ID (IDs start with "LTAI" or "STS."). Paste the ID here and the secret in the next field.';
  }
  return `AccessKeyId must be "LTAI" followed by 12 to 30 letters and digits, or an STS id "STS.…" (got ${accessKeyId.length} characters).`;
}

/** AccessKey secrets are 30 characters of mixed-case letters and digits, with no LTAI prefix. */
function looksLikeSecret(value: string): boolean {
  return /^[A-Za-z0-9]{30}$/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && !/^LTAI/i.test(value);
}

/** Never echoes the value: only its length and the rule. */
export function validateAccessKeySecret(secret: unknown): string | undefined {
  if (typeof secret !== 'string' || secret === '') return 'AccessKeySecret is required.';
  if (/\s/.test(secret)) return 'AccessKeySecret must not contain spaces or line breaks (check for a pasted newline).';
  if (secret.length < 20 || secret.length > 64) {
    return `AccessKeySecret must be 20 to 64 characters (got ${secret.length}).`;
  }
  return undefined;
}

export function validateSecurityToken(token: unknown, accessKeyId: string): string | undefined {
  if (token === undefined || token === '') {
    return accessKeyId.startsWith('STS.') ? 'An STS AccessKeyId needs its SecurityToken.' : undefined;
  }
  if (typeof token !== 'string' || /\s/.test(token)) return 'SecurityToken must be a string without spaces.';
  return undefined;
}

export function validateCredentials(credentials: unknown): string | undefined {
  if (typeof credentials !== 'object' || credentials === null) return 'No AccessKey credentials were provided.';
  const c = credentials as { accessKeyId?: unknown; accessKeySecret?: unknown; securityToken?: unknown };
  return (
    validateAccessKeyId(c.accessKeyId) ??
    validateAccessKeySecret(c.accessKeySecret) ??
    validateSecurityToken(c.securityToken, c.accessKeyId as string)
  );
}

/** A client's default timeout and a call's override follow the same rule; undefined means "not given". */
export function validateTimeout(timeoutMs: number | undefined): string | undefined {
  if (timeoutMs === undefined) return undefined;
  return Number.isFinite(timeoutMs) && timeoutMs > 0 ? undefined : `timeoutMs must be a positive number (got ${timeoutMs}).`;
}
