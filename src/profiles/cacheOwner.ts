// The one place that knows every cache the extension keeps and which event makes each of them stale. Events come
// from the settings, the keychain, the Refresh actions and a finished mutation; callers (the Resources tree) say
// which event happened and redraw their rows, and never clear a cache themselves. No VS Code import.
//
// Cache (where it lives)                      | settings | key of P | Refresh all | Refresh P | identities | buckets | policies | scan
// ------------------------------------------- | -------- | -------- | ----------- | --------- | ---------- | ------- | -------- | ----
// bucket listings (resourceListings)          | all      | P        | all         | P         |            | P       |          |
// policy listings (resourceListings)          | all      | P's      | all         | P's       | P's        |         | one      | found
// credential check (tree/credentialCheck)     | all      | P        | all         | P         |            |         |          |
// tree rows (tree/nodeCache)                  | all      |          | all         |           |            |         |          |
// account shown on the row (callerShown)      | all      | P        | all         | P         |            |         |          |
// sessions and their clients (profileSessions)| all      | P        | all         |           |            |         |          |
//   caller accounts (callerAccount)           | all      | P        | all         | P         |            |         |          |
//     app administrators (appAdministrators)  | as the caller account it was decided from (keyed by that answer)
//   GetUser answers (identityResolver)        | all      | P        | all         | P         | P          |         |          |
//   RAM user directory (userDirectory)        | all      | P        | all         | P         | P          |         |          |
// pop-core clients (cloudClients)             | all      | all      |             |           |            |         |          |
// aliyun CLI providers (cliSource)            | unread¹  |          |             |           |            |         |          |
// Find Access scans (accessScans)             | removed² |          | stale³      | P stale³  |            |         | one³     | stale³
//
// "P's" are the identities configured in profile P; "found" the identities a scan found; "one" the identity of the
// row or the mutation. ¹ CLI providers of profiles removed or now reading another CLI profile (they hold temporary
// keys); all of them go on deactivate. ² Scans of profiles removed from the settings. ³ Found identities' policies
// are read again when next shown (the scan itself is not run again).
// Besides these events, a command that needs the bucket listing asks again one that failed
// (ResourceListings.bucketsForCommand): the listing's own retry, not a change in what is known.
// The sessions' caches go with the session where the session is dropped; pop-core clients are shared by every
// profile and keyed by the key they sign with, so a changed key or setting drops them all.

import type { CallerIdentity } from '../cloud';
import type { Profile, ProfileIdentity } from '../settings/profileConfig';
import type { AccessScans } from './accessScans';
import type { Listing } from './listingCache';
import type { ProfileSessions } from './profileSessions';
import type { ResourceListings } from './resourceListings';

/** The caches the Resources tree renders from; the tree reads them, the owner clears them. */
export interface TreeCaches {
  readonly credentials: { forget(profile: string): void; forgetAll(): void };
  readonly nodes: { clear(): void };
  /** The account each profile row shows, once STS has answered for its current key. */
  readonly callerShown: Map<string, Listing<CallerIdentity>>;
}

/** Caches inside modules loaded on first use: forgetting must not load them. */
export interface LazyModuleCaches {
  forgetCachedClients(): void;
  retainCliProviders(profiles: readonly Profile[]): void;
}

export interface CacheOwnerParts {
  readonly settings: { profiles(): readonly Profile[]; find(name: string): Profile | undefined };
  readonly listings: Pick<ResourceListings, 'forgetBuckets' | 'forgetPolicies' | 'forgetAll'>;
  readonly sessions: Pick<ProfileSessions, 'peek' | 'forget' | 'clear'>;
  readonly scans: Pick<AccessScans, 'retainProfiles' | 'markStale' | 'of' | 'get'>;
  readonly tree: TreeCaches;
  readonly lazy: LazyModuleCaches;
}

export class CacheOwner {
  constructor(private readonly parts: CacheOwnerParts) {}

  /** The profiles setting changed: every profile object is new, so everything read for the old ones goes. */
  settingsChanged(): void {
    const { scans, settings, lazy } = this.parts;
    scans.retainProfiles(settings.profiles().map((p) => p.name));
    this.forgetEverythingRead();
    lazy.forgetCachedClients();
    lazy.retainCliProviders(settings.profiles());
  }

  /** A profile's AccessKey was stored or deleted (maybe by another window): nothing may keep the old secret. */
  keyChanged(profile: string): void {
    this.forgetProfileReadings(profile);
    this.parts.sessions.forget(profile);
    this.parts.lazy.forgetCachedClients();
  }

  /** Refresh of the whole view: everything is read again, and found identities' policies when next shown. */
  refreshEverything(): void {
    this.forgetEverythingRead();
    for (const profile of this.parts.settings.profiles()) this.staleScans(profile.name);
  }

  /** Refresh of a profile row: what RAM, STS, MPS and VOD said for it, and its scans' found policies. */
  refreshProfile(profile: string): void {
    this.forgetProfileReadings(profile);
    this.staleScans(profile);
  }

  /**
   * Refresh of the Identities group: names are resolved to UserIds again, UserIds named again (a user renamed in
   * RAM kept its old name here before), and the identities' policies read again.
   */
  refreshIdentities(profile: string, identities: readonly ProfileIdentity[]): void {
    const session = this.parts.sessions.peek(profile);
    session?.identities.forget();
    session?.users.forget();
    this.parts.listings.forgetPolicies(profile, identities);
  }

  /** Refresh of a bucket group or row, or a mutation of a bucket: one listing answers both bucket groups. */
  refreshBuckets(profile: string): void {
    this.parts.listings.forgetBuckets(profile);
  }

  /**
   * Refresh of an identity or policy row, or a mutation of its policies. True when a scan had found the identity
   * too (its rows there are read again as well).
   */
  refreshPolicies(profile: string, identity: ProfileIdentity): boolean {
    this.parts.listings.forgetPolicies(profile, [identity]);
    return this.parts.scans.markStale(profile, identity);
  }

  /** Refresh of a scan group: what the scan found is read again (each identity once); the account is not rescanned. */
  refreshScan(profile: string, appId: string): void {
    for (const found of this.parts.scans.get(profile, appId)?.found.values() ?? []) this.refreshPolicies(profile, found.identity);
  }

  private forgetEverythingRead(): void {
    const { listings, tree, sessions } = this.parts;
    listings.forgetAll();
    tree.credentials.forgetAll();
    tree.nodes.clear();
    sessions.clear();
    tree.callerShown.clear();
  }

  private forgetProfileReadings(profile: string): void {
    const { listings, tree, sessions, settings } = this.parts;
    sessions.peek(profile)?.forgetDirectory();
    tree.callerShown.delete(profile);
    listings.forgetBuckets(profile);
    listings.forgetPolicies(profile, settings.find(profile)?.identities ?? []);
    tree.credentials.forget(profile);
  }

  private staleScans(profile: string): void {
    for (const scan of this.parts.scans.of(profile)) this.refreshScan(profile, scan.appId);
  }
}
