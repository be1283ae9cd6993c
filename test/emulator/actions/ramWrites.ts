// RAM (ram 2015-05-01): the writes that give and take grants — attach/detach a policy to/from a user or a role,
// and add/remove a user to/from a group. Codes follow RAM's API reference where it names them
// (EntityNotExist.User/.Role/.Group/.Policy 404, EntityAlreadyExists.User.Policy 409); the "not attached" and
// "not a member" answers of the detaches and the role/group twins of the 409 are the emulator's choice in RAM's
// naming pattern (README). Like RAM, every write answers only {RequestId}.
import { ApiError, E } from '../errors';
import type { RamPolicyType, RamPrincipalType } from '../ramGrants';
import type { ActionContext, ActionSpec } from './types';
import { required } from './params';
import { RAM_VERSION } from './ram';

const notAttached = (kind: 'User' | 'Role', policy: string, who: string) =>
  new ApiError(404, `EntityNotExist.${kind}.Policy`, `The policy ${policy} is not attached to the ${kind.toLowerCase()} ${who}.`);
const alreadyAttached = (kind: 'User' | 'Role', policy: string, who: string) =>
  new ApiError(409, `EntityAlreadyExists.${kind}.Policy`, `The ${kind.toLowerCase()} ${who} has already been attached the policy ${policy}.`);
const notMember = (user: string, group: string) => new ApiError(404, 'EntityNotExist.User.Group', `The user ${user} is not a member of the group ${group}.`);
const alreadyMember = (user: string, group: string) => new ApiError(409, 'EntityAlreadyExists.User.Group', `The user ${user} is already a member of the group ${group}.`);
const groupNotFound = (name: string) => new ApiError(404, 'EntityNotExist.Group', `The group does not exist: ${name}.`);
const policyNotFound = (name: string) => new ApiError(404, 'EntityNotExist.Policy', `The policy does not exist: ${name}.`);

function write(action: string, handler: (ctx: ActionContext) => void): ActionSpec {
  return {
    product: 'ram', version: RAM_VERSION,
    handler: (ctx) => {
      if (ctx.state.ramGrants.denied(ctx.caller.accessKeyId, action)) throw E.noPermission(`ram:${action} is not allowed for this caller.`);
      handler(ctx);
      return {};
    },
  };
}

/** The principal the call names, as the state keeps it (a user by UserId), or EntityNotExist.*. */
function principalOf(ctx: ActionContext, kind: 'User' | 'Role'): { id: string; shown: string } {
  if (kind === 'User') {
    const name = required(ctx.params, 'UserName');
    const user = ctx.state.directory.user(ctx.caller.accountId, name);
    if (!user) throw E.userNotFound(name);
    return { id: user.userId, shown: name };
  }
  const name = required(ctx.params, 'RoleName');
  if (!ctx.state.directory.role(ctx.caller.accountId, name)) throw E.roleNotFound(name);
  return { id: name, shown: name };
}

function policyRef(ctx: ActionContext): { policyType: RamPolicyType; policyName: string } {
  const t = required(ctx.params, 'PolicyType');
  if (t !== 'System' && t !== 'Custom') throw E.invalidParam('PolicyType', 'Expected System or Custom.');
  const ref = { policyType: t as RamPolicyType, policyName: required(ctx.params, 'PolicyName') };
  if (!ctx.state.ramGrants.policy(ctx.caller.accountId, ref)) throw policyNotFound(ref.policyName);
  return ref;
}

function attachment(kind: 'User' | 'Role', attach: boolean): (ctx: ActionContext) => void {
  return (ctx) => {
    const ref = policyRef(ctx);
    const who = principalOf(ctx, kind);
    const type: RamPrincipalType = kind;
    const grants = ctx.state.ramGrants;
    if (attach ? !grants.attach(ctx.caller.accountId, ref, type, who.id, new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'))
      : !grants.detach(ctx.caller.accountId, ref, type, who.id)) {
      throw attach ? alreadyAttached(kind, ref.policyName, who.shown) : notAttached(kind, ref.policyName, who.shown);
    }
  };
}

function membership(member: boolean): (ctx: ActionContext) => void {
  return (ctx) => {
    const groupName = required(ctx.params, 'GroupName');
    const user = principalOf(ctx, 'User');
    const group = ctx.state.ramGrants.group(ctx.caller.accountId, groupName);
    if (!group) throw groupNotFound(groupName);
    if (!ctx.state.ramGrants.setMember(ctx.caller.accountId, group.groupName, user.id, member)) {
      throw member ? alreadyMember(user.shown, group.groupName) : notMember(user.shown, group.groupName);
    }
  };
}

export const ramWriteActions: Record<string, ActionSpec> = {
  AttachPolicyToUser: write('AttachPolicyToUser', attachment('User', true)),
  DetachPolicyFromUser: write('DetachPolicyFromUser', attachment('User', false)),
  AttachPolicyToRole: write('AttachPolicyToRole', attachment('Role', true)),
  DetachPolicyFromRole: write('DetachPolicyFromRole', attachment('Role', false)),
  AddUserToGroup: write('AddUserToGroup', membership(true)),
  RemoveUserFromGroup: write('RemoveUserFromGroup', membership(false)),
};
