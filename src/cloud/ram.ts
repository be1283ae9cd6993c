// RAM (product ram, API 2015-05-01, the global endpoint https://ram.aliyuncs.com): the read side of the
// directory and of grants, and the grant writes the incident revocation makes (#21). VOD addresses a RAM user by its UserId, people by its login name; GetUser is how one becomes the other.

import * as l10n from '@vscode/l10n';
import { MAX_PAGES, ProductClient, type ClientOptions } from './clientOptions';
import { isRamUserId } from './identity';
import { badResponseError } from './popCoreErrors';
import { listItems, optionalString, type ResponseBody } from './responses';
import type { Acknowledged, CallOptions, RamRole, RamRoleList, RamRoleResult, RamUser, RamUserList, RamUserResult } from './types';
import { validateIdentityName } from './validate';
import { isPlainObject } from './plainObject';
import type {
  RamAttachedPolicy, RamAttachedPolicyList, RamGroupList, RamGroupMembers, RamPolicyCatalogue, RamPolicyDocument,
  RamPolicyEntities, RamPolicyRef, RamPolicyType, RamPrincipalKind,
} from './ramGrantTypes';

/** ListUsers/ListRoles allow 1–1000 per page; 100 is RAM's default and keeps each answer small. */
const PAGE_SIZE = 100;
/** RAM's documented maximum, for callers that need the whole directory (Find Access to App). */
export const MAX_PAGE_SIZE = 1000;

export interface DirectoryListOptions extends CallOptions {
  /** Entries per page (MaxItems), 1–1000; default 100. Fewer pages mean fewer calls at ListUsers' low QPS. */
  readonly pageSize?: number;
}

/** Each principal kind's policy listing, spelled out (the least-privilege test reads actions from this source). */
const POLICY_LISTINGS: Readonly<Record<RamPrincipalKind, { action: string; param: string }>> = {
  User: { action: 'ListPoliciesForUser', param: 'UserName' },
  Role: { action: 'ListPoliciesForRole', param: 'RoleName' },
  Group: { action: 'ListPoliciesForGroup', param: 'GroupName' },
};

export class RamClient extends ProductClient {
  constructor(options: ClientOptions) {
    super('ram', options);
  }

  /** The user with this login name (not its UserId: RAM answers EntityNotExist.User for that). */
  getUser(userName: string, options?: CallOptions): Promise<RamUserResult> {
    return this.channel.call(
      {
        action: 'GetUser',
        target: `RAM user ${String(userName)}`,
        params: { UserName: userName },
        validate: () => validateIdentityName('RamUser', userName),
        parse: (body, requestId) => ({ requestId, user: requireUser(body.User, 'GetUser') }),
      },
      options,
    );
  }

  getRole(roleName: string, options?: CallOptions): Promise<RamRoleResult> {
    return this.channel.call(
      {
        action: 'GetRole',
        target: `RAM role ${String(roleName)}`,
        params: { RoleName: roleName },
        validate: () => validateIdentityName('RamRole', roleName),
        parse: (body, requestId) => {
          const role = roleOf(body.Role);
          if (!role) throw badResponseError(l10n.t('{0} answered without {1} and {2}.', 'GetRole', 'Role.RoleName', 'Role.RoleId'));
          return { requestId, role };
        },
      },
      options,
    );
  }

  /** Every user, following Marker while IsTruncated. Each page is its own CallRecord; requestId is the first page's. */
  async listUsers(options?: DirectoryListOptions): Promise<RamUserList> {
    const { requestId, items } = await this.allPages('ListUsers', 'RAM users', (body) => listItems(body.Users, 'User'), userOf, options);
    return { requestId, users: items };
  }

  async listRoles(options?: DirectoryListOptions): Promise<RamRoleList> {
    const { requestId, items } = await this.allPages('ListRoles', 'RAM roles', (body) => listItems(body.Roles, 'Role'), roleOf, options);
    return { requestId, roles: items };
  }

