// STS (sts 2015-04-01): GetCallerIdentity and AssumeRole. Issued credentials go into StsSessions, which the
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
  const { state, params, caller, sessions } = ctx;
  const arn = required(params, 'RoleArn');
  const sessionName = required(params, 'RoleSessionName');
  if (!SESSION_NAME.test(sessionName)) throw E.invalidParam('RoleSessionName', '2-64 letters, digits, ".", "@", "-" or "_".');
  if (params.ExternalId !== undefined && params.ExternalId !== '' && !EXTERNAL_ID.test(params.ExternalId)) {
    throw E.invalidParam('ExternalId', '2-1224 letters, digits or =,.@:/-_ characters.');
  }
  if (params.Policy !== undefined && params.Policy !== '') checkPolicy(params.Policy);
  const found = state.directory.roleByArn(arn);
  if (!found) throw E.roleNotFound(arn);
  const { accountId, role } = found;
  const durationSeconds = intParam(params, 'DurationSeconds', 3600, 900, role.maxSessionDuration ?? DEFAULT_MAX_SESSION_SECONDS);
  // An account's own AccessKey may not assume roles (Alibaba's AssumeRole page); RAM users and roles may.
  if (!caller.userId && !caller.session) throw E.noPermission('An Alibaba Cloud account AccessKey cannot call AssumeRole; use a RAM user or role.');
  if (caller.accountId !== accountId && !(role.trustedAccounts ?? []).includes(caller.accountId)) {
    throw E.noPermission(`The role's trust policy does not allow account ${caller.accountId}.`);
  }
  if (role.externalId !== undefined && params.ExternalId !== role.externalId) throw E.noPermission('The ExternalId does not match the role\'s trust policy.');
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
};
