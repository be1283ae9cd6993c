// VOD (vod 2017-03-21): multi-application policies and app listing. The NonExist/Failed rule is documented in
// the README: detach — not attached → NonExist, protected → Failed; attach — over the 10-per-identity limit →
// Failed. Both take system policies only: any other name is refused (InvalidParameter.PolicyNames). Re-attaching
// an attached policy or detaching twice in one call is not an error.
import { E } from '../errors';
import { DEFAULT_APP_ID, MAX_POLICIES_PER_IDENTITY, type IdentityType } from '../state';
import type { ActionContext, ActionSpec } from './types';
import { intParam, required } from './params';

export const VOD_VERSION = '2017-03-21';
const ADMIN_POLICY = 'VODAppAdministratorAccess';

function requireAppService(ctx: ActionContext): void {
  if (!ctx.state.appServiceOpen) throw E.appServiceNotOpen();
}

function identityType(params: Readonly<Record<string, string>>): IdentityType {
  const t = required(params, 'IdentityType');
  if (t !== 'RamUser' && t !== 'RamRole') throw E.invalidParam('IdentityType', 'Valid values: RamUser, RamRole.');
  return t;
}

function policyNames(params: Readonly<Record<string, string>>): string[] {
  const names = [...new Set(required(params, 'PolicyNames').split(',').map((s) => s.trim()).filter(Boolean))];
  if (names.length === 0) throw E.missing('PolicyNames');
  return names;
}

/** AppId may be omitted only when the call concerns VODAppAdministratorAccess alone; it then means app-1000000. */
function appIdFor(ctx: ActionContext, names?: string[]): string {
  const given = ctx.params.AppId;
  if (!given && names && names.some((n) => n !== ADMIN_POLICY)) throw E.missing('AppId');
  const appId = given || DEFAULT_APP_ID;
  if (!ctx.state.app(appId)) throw E.appNotFound(appId);
  if (ctx.state.caller(ctx.accessKeyId).forbiddenApps?.includes(appId)) throw E.forbiddenApp();
  return appId;
}

/**
 * VOD's IdentityName is the RAM user's UserId (not its login name) or the role's name, in the caller's account.
 * Anything else is an unknown identity: the emulator answers EntityNotExist.User / .Role (its choice; Alibaba
 * documents no answer for this, so clients must not rely on any).
 */
function requireKnownIdentity(ctx: ActionContext, type: IdentityType, name: string): void {
  const dir = ctx.state.directory;
  if (type === 'RamUser' && !dir.userById(ctx.caller.accountId, name)) throw E.userNotFound(`no RAM user has UserId ${name}`);
  if (type === 'RamRole' && !dir.role(ctx.caller.accountId, name)) throw E.roleNotFound(name);
}

/**
 * The caller's own identity as VOD names it: a state's explicit `callers[key].identity`, else the assumed role of an
 * STS key, else the RAM user of the key (`principals`). The account's own key has none.
 */
function ownIdentity(ctx: ActionContext): { type: IdentityType; name: string } | undefined {
  const explicit = ctx.state.caller(ctx.accessKeyId).identity;
  if (explicit) return explicit;
  if (ctx.caller.session) return { type: 'RamRole', name: ctx.caller.session.roleName };
  if (ctx.caller.userId) return { type: 'RamUser', name: ctx.caller.userId };
  return undefined;
}

/**
 * Application administrators, from the account model: the account's own key, or a RAM user or role holding
 * VODAppAdministratorAccess in app-1000000 (the policy that "assigns the application administrator role"). A
 * state's explicit `callers[key].appAdministrator` overrides that.
 */
export function isAppAdministrator(ctx: ActionContext): boolean {
  const explicit = ctx.state.caller(ctx.accessKeyId).appAdministrator;
  if (explicit !== undefined) return explicit;
  const self = ownIdentity(ctx);
  if (!self) return !ctx.caller.userId && !ctx.caller.session;
  return ctx.state.policiesOf({ ...self, appId: DEFAULT_APP_ID }).includes(ADMIN_POLICY);
}

