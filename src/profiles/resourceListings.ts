// What the account currently says about the configured resources: one ListAllMediaBucket per profile and one
// ListAppPoliciesForIdentity per identity, each remembered until it is forgotten. The Resources tree renders from
// here and the pickers read from here, so a picker never sends a list call the tree already made. No VS Code.

import type { AppPolicyList, MediaBucketList } from '../cloud';
import { identityKey, type ProfileIdentity } from '../settings/profiles';
import { ListingCache, type Listing } from './listingCache';
import type { ProfileSession } from './profileSessions';

export interface SessionLookup {
  get(profile: string): ProfileSession | undefined;
}

function policiesKey(profile: string, identity: ProfileIdentity): string {
  return `${profile}|${identityKey(identity)}`;
}

export class ResourceListings {
  private readonly buckets = new ListingCache<MediaBucketList>();
  private readonly policies = new ListingCache<AppPolicyList>();

  constructor(private readonly sessions: SessionLookup) {}

  /** The profile's media buckets (all pages), loading them unless known or loading. Never rejects. */
  bucketsOf(profile: string): Promise<Listing<MediaBucketList>> {
    return this.buckets.load(profile, async () => this.session(profile).mps().listAllMediaBuckets());
  }

  peekBuckets(profile: string): Listing<MediaBucketList> | undefined {
    return this.buckets.peek(profile);
  }

  policiesOf(profile: string, identity: ProfileIdentity): Promise<Listing<AppPolicyList>> {
    return this.policies.load(policiesKey(profile, identity), async () => this.session(profile).vod().listAppPoliciesForIdentity(identity));
  }

  peekPolicies(profile: string, identity: ProfileIdentity): Listing<AppPolicyList> | undefined {
    return this.policies.peek(policiesKey(profile, identity));
  }

  forgetBuckets(profile: string): void {
    this.buckets.forget(profile);
  }

  forgetPolicies(profile: string, identities: readonly ProfileIdentity[]): void {
    for (const identity of identities) this.policies.forget(policiesKey(profile, identity));
  }

  forgetAll(): void {
    this.buckets.forgetAll();
    this.policies.forgetAll();
  }

  private session(profile: string): ProfileSession {
    const session = this.sessions.get(profile);
    if (!session) throw new Error(`Profile "${profile}" is no longer configured.`);
    return session;
  }
}