  /** The policies attached to a user (login name), role or group directly: ListPoliciesForUser/Role/Group. */
  listPoliciesFor(kind: RamPrincipalKind, name: string, options?: CallOptions): Promise<RamAttachedPolicyList> {
    const { action, param } = POLICY_LISTINGS[kind];
    return this.channel.call(
      {
        action,
        target: `RAM ${kind.toLowerCase()} ${String(name)}`,
        params: { [param]: name },
        validate: () => validateRamName(kind, name),
        parse: (body, requestId) => ({ requestId, policies: listItems(body.Policies, 'Policy').map(attachedPolicyOf).filter(isDefined) }),
      },
      options,
    );
  }

  listGroupsForUser(userName: string, options?: CallOptions): Promise<RamGroupList> {
    return this.channel.call(
      {
        action: 'ListGroupsForUser',
        target: `RAM user ${String(userName)}`,
        params: { UserName: userName },
        validate: () => validateRamName('User', userName),
        parse: (body, requestId) => ({
          requestId,
          groups: listItems(body.Groups, 'Group').map((g) => (isPlainObject(g) ? optionalString(g.GroupName) : undefined)).filter(isDefined),
        }),
      },
      options,
    );
  }

  /** A group's members by login name (RAM's answer has no UserId), every page. */
  async listUsersForGroup(groupName: string, options?: DirectoryListOptions): Promise<RamGroupMembers> {
    const problem = validateRamName('Group', groupName);
    const { requestId, items } = await this.allPages('ListUsersForGroup', `RAM group ${String(groupName)}`, (body) => listItems(body.Users, 'User'),
      (u) => (isPlainObject(u) ? optionalString(u.UserName) || undefined : undefined), options, { GroupName: groupName }, problem);
    return { requestId, userNames: items };
  }

  /** The account's policies of one type, every page (ListPolicies). */
  async listPolicies(policyType: RamPolicyType, options?: DirectoryListOptions): Promise<RamPolicyCatalogue> {
    const { requestId, items } = await this.allPages('ListPolicies', `RAM ${policyType.toLowerCase()} policies`, (body) => listItems(body.Policies, 'Policy'),
      attachedPolicyOf, options, { PolicyType: policyType }, policyType === 'System' || policyType === 'Custom' ? undefined : l10n.t('PolicyType must be System or Custom.'));
    return { requestId, policies: items };
  }

  /** A policy's default version document (GetPolicy → DefaultPolicyVersion.PolicyDocument). */
  getPolicy(policyName: string, policyType: RamPolicyType, options?: CallOptions): Promise<RamPolicyDocument> {
    return this.channel.call(
      {
        action: 'GetPolicy',
        target: `RAM policy ${String(policyName)}`,
        params: { PolicyName: policyName, PolicyType: policyType },
        validate: () => validateRamName('Policy', policyName) ?? (policyType === 'System' || policyType === 'Custom' ? undefined : l10n.t('PolicyType must be System or Custom.')),
        parse: (body, requestId) => {
          const version = isPlainObject(body.DefaultPolicyVersion) ? body.DefaultPolicyVersion : undefined;
          // A missing document is kept as undefined: the reader says "cannot evaluate", never "grants nothing".
          const versionId = optionalString(version?.VersionId);
          return { requestId, policyName, policyType, ...(versionId ? { versionId } : {}), document: version?.PolicyDocument };
        },
      },
      options,
    );
  }

  listEntitiesForPolicy(policyName: string, policyType: RamPolicyType, options?: CallOptions): Promise<RamPolicyEntities> {
    return this.channel.call(
      {
        action: 'ListEntitiesForPolicy',
        target: `RAM policy ${String(policyName)}`,
        params: { PolicyName: policyName, PolicyType: policyType },
        validate: () => validateRamName('Policy', policyName),
        parse: (body, requestId) => ({
          requestId,
          users: listItems(body.Users, 'User').flatMap((u) => {
            const userName = isPlainObject(u) ? optionalString(u.UserName) : undefined;
            const userId = isPlainObject(u) ? optionalString(u.UserId) : undefined;
            return userName ? [{ userName, ...(userId ? { userId } : {}) }] : [];
          }),
          groups: listItems(body.Groups, 'Group').map((g) => (isPlainObject(g) ? optionalString(g.GroupName) : undefined)).filter(isDefined),
          roles: listItems(body.Roles, 'Role').map((r) => (isPlainObject(r) ? optionalString(r.RoleName) : undefined)).filter(isDefined),
        }),
      },
      options,
    );
  }