function changePolicies(ctx: ActionContext, mode: 'attach' | 'detach'): Record<string, unknown> {
  requireAppService(ctx);
  const type = identityType(ctx.params);
  const name = required(ctx.params, 'IdentityName');
  const names = policyNames(ctx.params);
  const custom = names.filter((p) => !ctx.state.isSystemPolicy(p));
  if (custom.length > 0) throw E.notSystemPolicy(custom);
  const appId = appIdFor(ctx, names);
  requireKnownIdentity(ctx, type, name);
  const { state } = ctx;
  const nonExist: string[] = [];
  const failed: string[] = [];
  if (mode === 'attach') {
    const identity = state.ensureIdentity({ type, name, appId });
    for (const p of names) {
      if (!state.isSystemPolicy(p) && !state.customPolicy(appId, p)) nonExist.push(p);
      else if (identity.policies.includes(p)) continue;
      else if (identity.policies.length >= MAX_POLICIES_PER_IDENTITY) failed.push(p);
      else identity.policies.push(p);
    }
  } else {
    const identity = state.identity({ type, name, appId });
    for (const p of names) {
      if (!identity || !identity.policies.includes(p)) nonExist.push(p);
      else if (identity.protectedPolicies?.includes(p)) failed.push(p);
      else identity.policies.splice(identity.policies.indexOf(p), 1);
    }
  }
  // The official SDK models both as string arrays; the emulator always sends both, empty when nothing matched.
  return { NonExistPolicyNames: nonExist, FailedPolicyNames: failed };
}

export const vodActions: Record<string, ActionSpec> = {
  AttachAppPolicyToIdentity: { product: 'vod', version: VOD_VERSION, handler: (ctx) => changePolicies(ctx, 'attach') },
  DetachAppPolicyFromIdentity: { product: 'vod', version: VOD_VERSION, handler: (ctx) => changePolicies(ctx, 'detach') },
  ListAppPoliciesForIdentity: {
    product: 'vod', version: VOD_VERSION,
    handler: (ctx) => {
      requireAppService(ctx);
      const appId = appIdFor(ctx);
      const self = ownIdentity(ctx);
      let who: { type: IdentityType; name: string } | undefined;
      // Administrators may ask about anyone; naming nobody, they get their own list (the emulator's choice: Alibaba
      // does not say). The account's own key has no list of its own: it must name someone.
      if (isAppAdministrator(ctx) && (ctx.params.IdentityType || ctx.params.IdentityName || !self)) {
        const type = identityType(ctx.params);
        const name = required(ctx.params, 'IdentityName');
        requireKnownIdentity(ctx, type, name);
        who = { type, name };
      } else {
        who = self; // IdentityType/IdentityName are ignored for non-administrators (Alibaba's page)
      }
      const names = who ? ctx.state.policiesOf({ ...who, appId }) : [];
      return { AppPolicyList: names.slice(0, 100).map((n) => ctx.state.policyView(appId, n)) };
    },
  },
  ListAppInfo: {
    product: 'vod', version: VOD_VERSION,
    handler: (ctx) => {
      requireAppService(ctx);
      const { params } = ctx;
      const status = params.Status;
      if (status !== undefined && status !== '' && status !== 'Normal' && status !== 'Disable') {
        throw E.invalidParam('Status', 'Valid values: Normal, Disable.');
      }
      const pageNo = intParam(params, 'PageNo', 1, 1, Number.MAX_SAFE_INTEGER);
      const pageSize = intParam(params, 'PageSize', 10, 1, 100);
      const apps = ctx.state.apps().filter((a) => (!status || (a.status ?? 'Normal') === status)
        && (!params.ResourceGroupId || a.resourceGroupId === params.ResourceGroupId));
      const page = apps.slice((pageNo - 1) * pageSize, pageNo * pageSize);
      return {
        Total: apps.length,
        AppInfoList: page.map((a) => ({
          AppId: a.appId,
          AppName: a.appName,
          Type: a.type ?? 'Custom',
          Status: a.status ?? 'Normal',
          Description: a.description ?? '',
          CreationTime: a.creationTime ?? '2024-01-01T00:00:00Z',
          ModificationTime: a.modificationTime ?? a.creationTime ?? '2024-01-01T00:00:00Z',
          ...(a.resourceGroupId ? { ResourceGroupId: a.resourceGroupId } : {}),
        })),
      };
    },
  },
};
