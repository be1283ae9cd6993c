// Edits to the raw `alicloudMedia.profiles` value, as pure functions. They work on the user's JSON as written
// (not on parsed profiles) so that fields we do not know, comments' neighbours and key order survive a round trip.

import * as l10n from '@vscode/l10n';
import { DEFAULT_APP_ID, isPlainObject, type IdentityType, type MediaBucketType } from '../cloud';
import { DEFAULT_SITE, type Site } from '../cloud/sites';
import { BUCKET_SETTING, type CredentialSource } from './profileConfig';

export interface NewProfile {
  readonly name: string;
  readonly region: string;
  /** Written only when not the default (`china`), so a China profile reads as it always did. */
  readonly site?: Site;
  readonly credentialSource?: CredentialSource;
  /** With credentialSource aliyun-cli: which CLI profile (a reference, never its keys). */
  readonly cliProfile?: string;
  readonly endpoints?: { readonly mps?: string; readonly vod?: string };
}

export interface IdentityEntry {
  readonly identityType: IdentityType;
  readonly identityName: string;
  readonly appId?: string;
}

type RawProfiles = readonly unknown[];

function asList(raw: unknown): unknown[] {
  return Array.isArray(raw) ? [...raw] : [];
}

function indexOfProfile(list: RawProfiles, name: string): number {
  return list.findIndex((p) => isPlainObject(p) && p.name === name);
}

/** Applies `change` to a copy of the named profile; throws when the profile is not in the user's settings. */
function withProfile(raw: unknown, name: string, change: (profile: Record<string, unknown>) => void): unknown[] {
  const list = asList(raw);
  const index = indexOfProfile(list, name);
  if (index < 0) throw new Error(l10n.t('Profile "{0}" is not in your user settings.', name));
  const copy = { ...(list[index] as Record<string, unknown>) };
  change(copy);
  list[index] = copy;
  return list;
}

export function addProfile(raw: unknown, profile: NewProfile): unknown[] {
  const list = asList(raw);
  if (indexOfProfile(list, profile.name) >= 0) throw new Error(l10n.t('A profile named "{0}" already exists.', profile.name));
  const endpoints = Object.fromEntries(Object.entries(profile.endpoints ?? {}).filter(([, v]) => v));
  list.push({
    name: profile.name,
    region: profile.region,
    ...(profile.site && profile.site !== DEFAULT_SITE ? { site: profile.site } : {}),
    credentialSource: profile.credentialSource ?? 'keychain',
    ...(profile.cliProfile ? { cliProfile: profile.cliProfile } : {}),
    ...(Object.keys(endpoints).length ? { endpoints } : {}),
    outputBuckets: [],
    identities: [],
  });
  return list;
}

export function removeProfile(raw: unknown, name: string): unknown[] {
  return asList(raw).filter((p) => !(isPlainObject(p) && p.name === name));
}

export function addBucket(raw: unknown, profileName: string, type: MediaBucketType, bucket: string): unknown[] {
  const key = BUCKET_SETTING[type];
  return withProfile(raw, profileName, (profile) => {
    const buckets = asList(profile[key]);
    if (buckets.includes(bucket)) throw new Error(l10n.t('Bucket "{0}" is already in profile "{1}".', bucket, profileName));
    profile[key] = [...buckets, bucket];
  });
}

/** Several buckets in one write (Add … Buckets from Account…); names already in the profile are left alone. */
export function addBuckets(raw: unknown, profileName: string, type: MediaBucketType, buckets: readonly string[]): unknown[] {
  const key = BUCKET_SETTING[type];
  return withProfile(raw, profileName, (profile) => {
    const current = asList(profile[key]);
    profile[key] = [...current, ...[...new Set(buckets)].filter((b) => !current.includes(b))];
  });
}

export function removeBuckets(raw: unknown, profileName: string, type: MediaBucketType, buckets: readonly string[]): unknown[] {
  const key = BUCKET_SETTING[type];
  return withProfile(raw, profileName, (profile) => {
    profile[key] = asList(profile[key]).filter((b) => !buckets.includes(b as string));
  });
}

function sameIdentity(item: unknown, identity: IdentityEntry): boolean {
  if (!isPlainObject(item)) return false;
  const appId = (item.appId as string | undefined) || DEFAULT_APP_ID;
  return (
    item.identityType === identity.identityType &&
    item.identityName === identity.identityName &&
    appId === (identity.appId || DEFAULT_APP_ID)
  );
}

export function addIdentity(raw: unknown, profileName: string, identity: IdentityEntry): unknown[] {
  return withProfile(raw, profileName, (profile) => {
    const identities = asList(profile.identities);
    if (identities.some((i) => sameIdentity(i, identity))) {
      throw new Error(l10n.t('{0} "{1}" is already in profile "{2}".', identity.identityType, identity.identityName, profileName));
    }
    const entry: Record<string, string> = { identityType: identity.identityType, identityName: identity.identityName };
    if (identity.appId && identity.appId !== DEFAULT_APP_ID) entry.appId = identity.appId;
    profile.identities = [...identities, entry];
  });
}

export function removeIdentities(raw: unknown, profileName: string, identities: readonly IdentityEntry[]): unknown[] {
  return withProfile(raw, profileName, (profile) => {
    profile.identities = asList(profile.identities).filter((i) => !identities.some((id) => sameIdentity(i, id)));
  });
}

/**
 * Writes UserIds in place of the login names of a profile's RamUser identities (`userIds`: name → UserId). The
 * entry keeps its other fields and its position; an entry that would then repeat one already there is dropped, so
 * the profile lists each identity once.
 */
export function useRamUserIds(raw: unknown, profileName: string, userIds: ReadonlyMap<string, string>): unknown[] {
  return withProfile(raw, profileName, (profile) => {
    const out: unknown[] = [];
    for (const item of asList(profile.identities)) {
      const userId = isPlainObject(item) && item.identityType === 'RamUser' && typeof item.identityName === 'string' ? userIds.get(item.identityName) : undefined;
      const next = userId !== undefined ? { ...(item as Record<string, unknown>), identityName: userId } : item;
      if (isPlainObject(next) && out.some((o) => sameIdentity(o, next as unknown as IdentityEntry))) continue;
      out.push(next);
    }
    profile.identities = out;
  });
}