  // ---- grant writes (#21): each is a revocation or its undo twin (operations.ts); a lost answer is settled by
  // reading the principal's policies or the user's groups back, so a write that happened is never "failed" ----

  /** DetachPolicyFromUser / DetachPolicyFromRole (undo: the attach). `name` is a user's login name or a role's name. */
  detachPolicy(kind: 'User' | 'Role', name: string, policy: RamPolicyRef, options?: CallOptions): Promise<Acknowledged> {
    return this.policyWrite(kind === 'User' ? 'DetachPolicyFromUser' : 'DetachPolicyFromRole', kind, name, policy, false, options);
  }

  attachPolicy(kind: 'User' | 'Role', name: string, policy: RamPolicyRef, options?: CallOptions): Promise<Acknowledged> {
    return this.policyWrite(kind === 'User' ? 'AttachPolicyToUser' : 'AttachPolicyToRole', kind, name, policy, true, options);
  }

  /** RemoveUserFromGroup (undo: AddUserToGroup): the user loses every policy the group holds, the group is unchanged. */
  removeUserFromGroup(userName: string, groupName: string, options?: CallOptions): Promise<Acknowledged> {
    return this.membershipWrite('RemoveUserFromGroup', userName, groupName, false, options);
  }

  addUserToGroup(userName: string, groupName: string, options?: CallOptions): Promise<Acknowledged> {
    return this.membershipWrite('AddUserToGroup', userName, groupName, true, options);
  }

  private policyWrite(action: string, kind: 'User' | 'Role', name: string, policy: RamPolicyRef, attachedAfter: boolean, options?: CallOptions): Promise<Acknowledged> {
    return this.channel.call<Acknowledged>(
      {
        action,
        target: `RAM policy ${String(policy?.policyName)} of RAM ${kind.toLowerCase()} ${String(name)}`,
        params: { [POLICY_LISTINGS[kind].param]: name, PolicyType: policy?.policyType, PolicyName: policy?.policyName },
        validate: () => validateRamName(kind, name) ?? validateRamName('Policy', policy?.policyName)
          ?? (policy?.policyType === 'System' || policy?.policyType === 'Custom' ? undefined : l10n.t('PolicyType must be System or Custom.')),
        parse: (_body, requestId) => ({ requestId }),
        readBack: {
          action: POLICY_LISTINGS[kind].action,
          read: async (readOptions) => {
            const list = await this.listPoliciesFor(kind, name, readOptions);
            const held = list.policies.some((p) => p.policyName === policy.policyName && p.policyType === policy.policyType);
            return { requestId: list.requestId, ...(held === attachedAfter ? { confirm: (ack: Acknowledged) => ack } : {}) };
          },
        },
      },
      options,
    );
  }

  private membershipWrite(action: string, userName: string, groupName: string, memberAfter: boolean, options?: CallOptions): Promise<Acknowledged> {
    return this.channel.call<Acknowledged>(
      {
        action,
        target: `RAM user ${String(userName)} in group ${String(groupName)}`,
        params: { UserName: userName, GroupName: groupName },
        validate: () => validateRamName('User', userName) ?? validateRamName('Group', groupName),
        parse: (_body, requestId) => ({ requestId }),
        readBack: {
          action: 'ListGroupsForUser',
          read: async (readOptions) => {
            const list = await this.listGroupsForUser(userName, readOptions);
            const member = list.groups.some((g) => g.toLowerCase() === groupName.toLowerCase());
            return { requestId: list.requestId, ...(member === memberAfter ? { confirm: (ack: Acknowledged) => ack } : {}) };
          },
        },
      },
      options,
    );
  }

