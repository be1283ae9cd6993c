// What RAM says about policies and groups, as the core keeps it: the answers of the nine RAM policy reads, parsed.
// The reader (ramPolicy.ts) and the picture (ramGrants.ts) build on these. No VS Code import.

export type RamPolicyType = 'System' | 'Custom';
export type RamPrincipalKind = 'User' | 'Role' | 'Group';

/** A policy as RAM's writes name it. */
export interface RamPolicyRef { readonly policyType: RamPolicyType; readonly policyName: string }

/** A policy attached to a user, role or group (ListPoliciesFor*). */
export interface RamAttachedPolicy {
  readonly policyName: string;
  /** Unknown: RAM answered a type it does not document; such a policy is shown as one that cannot be evaluated. */
  readonly policyType: RamPolicyType | 'Unknown';
  readonly defaultVersion?: string;
}

export interface RamAttachedPolicyList { readonly requestId: string; readonly policies: readonly RamAttachedPolicy[] }
export interface RamGroupList { readonly requestId: string; readonly groups: readonly string[] }
export interface RamGroupMembers { readonly requestId: string; readonly userNames: readonly string[] }
export interface RamPolicyCatalogue { readonly requestId: string; readonly policies: readonly RamAttachedPolicy[] }

/** GetPolicy: the default version's document, as RAM sent it (a JSON string, normally). */
export interface RamPolicyDocument {
  readonly requestId: string;
  readonly policyName: string;
  readonly policyType: RamPolicyType;
  readonly versionId?: string;
  readonly document: unknown;
}

/** ListEntitiesForPolicy: who holds a policy directly (users with UserId when RAM gives it), groups and roles. */
export interface RamPolicyEntities {
  readonly requestId: string;
  readonly users: readonly { readonly userName: string; readonly userId?: string }[];
  readonly groups: readonly string[];
  readonly roles: readonly string[];
}
