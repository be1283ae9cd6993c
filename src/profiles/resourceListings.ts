// What the account currently says about the configured resources: one ListAllMediaBucket per profile and one
// ListAppPoliciesForIdentity per identity, each remembered until it is forgotten. The Resources tree renders from
// here and the pickers read from here, so a picker never sends a list call the tree already made. No VS Code.

import * as l10n from '@vscode/l10n';
import { describeError, type AppPolicyList, type MediaBucketList } from '../cloud';
import { identityKey, type ProfileIdentity } from '../settings/profileConfig';
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

  /**
   * `notSent` hears about listings refused before the core was reached (a region without the product, an invalid
   * endpoint): no CallRecord explains those, and the tree's error row says "show log".
   */
  constructor(
    private readonly sessions: SessionLookup,
    private readonly notSent: (text: string) => void = () => undefined,
  ) {}

  /** The profile's media buckets (all pages), loading them unless known or loading. Never rejects. */
  bucketsOf(profile: string): Promise<Listing<MediaBucketList>> {
    return this.buckets.load(profile, async () => this.client(profile, 'ListAllMediaBucket', (s) => s.mps()).listAllMediaBuckets());
  }

  /**
   * For a command about to act on the buckets (a picker, an undo's Referer): the known listing, except that a failed
   * one is asked again, since the failure the tree shows may be old and the command cannot go on without it.
   */
  bucketsForCommand(profile: string): Promise<Listing<MediaBucketList>> {
    if (this.buckets.peek(profile)?.status === 'failed') this.buckets.forget(profile);
    return this.bucketsOf(profile);
  }

  peekBuckets(profile: string): Listing<MediaBucketList> | undefined {
    return this.buckets.peek(profile);
  }

  /** The identity's app policies, asked of VOD by UserId (a user configured by name is resolved first). */
  policiesOf(profile: string, identity: ProfileIdentity): Promise<Listing<AppPolicyList>> {
    return this.policies.load(policiesKey(profile, identity), async () => {
      const vod = this.client(profile, 'ListAppPoliciesForIdentity', (s) => s.vod());
      const session = this.sessions.get(profile) as ProfileSession;
      let resolved;
      try {
        resolved = await session.identities.resolve(identity);
      } catch (e) {
        // GetUser's own record explains RAM's answer; this line says that VOD was not asked, and why.
        this.notSent(l10n.t('Not sent: {0} [profile {1}]: {2}', 'ListAppPoliciesForIdentity', profile, describeError(e)));
        throw e;
      }
      return vod.listAppPoliciesForIdentity(resolved);
    });
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

  private client<C>(profile: string, action: string, make: (session: ProfileSession) => C): C {
    try {
      const session = this.sessions.get(profile);
      if (!session) throw new Error(l10n.t('Profile "{0}" is no longer configured.', profile));
      return make(session);
    } catch (e) {
      this.notSent(l10n.t('Not sent: {0} [profile {1}]: {2}', action, profile, describeError(e)));
      throw e;
    }
  }
}