  private async allPages<T>(
    action: 'ListUsers' | 'ListRoles' | 'ListUsersForGroup' | 'ListPolicies',
    what: string,
    itemsOf: (body: ResponseBody) => unknown[],
    parseItem: (item: unknown) => T | undefined,
    options: DirectoryListOptions | undefined,
    params: Readonly<Record<string, string>> = {},
    problem?: string,
  ): Promise<{ requestId: string; items: T[] }> {
    const pageSize = options?.pageSize ?? PAGE_SIZE;
    const callOptions: CallOptions = { ...(options?.signal ? { signal: options.signal } : {}), ...(options?.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) };
    const items: T[] = [];
    const seenMarkers = new Set<string>();
    let firstRequestId: string | undefined;
    let marker: string | undefined;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const result = await this.channel.call(
        {
          action,
          target: page === 1 ? what : `${what} (page ${page})`,
          params: { ...params, MaxItems: pageSize, Marker: marker },
          validate: () => problem ?? (Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= MAX_PAGE_SIZE ? undefined : l10n.t('MaxItems must be an integer from 1 to {0}.', MAX_PAGE_SIZE)),
          parse: (body, requestId) => ({
            requestId,
            items: itemsOf(body).map(parseItem).filter((t): t is T => t !== undefined),
            truncated: body.IsTruncated === true || body.IsTruncated === 'true',
            marker: optionalString(body.Marker) || undefined,
          }),
        },
        callOptions,
      );
      firstRequestId ??= result.requestId;
      items.push(...result.items);
      if (!result.truncated) return { requestId: firstRequestId, items };
      if (!result.marker) throw badResponseError(l10n.t('{0} said IsTruncated but gave no Marker; stopping.', action));
      if (seenMarkers.has(result.marker)) throw badResponseError(l10n.t('{0} returned {1} "{2}" twice; stopping to avoid a loop.', action, 'Marker', result.marker));
      seenMarkers.add(result.marker);
      marker = result.marker;
    }
    throw badResponseError(l10n.t('{0} did not finish within {1} pages.', action, MAX_PAGES));
  }
}

const isDefined = <T>(t: T | undefined): t is T => t !== undefined;

function attachedPolicyOf(item: unknown): RamAttachedPolicy | undefined {
  if (!isPlainObject(item)) return undefined;
  const policyName = optionalString(item.PolicyName);
  const policyType = optionalString(item.PolicyType);
  if (!policyName) return undefined;
  const defaultVersion = optionalString(item.DefaultVersion);
  // A type RAM does not document is kept as Unknown: the picture shows the policy as one it cannot evaluate
  // instead of leaving it out.
  return { policyName, policyType: policyType === 'System' || policyType === 'Custom' ? policyType : 'Unknown', ...(defaultVersion ? { defaultVersion } : {}) };
}

/** RAM group and policy names: letters, digits and a few marks, up to 128; users and roles go through VOD's rule. */
function validateRamName(kind: RamPrincipalKind | 'Policy', name: unknown): string | undefined {
  if (kind === 'User' || kind === 'Role') return validateIdentityName(kind === 'User' ? 'RamUser' : 'RamRole', name);
  const group = kind === 'Group';
  if (typeof name !== 'string' || name === '') return group ? l10n.t('RAM group name is required.') : l10n.t('RAM policy name is required.');
  if (name.length > 128 || !/^[A-Za-z0-9._-]+$/.test(name)) {
    return group ? l10n.t('"{0}" is not a RAM group name (letters, digits, ".", "_" and "-", up to 128).', name) : l10n.t('"{0}" is not a RAM policy name (letters, digits, ".", "_" and "-", up to 128).', name);
  }
  return undefined;
}

function userOf(item: unknown): RamUser | undefined {
  if (!isPlainObject(item)) return undefined;
  const userId = optionalString(item.UserId);
  const userName = optionalString(item.UserName);
  if (!userId || !userName) return undefined;
  const displayName = optionalString(item.DisplayName);
  return { userId, userName, ...(displayName ? { displayName } : {}) };
}

/** A user answer VOD can rely on: its UserId must be the digits VOD expects, or resolving it would mislead. */
function requireUser(item: unknown, action: string): RamUser {
  const user = userOf(item);
  if (!user) throw badResponseError(l10n.t('{0} answered without {1} and {2}.', action, 'User.UserId', 'User.UserName'));
  if (!isRamUserId(user.userId)) throw badResponseError(l10n.t('{0} answered a UserId that is not digits.', action));
  return user;
}

function roleOf(item: unknown): RamRole | undefined {
  if (!isPlainObject(item)) return undefined;
  const roleId = optionalString(item.RoleId);
  const roleName = optionalString(item.RoleName);
  if (!roleId || !roleName) return undefined;
  const description = optionalString(item.Description);
  return { roleId, roleName, arn: optionalString(item.Arn) ?? '', ...(description ? { description } : {}) };
}
