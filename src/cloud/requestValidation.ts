// Checks only the clients run, before a call is sent (the request path: dist/cloudClients.js). The validators that
// input boxes and the settings reuse are in validate.ts, in the activation bundle; these are not needed there, and
// kept apart so that bundle does not carry them. No VS Code import.

import * as l10n from '@vscode/l10n';
import { SYSTEM_APP_POLICIES, type AppIdentity, type IdentityType } from './types';
import { validateAppId, validateIdentityName, validateIdentityType, validatePolicyNames } from './validate';

export function validateIdentity(identity: unknown): string | undefined {
  if (typeof identity !== 'object' || identity === null) return l10n.t('Identity is required.');
  const { identityType, identityName, appId } = identity as Partial<AppIdentity>;
  return (
    validateIdentityType(identityType) ??
    validateIdentityName(identityType as IdentityType, identityName) ??
    (appId === undefined ? undefined : validateAppId(appId))
  );
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
  const system = SYSTEM_APP_POLICIES.join(', ');
  return custom.length === 1
    ? l10n.t('{0} is not a system policy: only system policies are supported ({1}). Custom app policies are managed in the VOD console.', listed, system)
    : l10n.t('{0} are not system policies: only system policies are supported ({1}). Custom app policies are managed in the VOD console.', listed, system);
}

/**
 * AppId may be omitted only when the sole policy is VODAppAdministratorAccess (the API documents this); the core
 * then leaves it out, and otherwise fills in the default application.
 */
export function canOmitAppId(policyNames: readonly string[]): boolean {
  return policyNames.length === 1 && policyNames[0] === 'VODAppAdministratorAccess';
}

/** A client's default timeout and a call's override follow the same rule; undefined means "not given". */
export function validateTimeout(timeoutMs: number | undefined): string | undefined {
  if (timeoutMs === undefined) return undefined;
  return Number.isFinite(timeoutMs) && timeoutMs > 0 ? undefined : l10n.t('timeoutMs must be a positive number (got {0}).', String(timeoutMs));
}
