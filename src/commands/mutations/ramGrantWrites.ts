// RAM's grant writes as operations (#21): DetachPolicyFromUser / DetachPolicyFromRole and RemoveUserFromGroup, with
// their undo twins AttachPolicyToUser / AttachPolicyToRole and AddUserToGroup. They are run by Revoke All Media
// Access (its one plan and one confirmation) and undone from the Request History like any revocation — one step
// alone through commands/undo.ts, or a whole run as a set. They have no command of their own: a RAM write is a
// bigger change than an app-policy detach, so it is only offered inside the incident's plan, which says so.

import * as vscode from 'vscode';
import type { Acknowledged } from '../../cloud';
import { COMMANDS } from '../../commandIds';
import type { RamParams } from '../../history/reversals';
import type { RowRef } from '../../tree/rowRef';
import type { ProfileIdentity } from '../../settings/profileConfig';
import { invalidArgument } from '../results';
import { cloudAction, undoOnly, type Mutation, type MutationText } from './mutation';
import { revocation } from './operation';
import type { RevocationCommand } from './registerRevocation';

/** A RAM policy of a user (login name) or role, and the identity row it shows under (when the run came from one). */
export interface RamPolicyTarget {
  readonly profile: string;
  readonly principal: 'User' | 'Role';
  readonly name: string;
  readonly policyType: 'System' | 'Custom';
  readonly policyName: string;
  readonly row?: ProfileIdentity;
}

/** A user's membership of a group. */
export interface MembershipTarget {
  readonly profile: string;
  readonly userName: string;
  readonly groupName: string;
  readonly row?: ProfileIdentity;
}

function rowOf(t: { profile: string; row?: ProfileIdentity }, fallback: ProfileIdentity): RowRef {
  return { kind: 'identity', profile: t.profile, identity: t.row ?? fallback };
}
const userRow = (name: string): ProfileIdentity => ({ identityType: 'RamUser', identityName: name, appId: 'app-1000000' });
const principalRow = (t: RamPolicyTarget): ProfileIdentity =>
  ({ identityType: t.principal === 'User' ? 'RamUser' : 'RamRole', identityName: t.name, appId: 'app-1000000' });

const who = (t: RamPolicyTarget) => (t.principal === 'User' ? vscode.l10n.t('RAM user {0}', t.name) : vscode.l10n.t('RAM role {0}', t.name));

const ramDetachText: MutationText = {
  busy: () => vscode.l10n.t('detaching RAM policy…'),
  running: (count, profile) => vscode.l10n.t('Detaching {0} RAM policies (profile {1})', count, profile),
  alreadyRunning: (labels) => vscode.l10n.t('Detaching {0} is already in progress.', labels),
  done: (succeeded, total) => vscode.l10n.t('Detached {0} of {1} RAM policies', succeeded, total),
  failed: (label, error) => vscode.l10n.t('Could not detach {0}: {1}', label, error),
  notSent: (error) => vscode.l10n.t('Cannot detach: {0}', error),
};
const ramAttachText: MutationText = {
  busy: () => vscode.l10n.t('attaching RAM policy…'),
  running: (count, profile) => vscode.l10n.t('Attaching {0} RAM policies (profile {1})', count, profile),
  alreadyRunning: (labels) => vscode.l10n.t('Attaching {0} is already in progress.', labels),
  done: (succeeded, total) => vscode.l10n.t('Attached {0} of {1} RAM policies', succeeded, total),
  failed: (label, error) => vscode.l10n.t('Could not attach {0}: {1}', label, error),
  notSent: (error) => vscode.l10n.t('Cannot attach: {0}', error),
};
const removeText: MutationText = {
  busy: () => vscode.l10n.t('removing from group…'),
  running: (count, profile) => vscode.l10n.t('Removing {0} group memberships (profile {1})', count, profile),
  alreadyRunning: (labels) => vscode.l10n.t('Removing {0} is already in progress.', labels),
  done: (succeeded, total) => vscode.l10n.t('Removed {0} of {1} group memberships', succeeded, total),
  failed: (label, error) => vscode.l10n.t('Could not remove {0}: {1}', label, error),
  notSent: (error) => vscode.l10n.t('Cannot remove from group: {0}', error),
};
const addText: MutationText = {
  busy: () => vscode.l10n.t('adding to group…'),
  running: (count, profile) => vscode.l10n.t('Adding {0} group memberships (profile {1})', count, profile),
  alreadyRunning: (labels) => vscode.l10n.t('Adding {0} is already in progress.', labels),
  done: (succeeded, total) => vscode.l10n.t('Added {0} of {1} group memberships', succeeded, total),
  failed: (label, error) => vscode.l10n.t('Could not add {0}: {1}', label, error),
  notSent: (error) => vscode.l10n.t('Cannot add to group: {0}', error),
};

