// How the rest of the extension names Resources rows without knowing the tree's row ids: a bucket of a profile,
// or an identity of a profile (with the policy rows under it). The tree turns these into its own ids.

import type { MediaBucketType } from '../cloud';
import type { ProfileIdentity } from '../settings/profileConfig';

export type RowRef =
  | { readonly kind: 'bucket'; readonly profile: string; readonly type: MediaBucketType; readonly bucket: string }
  | { readonly kind: 'identity'; readonly profile: string; readonly identity: ProfileIdentity; readonly policyNames?: readonly string[] };
