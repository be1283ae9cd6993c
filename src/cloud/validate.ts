// Input checks that run before any request, so bad input never reaches the network. Each validator returns a
// message saying exactly what is wrong, or undefined when the value is fine; the extension's input boxes reuse
// them as `validateInput` callbacks. assertValid turns a message into a CloudError of kind invalid-input. The
// checks only the clients run (an identity as sent, system policy names, a timeout) are in requestValidation.ts.

import * as l10n from '@vscode/l10n';
import { invalidInputError } from './errors';
import { SYSTEM_APP_POLICIES, type IdentityType } from './types';

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
    return l10n.t('Bucket name "{0}" must be 3 to 63 characters long (it has {1}).', bucket, bucket.length);
  }
  if (/[A-Z]/.test(bucket)) return l10n.t('Bucket name "{0}" must be lowercase.', bucket);
  const bad = /[^a-z0-9-]/.exec(bucket);
  if (bad) return l10n.t('Bucket name "{0}" contains "{1}"; only lowercase letters, digits and hyphens are allowed.', bucket, bad[0]);
  if (!/^[a-z0-9]/.test(bucket) || !/[a-z0-9]$/.test(bucket)) {
    return l10n.t('Bucket name "{0}" must start and end with a lowercase letter or digit.', bucket);
  }
  return undefined;
}

export const IDENTITY_TYPES: readonly IdentityType[] = ['RamUser', 'RamRole'];

export function validateIdentityType(type: unknown): string | undefined {
  if (type === 'RamUser' || type === 'RamRole') return undefined;
  return l10n.t('Identity type must be RamUser or RamRole (got {0}).', JSON.stringify(type ?? null));
}

/**
 * RAM user names are 1–64 of `A-Za-z0-9 . _ @ -` and start with a letter, digit or `_` (RAM refuses a leading
 * `.`, `-` or `@`; VOD also accepts the numeric user ID, which fits); RAM role names are 1–64 of `A-Za-z0-9 . -`.
 * Anything else cannot exist in RAM, so sending it would only produce a confusing server error.
 */
export function validateIdentityName(type: IdentityType, name: unknown): string | undefined {
  const role = type === 'RamRole';
  if (typeof name !== 'string' || name === '') return role ? l10n.t('RAM role name is required.') : l10n.t('RAM user name is required.');
  if (name.length > 64) {
    const shown = name.slice(0, 64);
    return role ? l10n.t('RAM role name "{0}…" is longer than 64 characters.', shown) : l10n.t('RAM user name "{0}…" is longer than 64 characters.', shown);
  }
  if (!role && /^[.@-]/.test(name)) {
    return l10n.t('RAM user name "{0}" must not start with "{1}"; RAM user names start with a letter, digit or "_".', name, name[0]);
  }
  if (role && !/^[A-Za-z0-9.-]+$/.test(name)) return l10n.t('RAM role name "{0}" may contain only letters, digits, "." and "-".', name);
  if (!role && !/^[A-Za-z0-9._@-]+$/.test(name)) return l10n.t('RAM user name "{0}" may contain only letters, digits, ".", "_", "@" and "-".', name);
  return undefined;
}

/** VOD application ids look like `app-1000000` (the default application) or `app-` followed by digits. */
export function validateAppId(appId: unknown): string | undefined {
  if (typeof appId !== 'string' || appId === '') return l10n.t('AppId is required.');
  if (!/^app-\d{1,32}$/.test(appId)) return l10n.t('AppId "{0}" must be "app-" followed by digits, e.g. app-1000000.', appId);
  return undefined;
}

/** At most 10 app policies can be attached to one identity, so no call needs more. */
export const MAX_POLICIES_PER_CALL = 10;

/**
 * Custom app policy names follow RAM's policy-name rule (letters, digits, hyphens; we also allow "." and "_"),
 * up to 128 characters. Commas are refused explicitly: PolicyNames is sent comma-separated.
 */
