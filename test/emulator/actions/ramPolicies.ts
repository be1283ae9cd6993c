// RAM (ram 2015-05-01): the read side of policies and groups — which policies are attached to a user, role or
// group, a user's groups and a group's users, the policy catalogue, policy documents and versions, and who holds a
// policy. Response shapes follow the official @alicloud/ram20150501 models. Users are named by login name here
// (RAM's convention), while the state keeps UserIds.
import { ApiError, E } from '../errors';
import { roleArn, type RamUserJson } from '../directory';
import type { PolicyRef, RamAttachmentJson, RamPolicyType } from '../ramGrants';
import type { ActionContext, ActionSpec } from './types';
import { required } from './params';
import { RAM_VERSION, page } from './ram';

const FIXED_DATE = '2024-01-01T00:00:00Z';

const groupNotFound = (name: string) => new ApiError(404, 'EntityNotExist.Group', `The group does not exist: ${name}.`);
const policyNotFound = (name: string) => new ApiError(404, 'EntityNotExist.Policy', `The policy does not exist: ${name}.`);
const versionNotFound = (id: string) => new ApiError(404, 'EntityNotExist.PolicyVersion', `The policy version does not exist: ${id}.`);

function policyType(params: Readonly<Record<string, string>>, optional = false): RamPolicyType | undefined {
  const t = optional ? params.PolicyType : required(params, 'PolicyType');
  if (t === undefined || t === '') return undefined;
  if (t !== 'System' && t !== 'Custom') throw E.invalidParam('PolicyType', 'Expected System or Custom.');
  return t;
}

/** Refuses keys the state marks `ramDenied` for this action, as RAM refuses a caller without the permission. */
function guarded(action: string, handler: (ctx: ActionContext) => Record<string, unknown>): ActionSpec {
  return {
    product: 'ram', version: RAM_VERSION,
    handler: (ctx) => {
      if (ctx.state.ramGrants.denied(ctx.caller.accessKeyId, action)) throw E.noPermission(`ram:${action} is not allowed for this caller.`);
      return handler(ctx);
    },
  };
}

function attachedPolicies(ctx: ActionContext, attachments: RamAttachmentJson[]): Record<string, unknown> {
  return {
    Policies: {
      Policy: attachments.map((t) => {
        const p = ctx.state.ramGrants.policy(ctx.caller.accountId, t);
        return { PolicyName: t.policyName, PolicyType: t.policyType, Description: p?.description ?? '', DefaultVersion: p?.defaultVersion ?? 'v1', AttachDate: t.attachDate ?? FIXED_DATE };
      }),
    },
  };
}

function userByName(ctx: ActionContext): RamUserJson {
  const name = required(ctx.params, 'UserName');
  const user = ctx.state.directory.user(ctx.caller.accountId, name);
  if (!user) throw E.userNotFound(name);
  return user;
}

function policyOf(ctx: ActionContext) {
  const ref: PolicyRef = { policyName: required(ctx.params, 'PolicyName'), policyType: policyType(ctx.params) as RamPolicyType };
  const p = ctx.state.ramGrants.policy(ctx.caller.accountId, ref);
  if (!p) throw policyNotFound(ref.policyName);
  return p;
}

