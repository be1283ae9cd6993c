// Whether the signing key is a VOD application administrator — the only kind of caller whose
// ListAppPoliciesForIdentity answers are about the identity asked. Alibaba's page for the action: IdentityType and
// IdentityName "take effect only when an identity assumes the application administrator role. Otherwise, only
// application policies attached to the current identity are returned." A non-administrator's listing of anyone is
// its own list: it may never be shown as another identity's, nor trusted to confirm a change. No VS Code import.
//
// The rule (README, "Know what the key can see"):
//   1. STS GetCallerIdentity names the account itself (IdentityType Account, Arn acs:ram::<id>:root) → administrator:
//      an account's own key holds every permission.
//   2. Otherwise the caller's own app policies in app-1000000, asked WITHOUT IdentityType/IdentityName, hold
//      VODAppAdministratorAccess → administrator; they do not → not an administrator.
//   3. Any failure → unknown, which is treated like "not" (never as an administrator), with its code and RequestId.
// Alibaba does not say what an administrator is answered when it names nobody; if VOD insists on a name
// (a Missing…/Invalid… answer), the caller is asked about by its own name: a non-administrator's answer is its own
// list either way, and an administrator's is the one asked for.

import * as l10n from '@vscode/l10n';
import { CloudError, describeError, toCloudError } from './errors';
import { DEFAULT_APP_ID, type AppIdentity, type AppPolicyList, type CallerIdentity } from './types';

export const APP_ADMINISTRATOR_POLICY = 'VODAppAdministratorAccess';

export type AppAdministratorAnswer =
  | { readonly status: 'administrator'; readonly caller: CallerIdentity; readonly basis: 'account' | 'policy'; readonly requestId: string }
  | { readonly status: 'not-administrator'; readonly caller: CallerIdentity; readonly requestId: string }
  | { readonly status: 'unknown'; readonly caller?: CallerIdentity; readonly error: CloudError };

export interface AppAdministratorSources {
  /** STS GetCallerIdentity (a session asks it once per key). */
  readonly caller: () => Promise<CallerIdentity>;
  /** The caller's own app policies in app-1000000: no IdentityType/IdentityName, or `self` when VOD wants a name. */
  readonly ownPolicies: (self?: AppIdentity) => Promise<AppPolicyList>;
}

export async function decideAppAdministrator(sources: AppAdministratorSources): Promise<AppAdministratorAnswer> {
  let caller: CallerIdentity;
  try {
    caller = await sources.caller();
  } catch (e) {
    return { status: 'unknown', error: toCloudError(e) };
  }
  if (isAccountItself(caller)) return { status: 'administrator', caller, basis: 'account', requestId: caller.requestId };
  let own: AppPolicyList;
  try {
    own = await ownPoliciesOf(sources, caller);
  } catch (e) {
    return { status: 'unknown', caller, error: toCloudError(e) };
  }
  const holds = own.policies.some((p) => p.policyName === APP_ADMINISTRATOR_POLICY && (p.appId ?? DEFAULT_APP_ID) === DEFAULT_APP_ID);
  return holds ? { status: 'administrator', caller, basis: 'policy', requestId: own.requestId } : { status: 'not-administrator', caller, requestId: own.requestId };
}

async function ownPoliciesOf(sources: AppAdministratorSources, caller: CallerIdentity): Promise<AppPolicyList> {
  try {
    return await sources.ownPolicies();
  } catch (e) {
    const self = callerAsIdentity(caller);
    if (toCloudError(e).kind !== 'invalid-input' || !self) throw e;
    return sources.ownPolicies(self);
  }
}

/** The account's own key (not a RAM user's, not an assumed role's). */
export function isAccountItself(caller: CallerIdentity): boolean {
  if (caller.identityType) return caller.identityType === 'Account';
  return /^acs:ram::\d+:root$/.test(caller.arn);
}

/** The caller as VOD names identities: a RAM user by UserId, an assumed role by its role's name. */
export function callerAsIdentity(caller: CallerIdentity): AppIdentity | undefined {
  if (caller.identityType === 'RAMUser' && caller.principalId && /^\d+$/.test(caller.principalId)) {
    return { identityType: 'RamUser', identityName: caller.principalId, appId: DEFAULT_APP_ID };
  }
  const role = /^acs:ram::\d+:assumed-role\/([^/]+)\/[^/]+$/.exec(caller.arn);
  if (caller.identityType === 'AssumedRoleUser' && role) return { identityType: 'RamRole', identityName: role[1], appId: DEFAULT_APP_ID };
  return undefined;
}

/**
 * Whether `identity` is the caller itself: a non-administrator's listing of it is then the truth. Role names are
 * compared regardless of case, since an assumed role's ARN carries its name lower-cased.
 */
export function isCallerItself(caller: CallerIdentity | undefined, identity: Pick<AppIdentity, 'identityType' | 'identityName'>): boolean {
  const self = caller && callerAsIdentity(caller);
  if (!self || self.identityType !== identity.identityType) return false;
  return self.identityType === 'RamRole' ? self.identityName.toLowerCase() === identity.identityName.toLowerCase() : self.identityName === identity.identityName;
}

/**
 * Why another identity's app policies cannot be read with this key, and what to do: kind permission,
 * NotAppAdministrator or AppAdministratorUnknown. The RequestId of the call that decided (the own listing, or the
 * failure) is in the message, not in `requestId`: the refused call was never sent, and its record must not claim
 * another call's RequestId.
 */
export function appAdministratorRefusal(answer: Exclude<AppAdministratorAnswer, { status: 'administrator' }>): CloudError {
  const advice = l10n.t('Sign with an app administrator (the account, or a RAM user holding {0}) or assume a role holding {0}.', APP_ADMINISTRATOR_POLICY);
  if (answer.status === 'not-administrator') {
    return new CloudError({
      kind: 'permission',
      code: 'NotAppAdministrator',
      message: l10n.t(
        'Not a VOD app administrator: VOD would answer with this key\'s own app policies, not this identity\'s. {0} ({1}: its own app policies in {2} lack {3}; ListAppPoliciesForIdentity RequestId {4})',
        advice,
        answer.caller.arn,
        DEFAULT_APP_ID,
        APP_ADMINISTRATOR_POLICY,
        answer.requestId,
      ),
      retryable: false,
    });
  }
  const { error } = answer;
  return new CloudError({
    kind: 'permission',
    code: 'AppAdministratorUnknown',
    message: l10n.t(
      'Cannot tell whether this key is a VOD app administrator, so no other identity\'s app policies are shown: VOD would answer a non-administrator with its own. Refresh to ask again. {0} ({1})',
      advice,
      describeError(error),
    ),
    retryable: false,
  });
}