/** The shared half of the four policy writes: key, label, fields, rows. */
function policyWrite(action: 'DetachPolicyFromUser' | 'DetachPolicyFromRole' | 'AttachPolicyToUser' | 'AttachPolicyToRole', attach: boolean): Mutation<RamPolicyTarget, Acknowledged> {
  return {
    ...cloudAction(action),
    text: attach ? ramAttachText : ramDetachText,
    key: (t) => `${t.principal}/${t.name}/${t.policyType}/${t.policyName}`,
    label: (t) => vscode.l10n.t('RAM policy {0} of {1}', t.policyName, who(t)),
    fields: (t) => ({ profile: t.profile, principal: t.principal, name: t.name, policyType: t.policyType, policyName: t.policyName }),
    rows: (t) => rowOf(t, principalRow(t)),
    confirm: undoOnly(action),
    send: (session, t, signal) => (attach ? session.ram().attachPolicy(t.principal, t.name, t, { signal }) : session.ram().detachPolicy(t.principal, t.name, t, { signal })),
    succeeded: (t) => ({
      text: attach ? vscode.l10n.t('Attached RAM policy {0} to {1} again', t.policyName, who(t)) : vscode.l10n.t('Detached RAM policy {0} from {1}', t.policyName, who(t)),
    }),
  };
}

function membershipWrite(action: 'RemoveUserFromGroup' | 'AddUserToGroup', add: boolean): Mutation<MembershipTarget, Acknowledged> {
  return {
    ...cloudAction(action),
    text: add ? addText : removeText,
    key: (t) => `${t.userName}/${t.groupName.toLowerCase()}`,
    label: (t) => vscode.l10n.t('RAM user {0} in group {1}', t.userName, t.groupName),
    fields: (t) => ({ profile: t.profile, userName: t.userName, groupName: t.groupName }),
    rows: (t) => rowOf(t, userRow(t.userName)),
    confirm: undoOnly(action),
    send: (session, t, signal) => (add ? session.ram().addUserToGroup(t.userName, t.groupName, { signal }) : session.ram().removeUserFromGroup(t.userName, t.groupName, { signal })),
    succeeded: (t) => ({
      text: add ? vscode.l10n.t('Added RAM user {0} to group {1} again', t.userName, t.groupName) : vscode.l10n.t('Removed RAM user {0} from group {1}', t.userName, t.groupName),
    }),
  };
}

export const detachPolicyFromUser = policyWrite('DetachPolicyFromUser', false);
export const detachPolicyFromRole = policyWrite('DetachPolicyFromRole', false);
export const removeUserFromGroup = membershipWrite('RemoveUserFromGroup', false);

/** Only Revoke All Media Access plans RAM writes: no caller object or tree row runs one alone. */
function planOnly<T extends { profile: string }>(mutation: Mutation<T, Acknowledged>): RevocationCommand<T, Acknowledged> {
  const refusal = () => vscode.l10n.t('{0} runs only as a step of Revoke All Media Access (its plan and confirmation).', mutation.action);
  return {
    id: COMMANDS.revokeAllMediaAccess,
    mutation,
    parse: () => ({ ok: false, error: invalidArgument(refusal()).error as never }),
    choose: async () => undefined,
  };
}

/** The twin's target from the record's params (history/reversals.ts keeps them as sent). */
function policyTarget(profile: string, principal: 'User' | 'Role', p: RamParams): RamPolicyTarget {
  return { profile, principal, name: (principal === 'User' ? p.UserName : p.RoleName) as string, policyType: p.PolicyType as 'System' | 'Custom', policyName: p.PolicyName as string };
}

const policyUndoWords = {
  describe: (p: RamParams) => vscode.l10n.t('Attach RAM policy {0} to {1} again.', p.PolicyName ?? '',
    p.RoleName ? vscode.l10n.t('RAM role {0}', p.RoleName) : vscode.l10n.t('RAM user {0}', p.UserName ?? '')),
  caveat: () => vscode.l10n.t('This is a RAM write: the policy applies again to everything it grants, not only VOD and MPS.'),
};

export const detachPolicyFromUserOperation = revocation({
  action: 'DetachPolicyFromUser',
  command: planOnly(detachPolicyFromUser),
  undo: policyWrite('AttachPolicyToUser', true),
  undoTarget: (_session, profile, planned) => policyTarget(profile, 'User', planned),
  undoWords: policyUndoWords,
});

export const detachPolicyFromRoleOperation = revocation({
  action: 'DetachPolicyFromRole',
  command: planOnly(detachPolicyFromRole),
  undo: policyWrite('AttachPolicyToRole', true),
  undoTarget: (_session, profile, planned) => policyTarget(profile, 'Role', planned),
  undoWords: policyUndoWords,
});

export const removeUserFromGroupOperation = revocation({
  action: 'RemoveUserFromGroup',
  command: planOnly(removeUserFromGroup),
  undo: membershipWrite('AddUserToGroup', true),
  undoTarget: (_session, profile, planned: RamParams) => ({ profile, userName: planned.UserName as string, groupName: planned.GroupName as string }),
  undoWords: {
    describe: (planned: RamParams) => vscode.l10n.t('Add RAM user {0} to group {1} again.', planned.UserName ?? '', planned.GroupName ?? ''),
    caveat: () => vscode.l10n.t('This is a RAM write: the user gets every policy the group holds now, which may differ from what it held then.'),
  },
});
