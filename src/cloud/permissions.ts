// Least privilege: which RAM actions each use of the extension calls, so a RAM user's policy can grant exactly
// those. The README shows one policy document per use (each marked `<!-- ram-policy: <use> -->`), and a unit test
// (test/unit/cloud/permissions.test.ts) keeps both honest: every action the code calls is in some use here, every
// action here is one the code calls, and each README document lists exactly its use's actions. No VS Code import.
//
// RAM names an action `<service>:<Action>`; MPS's service code is `mts`. STS GetCallerIdentity needs no permission
// (any identity may ask who it is), so it is listed apart and no document grants it.

export type PermissionUse = 'browse' | 'revoke' | 'undo' | 'findAccess' | 'ramPicture' | 'incident' | 'actionTrail' | 'assumeRole';

export interface PermissionUseInfo {
  /** What the use is, in the README's words. */
  readonly purpose: string;
  /** `service:Action`, sorted. */
  readonly actions: readonly string[];
}

export const PERMISSION_USES: Readonly<Record<PermissionUse, PermissionUseInfo>> = {
  browse: {
    purpose: 'Read-only browsing: the Resources view, Add … from Account, Add Identity, Copy…, Open in Console',
    actions: [
      'mts:ListAllMediaBucket', // bucket bindings
      'ram:GetRole', // Copy… ARN
      'ram:GetUser', // a RAM user configured by login name → UserId
      'ram:ListRoles', // Add Identity's picker
      'ram:ListUsers', // UserIds shown by name; Add Identity's picker
      'vod:ListAppInfo', // Add Identity's app picker
      'vod:ListAppPoliciesForIdentity', // an identity's app policies
    ],
  },
  revoke: {
    purpose: 'Revoking: Unbind Output/Input Bucket and Detach App Policy, with the reads that confirm them',
    actions: [
      'mts:ListAllMediaBucket', // read back a write whose answer was lost
      'mts:UnbindInputBucket',
      'mts:UnbindOutputBucket',
      'ram:GetUser', // the target named by login name → UserId, before anything reaches VOD
      'ram:ListUsers', // the confirmation names a UserId
      'vod:DetachAppPolicyFromIdentity',
      'vod:ListAppPoliciesForIdentity', // the policies to detach; read back a lost answer
    ],
  },
  undo: {
    purpose: 'Undo from the Request History: bind the bucket again, attach the policies again',
    actions: [
      'mts:BindInputBucket',
      'mts:BindOutputBucket',
      'mts:ListAllMediaBucket', // the bucket's state before binding; read back a lost answer
      'vod:AttachAppPolicyToIdentity',
      'vod:ListAppPoliciesForIdentity', // read back a lost answer
    ],
  },
  findAccess: {
    purpose: 'Find Access to App…: every RAM user and role of the account asked about one app',
    actions: [
      'ram:GetPolicy', // custom policies' documents: do they grant vod:/mts: actions?
      'ram:ListEntitiesForPolicy', // who holds a granting RAM policy
      'ram:ListPolicies', // the account's custom policies
      'ram:ListRoles',
      'ram:ListUsers',
      'ram:ListUsersForGroup', // a granting group's members
      'vod:ListAppInfo',
      'vod:ListAppPoliciesForIdentity',
    ],
  },
  ramPicture: {
    purpose: 'RAM grants beside app policies: the rows under an identity, and what remains after a detach',
    actions: [
      'ram:GetPolicy', // a custom policy's document
      'ram:ListGroupsForUser',
      'ram:ListPoliciesForGroup',
      'ram:ListPoliciesForRole',
      'ram:ListPoliciesForUser',
    ],
  },
  incident: {
    purpose: 'Revoke All Media Access…: an identity\'s app policies in every app and its RAM grants, and their undo',
    actions: [
      'ram:AddUserToGroup', // undo of a membership removal
      'ram:AttachPolicyToRole', // undo
      'ram:AttachPolicyToUser', // undo
      'ram:DetachPolicyFromRole',
      'ram:DetachPolicyFromUser',
      'ram:GetPolicy', // does a policy grant vod:/mts: actions?
      'ram:ListGroupsForUser', // memberships; read back a lost answer
      'ram:ListPoliciesForGroup', // what a membership also takes
      'ram:ListPoliciesForRole', // read back a lost answer
      'ram:ListPoliciesForUser', // read back a lost answer
      'ram:RemoveUserFromGroup',
      'vod:AttachAppPolicyToIdentity', // undo
      'vod:DetachAppPolicyFromIdentity',
      'vod:ListAppInfo', // every application
      'vod:ListAppPoliciesForIdentity', // the identity's app policies in each
    ],
  },
  actionTrail: {
    purpose: 'Look Up in ActionTrail, Recent Changes…, Look Up RequestId…: who made a call, and what changed a row',
    actions: ['actiontrail:LookupEvents'],
  },
  assumeRole: {
    purpose: 'Profiles with assumeRole (or an aliyun CLI RamRoleArn profile): the key that assumes the role',
    actions: ['sts:AssumeRole'],
  },
};

/** Called, but authorized for everyone: no document needs to grant it. */
export const ACTIONS_WITHOUT_PERMISSION: readonly string[] = ['sts:GetCallerIdentity'];

/** Every action named above, once, sorted. */
export function allPermissionActions(): string[] {
  return [...new Set([...Object.values(PERMISSION_USES).flatMap((u) => u.actions), ...ACTIONS_WITHOUT_PERMISSION])].sort();
}
