// STS (sts 2015-04-01): GetCallerIdentity, AssumeRole and AssumeRoleWithOIDC (unsigned: the OIDC token is the proof). Issued credentials go into StsSessions, which the
// verifier consults for every product, so a client can assume a role and then call MPS or VOD with the result.
import { DEFAULT_MAX_SESSION_SECONDS, roleArn } from '../directory';
import { E } from '../errors';
import { formatTimestamp } from '../signature';
import type { ActionContext, ActionSpec } from './types';
import { intParam, required } from './params';

export const STS_VERSION = '2015-04-01';
const SESSION_NAME = /^[\w.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const MAX_POLICY_CHARS = 2048;

/** AssumedRoleUser ARN (emulator's choice of form, see README): the role ARN plus the session name. */
function sessionArn(accountId: string, roleName: string, sessionName: string): string {
  return `${roleArn(accountId, roleName)}/${sessionName}`;
}

function callerIdentity({ state, caller }: ActionContext): Record<string, unknown> {
  if (caller.session) {
    const s = caller.session;
    return {
      AccountId: s.accountId, Arn: sessionArn(s.accountId, s.roleName, s.sessionName), IdentityType: 'AssumedRoleUser',
      PrincipalId: `${s.roleId}:${s.sessionName}`, RoleId: s.roleId,
    };
  }
  const user = caller.userId ? state.directory.userById(caller.accountId, caller.userId) : undefined;
  if (user) {
    return {
      AccountId: caller.accountId, Arn: `acs:ram::${caller.accountId}:user/${user.userName}`, IdentityType: 'RAMUser',
      PrincipalId: user.userId, UserId: user.userId,
    };
  }
  return { AccountId: caller.accountId, Arn: `acs:ram::${caller.accountId}:root`, IdentityType: 'Account', PrincipalId: caller.accountId, UserId: caller.accountId };
}

function assumeRole(ctx: ActionContext): Record<string, unknown> {
  const { params, caller } = ctx;
  const sessionName = sessionNameOf(params);
  const { accountId, role } = roleToAssume(ctx);
  // An account's own AccessKey may not assume roles (Alibaba's AssumeRole page); RAM users and roles may.
  if (!caller.userId && !caller.session) throw E.noPermission('An Alibaba Cloud account AccessKey cannot call AssumeRole; use a RAM user or role.');
  if (caller.accountId !== accountId && !(role.trustedAccounts ?? []).includes(caller.accountId)) {
    throw E.noPermission(`The role's trust policy does not allow account ${caller.accountId}.`);
  }
  if (role.externalId !== undefined && params.ExternalId !== role.externalId) throw E.noPermission('The ExternalId does not match the role\'s trust policy.');
  return issued(ctx, accountId, role, sessionName);
}

const OIDC_PROVIDER_ARN = /^acs:ram::(\d{1,64}):oidc-provider\/[\w.-]{1,128}$/;
const JWT = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/**
 * AssumeRoleWithOIDC, as RRSA on ACK uses it: no signature, the OIDC token stands for the caller. The emulator
 * checks the shapes (provider ARN of the role's account, a JWT-shaped token) but not the token's signature:
 * there is no identity provider to ask.
 */
function assumeRoleWithOidc(ctx: ActionContext): Record<string, unknown> {
  const { params } = ctx;
  // Optional here: STS makes one up when it is left out.
  const sessionName = params.RoleSessionName ? sessionNameOf(params) : `oidc-${Date.now()}`;
  const provider = OIDC_PROVIDER_ARN.exec(required(params, 'OIDCProviderArn'));
  if (!provider) throw E.invalidParam('OIDCProviderArn', 'acs:ram::<AccountId>:oidc-provider/<name>.');
  if (!JWT.test(required(params, 'OIDCToken'))) throw E.invalidParam('OIDCToken', 'A JWT: three base64url parts separated by dots.');
  const { accountId, role } = roleToAssume(ctx);
  if (provider[1] !== accountId) throw E.noPermission('The OIDC provider is not in the role\'s account.');
  const result = issued(ctx, accountId, role, sessionName);
  return { ...result, OIDCTokenInfo: { Issuer: 'https://oidc.emulator.invalid', Subject: 'system:serviceaccount:default:emulator', ClientIds: 'sts.aliyuncs.com' } };
}

function sessionNameOf(params: Readonly<Record<string, string>>): string {
  const sessionName = required(params, 'RoleSessionName');
  if (!SESSION_NAME.test(sessionName)) throw E.invalidParam('RoleSessionName', '2-64 letters, digits, ".", "@", "-" or "_".');
  return sessionName;
}

/** The role a request names, with the checks every AssumeRole flavour shares. */
function roleToAssume({ state, params }: ActionContext) {
  const arn = required(params, 'RoleArn');
  if (params.ExternalId !== undefined && params.ExternalId !== '' && !EXTERNAL_ID.test(params.ExternalId)) {
    throw E.invalidParam('ExternalId', '2-1224 letters, digits or =,.@:/-_ characters.');
  }
  if (params.Policy !== undefined && params.Policy !== '') checkPolicy(params.Policy);
  const found = state.directory.roleByArn(arn);
  if (!found) throw E.roleNotFound(arn);
  return found;
}

/** A temporary key for the role, answered as STS answers both flavours. */
function issued({ params, sessions }: ActionContext, accountId: string, role: ReturnType<typeof roleToAssume>['role'], sessionName: string): Record<string, unknown> {
  const durationSeconds = intParam(params, 'DurationSeconds', 3600, 900, role.maxSessionDuration ?? DEFAULT_MAX_SESSION_SECONDS);
  const s = sessions.issue({ accountId, roleId: role.roleId, roleName: role.roleName, sessionName, durationSeconds });
  return {
    Credentials: {
      AccessKeyId: s.accessKeyId, AccessKeySecret: s.accessKeySecret, SecurityToken: s.securityToken,
      Expiration: formatTimestamp(new Date(s.expiresAt)),
    },
    AssumedRoleUser: { Arn: sessionArn(accountId, role.roleName, sessionName), AssumedRoleId: `${role.roleId}:${sessionName}` },
  };
}

/** A session policy must be a JSON policy document of at most 2048 characters; its content is not evaluated. */
function checkPolicy(policy: string): void {
  if (policy.length > MAX_POLICY_CHARS) throw E.invalidParam('Policy', `At most ${MAX_POLICY_CHARS} characters.`);
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    throw E.invalidParam('Policy', 'Not a JSON policy document.');
  }
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { Statement?: unknown }).Statement)) {
    throw E.invalidParam('Policy', 'A policy document needs a Statement array.');
  }
}

export const stsActions: Record<string, ActionSpec> = {
  GetCallerIdentity: { product: 'sts', version: STS_VERSION, handler: callerIdentity },
  AssumeRole: { product: 'sts', version: STS_VERSION, handler: assumeRole },
  AssumeRoleWithOIDC: { product: 'sts', version: STS_VERSION, handler: assumeRoleWithOidc, unsigned: true },
};