export const ramPolicyActions: Record<string, ActionSpec> = {
  ListPoliciesForUser: guarded('ListPoliciesForUser', (ctx) => attachedPolicies(ctx, ctx.state.ramGrants.attachmentsOf(ctx.caller.accountId, 'User', userByName(ctx).userId))),
  ListPoliciesForRole: guarded('ListPoliciesForRole', (ctx) => {
    const name = required(ctx.params, 'RoleName');
    if (!ctx.state.directory.role(ctx.caller.accountId, name)) throw E.roleNotFound(name);
    return attachedPolicies(ctx, ctx.state.ramGrants.attachmentsOf(ctx.caller.accountId, 'Role', name));
  }),
  ListPoliciesForGroup: guarded('ListPoliciesForGroup', (ctx) => {
    const name = required(ctx.params, 'GroupName');
    const group = ctx.state.ramGrants.group(ctx.caller.accountId, name);
    if (!group) throw groupNotFound(name);
    return attachedPolicies(ctx, ctx.state.ramGrants.attachmentsOf(ctx.caller.accountId, 'Group', group.groupName));
  }),
  ListGroupsForUser: guarded('ListGroupsForUser', (ctx) => {
    const user = userByName(ctx);
    return {
      Groups: {
        Group: ctx.state.ramGrants.groupsOfUser(ctx.caller.accountId, user.userId).map((g) => ({
          GroupName: g.groupName, GroupId: g.groupId ?? '', Comments: g.comments ?? '', JoinDate: FIXED_DATE,
        })),
      },
    };
  }),
  ListUsersForGroup: guarded('ListUsersForGroup', (ctx) => {
    const name = required(ctx.params, 'GroupName');
    const group = ctx.state.ramGrants.group(ctx.caller.accountId, name);
    if (!group) throw groupNotFound(name);
    const members = group.members.map((id) => ctx.state.directory.userById(ctx.caller.accountId, id)).filter((u): u is RamUserJson => u !== undefined);
    const { items, ...paging } = page(ctx.params, members, (u) => u.userName);
    // The official model has no UserId here: a client maps names to UserIds through ListUsers.
    return { ...paging, Users: { User: items.map((u) => ({ UserName: u.userName, DisplayName: u.displayName, JoinDate: FIXED_DATE })) } };
  }),
  ListPolicies: guarded('ListPolicies', (ctx) => {
    const type = policyType(ctx.params, true);
    const all = ctx.state.ramGrants.policies(ctx.caller.accountId).filter((p) => !type || p.policyType === type);
    // Sorted by type then name, so one Marker (the last key served) pages both kinds consistently.
    const { items, ...paging } = page(ctx.params, all, (p) => `${p.policyType === 'System' ? '0' : '1'}/${p.policyName}`);
    return {
      ...paging,
      Policies: {
        Policy: items.map((p) => ({
          PolicyName: p.policyName, PolicyType: p.policyType, Description: p.description, DefaultVersion: p.defaultVersion,
          AttachmentCount: ctx.state.ramGrants.attachmentsTo(ctx.caller.accountId, p).length, CreateDate: p.createDate, UpdateDate: p.createDate,
        })),
      },
    };
  }),
  GetPolicy: guarded('GetPolicy', (ctx) => {
    const p = policyOf(ctx);
    const v = p.versions.find((x) => x.versionId === p.defaultVersion) ?? p.versions[0];
    return {
      Policy: {
        PolicyName: p.policyName, PolicyType: p.policyType, Description: p.description, DefaultVersion: p.defaultVersion,
        AttachmentCount: ctx.state.ramGrants.attachmentsTo(ctx.caller.accountId, p).length, CreateDate: p.createDate, UpdateDate: p.createDate,
      },
      DefaultPolicyVersion: { VersionId: v.versionId, IsDefaultVersion: true, PolicyDocument: v.document, CreateDate: v.createDate ?? p.createDate },
    };
  }),
  GetPolicyVersion: guarded('GetPolicyVersion', (ctx) => {
    const p = policyOf(ctx);
    const id = required(ctx.params, 'VersionId');
    const v = p.versions.find((x) => x.versionId === id);
    if (!v) throw versionNotFound(id);
    return { PolicyVersion: { VersionId: v.versionId, IsDefaultVersion: v.versionId === p.defaultVersion, PolicyDocument: v.document, CreateDate: v.createDate ?? p.createDate } };
  }),
  ListEntitiesForPolicy: guarded('ListEntitiesForPolicy', (ctx) => {
    const p = policyOf(ctx);
    const account = ctx.caller.accountId;
    const at = ctx.state.ramGrants.attachmentsTo(account, p);
    const of = (type: RamAttachmentJson['principalType']) => at.filter((t) => t.principalType === type);
    return {
      Users: {
        User: of('User').map((t) => {
          const u = ctx.state.directory.userById(account, t.principal) as RamUserJson;
          return { UserId: u.userId, UserName: u.userName, DisplayName: u.displayName, AttachDate: t.attachDate ?? FIXED_DATE };
        }),
      },
      Groups: {
        Group: of('Group').map((t) => {
          const g = ctx.state.ramGrants.group(account, t.principal);
          return { GroupName: g?.groupName ?? t.principal, Comments: g?.comments ?? '', AttachDate: t.attachDate ?? FIXED_DATE };
        }),
      },
      Roles: {
        Role: of('Role').map((t) => {
          const r = ctx.state.directory.role(account, t.principal);
          return { RoleId: r?.roleId ?? '', RoleName: t.principal, Arn: roleArn(account, t.principal), Description: r?.description ?? '', AttachDate: t.attachDate ?? FIXED_DATE };
        }),
      },
    };
  }),
};