const CUSTOM_POLICY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function validatePolicyName(name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return l10n.t('Policy name must not be empty.');
  if (name.includes(',')) return l10n.t('Policy name "{0}" contains a comma; pass each policy as its own list item.', name);
  if ((SYSTEM_APP_POLICIES as readonly string[]).includes(name)) return undefined;
  if (!CUSTOM_POLICY_NAME.test(name)) {
    return l10n.t(
      'Policy name "{0}" is neither a system policy ({1}) nor a valid custom policy name (letters, digits, ".", "_", "-", at most 128).',
      name,
      SYSTEM_APP_POLICIES.join(', '),
    );
  }
  return undefined;
}

export function validatePolicyNames(names: unknown): string | undefined {
  if (!Array.isArray(names) || names.length === 0) return l10n.t('At least one policy name is required.');
  if (names.length > MAX_POLICIES_PER_CALL) {
    return l10n.t('At most {0} policy names per call (got {1}); an identity holds at most {0}.', MAX_POLICIES_PER_CALL, names.length);
  }
  for (const name of names) {
    const problem = validatePolicyName(name);
    if (problem) return problem;
  }
  const seen = new Set<string>();
  for (const name of names as string[]) {
    if (seen.has(name)) return l10n.t('Policy name "{0}" is listed twice.', name);
    seen.add(name);
  }
  return undefined;
}

/**
 * Long-term AccessKeyIds are `LTAI` plus 12–30 letters and digits; STS ids are `STS.` plus letters and digits.
 * The shape check matters beyond typos: a secret pasted into the id field would otherwise be stored, and shown
 * half-masked (`Ab3d****wXyZ`) in every log line. Messages never echo the value.
 */
export function validateAccessKeyId(accessKeyId: unknown): string | undefined {
  if (typeof accessKeyId !== 'string' || accessKeyId === '') return l10n.t('AccessKeyId is required.');
  if (/\s/.test(accessKeyId)) return l10n.t('AccessKeyId must not contain spaces.');
  if (/^STS\./.test(accessKeyId)) {
    return /^STS\.[A-Za-z0-9]{8,128}$/.test(accessKeyId) ? undefined : l10n.t('STS AccessKeyId must be "STS." followed by letters and digits.');
  }
  if (/^LTAI[A-Za-z0-9]{12,30}$/.test(accessKeyId)) return undefined;
  if (looksLikeSecret(accessKeyId)) {
    return l10n.t('This looks like an AccessKey secret, not an ID (IDs start with "LTAI" or "STS."): paste the ID here, the secret in the next field.');
  }
  return l10n.t('AccessKeyId must be "LTAI" followed by 12 to 30 letters and digits, or an STS id "STS.…" (got {0} characters).', accessKeyId.length);
}

/** AccessKey secrets are 30 characters of mixed-case letters and digits, with no LTAI prefix. */
function looksLikeSecret(value: string): boolean {
  return /^[A-Za-z0-9]{30}$/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && !/^LTAI/i.test(value);
}

/** Never echoes the value: only its length and the rule. */
export function validateAccessKeySecret(secret: unknown): string | undefined {
  if (typeof secret !== 'string' || secret === '') return l10n.t('AccessKeySecret is required.');
  if (/\s/.test(secret)) return l10n.t('AccessKeySecret must not contain spaces or line breaks (check for a pasted newline).');
  if (secret.length < 20 || secret.length > 64) {
    return l10n.t('AccessKeySecret must be 20 to 64 characters (got {0}).', secret.length);
  }
  return undefined;
}

export function validateSecurityToken(token: unknown, accessKeyId: string): string | undefined {
  if (token === undefined || token === '') {
    return accessKeyId.startsWith('STS.') ? l10n.t('An STS AccessKeyId needs its SecurityToken.') : undefined;
  }
  if (typeof token !== 'string' || /\s/.test(token)) return l10n.t('SecurityToken must be a string without spaces.');
  return undefined;
}

export function validateCredentials(credentials: unknown): string | undefined {
  if (typeof credentials !== 'object' || credentials === null) return l10n.t('No AccessKey credentials were provided.');
  const c = credentials as { accessKeyId?: unknown; accessKeySecret?: unknown; securityToken?: unknown };
  return (
    validateAccessKeyId(c.accessKeyId) ??
    validateAccessKeySecret(c.accessKeySecret) ??
    validateSecurityToken(c.securityToken, c.accessKeyId as string)
  );
}
