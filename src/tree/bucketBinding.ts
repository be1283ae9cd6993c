// Whether a configured bucket is currently bound to MPS as its type (input or output), read from the profile's listing.

import type { MediaBucketList, MediaBucketType } from '../cloud';
import type { Listing } from '../profiles/listingCache';

export type BucketBinding = 'bound' | 'unbound' | 'unknown';

export function bucketBinding(listing: Listing<MediaBucketList> | undefined, type: MediaBucketType, bucket: string): BucketBinding {
  if (listing?.status !== 'loaded') return 'unknown';
  return listing.value.buckets.some((b) => b.bucket === bucket && b.type === type) ? 'bound' : 'unbound';
}
