// The Resources tree's elements. Plain classes without VS Code: they say WHAT a row is (a profile, a bucket of a
// profile, a policy of an identity); how a row looks is decided in resourceItems.ts from these and the live state.
// Every node has a `kind`, so code dispatches with an exhaustive switch. Instances are cached by id (nodeCache.ts)
// so VS Code can refresh one row at a time and commands receive the same objects.

import type { AppPolicy, MediaBucketType } from '../cloud';
import type { ScannedIdentity } from '../cloud/accessScan';
import { identityKey, type Profile, type ProfileIdentity } from '../settings/profileConfig';
import type { RowRef } from './rowRef';

/** Row ids: stable across refreshes, and the only place they are spelled. */
export const rowIds = {
  profile: (profile: string) => `profile/${profile}`,
  bucketGroup: (profile: string, type: MediaBucketType) => `profile/${profile}/${BUCKET_FOLDER[type]}`,
  bucket: (profile: string, type: MediaBucketType, bucket: string) => `${rowIds.bucketGroup(profile, type)}/${bucket}`,
  identityGroup: (profile: string) => `profile/${profile}/identities`,
  identity: (profile: string, identity: ProfileIdentity) => `profile/${profile}/identities/${identityKey(identity)}`,
  policy: (profile: string, identity: ProfileIdentity, policyName: string) => `${rowIds.identity(profile, identity)}/${policyName}`,
  /** Find Access to App's result group, its identities and their policies. */
  accessScan: (profile: string, appId: string) => `profile/${profile}/access/${appId}`,
  foundIdentity: (profile: string, identity: ProfileIdentity) => `${rowIds.accessScan(profile, identity.appId)}/${identityKey(identity)}`,
  foundPolicy: (profile: string, identity: ProfileIdentity, policyName: string) => `${rowIds.foundIdentity(profile, identity)}/${policyName}`,
  /** A message row under `parent`: `…/error`, `…/empty`, `…/credentials`. */
  message: (parent: string, what: string) => `${parent}/${what}`,
};

/** The id segment of each MPS bucket group (output buckets keep the one they had before input buckets came). */
const BUCKET_FOLDER: Record<MediaBucketType, string> = { Output: 'buckets', Input: 'inputBuckets' };

/** The ids of the rows a RowRef names: a bucket row, or an identity row and the policy rows named under it. */
export function rowIdsOf(ref: RowRef): string[] {
  if (ref.kind === 'bucket') return [rowIds.bucket(ref.profile, ref.type, ref.bucket)];
  const names = ref.policyNames ?? [];
  return [
    rowIds.identity(ref.profile, ref.identity),
    ...names.map((name) => rowIds.policy(ref.profile, ref.identity, name)),
    // The same identity as Find Access to App found it, if it did: its rows are busy and reload too.
    rowIds.foundIdentity(ref.profile, ref.identity),
    ...names.map((name) => rowIds.foundPolicy(ref.profile, ref.identity, name)),
  ];
}

export abstract class ResourceNode {
  abstract readonly kind: string;
  abstract readonly id: string;
}

export class ProfileNode extends ResourceNode {
  readonly kind = 'profile';
  readonly id: string;
  constructor(readonly profile: Profile) {
    super();
    this.id = rowIds.profile(profile.name);
  }
}

/** "MPS Output Buckets" or "MPS Input Buckets". */
export class BucketGroupNode extends ResourceNode {
  readonly kind = 'bucketGroup';
  readonly id: string;
  constructor(
    readonly profile: Profile,
    readonly type: MediaBucketType,
  ) {
    super();
    this.id = rowIds.bucketGroup(profile.name, type);
  }
}

/** A configured MPS bucket of one type (input or output); its binding comes from the profile's listing. */
export class BucketNode extends ResourceNode {
  readonly kind = 'bucket';
  readonly id: string;
  constructor(
    readonly profile: Profile,
    readonly type: MediaBucketType,
    readonly bucket: string,
  ) {
    super();
    this.id = rowIds.bucket(profile.name, type, bucket);
  }
}

export class IdentityGroupNode extends ResourceNode {
  readonly kind = 'identityGroup';
  readonly id: string;
  constructor(readonly profile: Profile) {
    super();
    this.id = rowIds.identityGroup(profile.name);
  }
}

export class IdentityNode extends ResourceNode {
  readonly kind = 'identity';
  readonly id: string;
  constructor(
    readonly profile: Profile,
    readonly identity: ProfileIdentity,
  ) {
    super();
    this.id = rowIds.identity(profile.name, identity);
  }
}

export class AppPolicyNode extends ResourceNode {
  readonly kind = 'appPolicy';
  readonly id: string;
  constructor(
    readonly profile: Profile,
    readonly identity: ProfileIdentity,
    readonly policy: AppPolicy,
  ) {
    super();
    this.id = rowIds.policy(profile.name, identity, policy.policyName);
  }
}

/** "Access to <app name>": what Find Access to App found in one app. */
export class AccessScanNode extends ResourceNode {
  readonly kind = 'accessScan';
  readonly id: string;
  constructor(
    readonly profile: Profile,
    readonly appId: string,
  ) {
    super();
    this.id = rowIds.accessScan(profile.name, appId);
  }
}

/**
 * An identity the scan found holding policies in the app. `identity` is what a configured identity row would hold
 * for it (a RAM user by UserId), so Detach resolves it to the same target; `found` adds the login name for people.
 */
export class FoundIdentityNode extends ResourceNode {
  readonly kind = 'foundIdentity';
  readonly id: string;
  readonly identity: ProfileIdentity;
  constructor(
    readonly profile: Profile,
    readonly found: ScannedIdentity,
  ) {
    super();
    this.identity = { identityType: found.identityType, identityName: found.identityName, appId: found.appId };
    this.id = rowIds.foundIdentity(profile.name, this.identity);
  }
}

export class FoundPolicyNode extends ResourceNode {
  readonly kind = 'foundPolicy';
  readonly id: string;
  readonly identity: ProfileIdentity;
  constructor(
    readonly profile: Profile,
    readonly found: ScannedIdentity,
    readonly policy: AppPolicy,
  ) {
    super();
    this.identity = { identityType: found.identityType, identityName: found.identityName, appId: found.appId };
    this.id = rowIds.foundPolicy(profile.name, this.identity, policy.policyName);
  }
}

/** What a message row does when clicked. */
export type MessageAction = 'showLog' | 'setCredentials' | 'openSettings' | 'addOutputBucket' | 'addInputBucket' | 'addIdentity';

/** A row that is not a resource: a load failure, a missing AccessKey, a settings problem. */
export class MessageNode extends ResourceNode {
  readonly kind = 'message';
  constructor(
    readonly id: string,
    readonly tone: 'error' | 'warning' | 'info',
    readonly label: string,
    readonly action: MessageAction,
    readonly profile?: Profile,
    readonly tooltip?: string,
    /** For failures that reached the server: offered by "Copy Request ID". */
    readonly requestId?: string,
  ) {
    super();
  }
}

export type AnyResourceNode =
  | ProfileNode
  | BucketGroupNode
  | BucketNode
  | IdentityGroupNode
  | IdentityNode
  | AppPolicyNode
  | AccessScanNode
  | FoundIdentityNode
  | FoundPolicyNode
  | MessageNode;

/** Tells a tree row (from a menu or a click) apart from a plain object handed to executeCommand. */
export function isResourceNode(value: unknown): value is AnyResourceNode {
  return value instanceof ResourceNode;
}

/** The profile a row belongs to, if any. */
export function profileOfNode(node: AnyResourceNode): Profile | undefined {
  return node.profile;
}
