// The `alicloudMedia.profiles` setting, parsed and checked without VS Code so the rules are unit-tested.
//
// A profile that cannot be used safely (no name, an unknown region, an endpoint override that is not a valid
// https URL) is dropped whole rather than "repaired": silently falling back to Alibaba's public endpoint when the
// user meant an emulator would send requests signed with their keys somewhere they did not intend.

import {
  DEFAULT_APP_ID,
  MPS_REGIONS,
  isPlainObject,
  VOD_REGIONS,
  validateAppId,
  validateBucketName,
  validateEndpoint,
  validateIdentityName,
  validateIdentityType,
  type IdentityType,
  type Product,
} from '../cloud';

export type CredentialSource = 'keychain' | 'environment';

export interface ProfileIdentity {
  readonly identityType: IdentityType;
  readonly identityName: string;
  /** Always filled in: the default application when the setting leaves it out. */
  readonly appId: string;
}

export type ProfileEndpoints = { readonly [P in Product]?: string };

/** The products a profile's `endpoints` may override, in the order the setting documents them. */
export const ENDPOINT_PRODUCTS: readonly Product[] = ['mps', 'vod', 'ram', 'sts'];

export interface Profile {
  readonly name: string;
  readonly region: string;
  readonly credentialSource: CredentialSource;
  /** Overrides per product; RAM resolves user names to UserIds, STS names the account. */
  readonly endpoints: ProfileEndpoints;
  readonly outputBuckets: readonly string[];
  readonly identities: readonly ProfileIdentity[];
}

export interface ParsedProfiles {
  readonly profiles: Profile[];
  /** One sentence per thing that was ignored, for the log and the tree's warning row. */
  readonly problems: string[];
}

/** Union of the MPS and VOD regions, in a stable order: the setting's enum. */
export const PROFILE_REGIONS: readonly string[] = [...new Set<string>([...MPS_REGIONS, ...VOD_REGIONS])];

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

export function validateProfileName(name: unknown, existing: readonly string[] = []): string | undefined {
  if (typeof name !== 'string' || name.trim() === '') return 'Profile name is required.';
  if (!PROFILE_NAME.test(name) || name !== name.trim()) {
    return `Profile name "${name}" must be 1 to 64 letters, digits, spaces, ".", "_" or "-", starting with a letter or digit.`;
  }
  if (existing.includes(name)) return `A profile named "${name}" already exists.`;
  return undefined;
}

export function validateProfileRegion(region: unknown): string | undefined {
  if (typeof region !== 'string' || region === '') return 'Region is required.';
  if (!PROFILE_REGIONS.includes(region)) return `Region "${region}" is neither an MPS nor a VOD region.`;
  return undefined;
}

export function identityKey(identity: Pick<ProfileIdentity, 'identityType' | 'identityName' | 'appId'>): string {
  return `${identity.identityType}:${identity.identityName}@${identity.appId}`;
}

export function parseProfiles(raw: unknown): ParsedProfiles {
  const problems: string[] = [];
  const profiles: Profile[] = [];
  if (raw === undefined || raw === null) return { profiles, problems };
  if (!Array.isArray(raw)) {
    return { profiles, problems: ['alicloudMedia.profiles must be an array of profiles; it was ignored.'] };
  }
  raw.forEach((item, index) => {
    const profile = parseProfile(item, index, problems);
    if (!profile) return;
    if (profiles.some((p) => p.name === profile.name)) {
      problems.push(`Profile "${profile.name}" is defined twice; only the first one is used.`);
      return;
    }
    profiles.push(profile);
  });
  return { profiles, problems };
}

function parseProfile(item: unknown, index: number, problems: string[]): Profile | undefined {
  const where = `Profile #${index + 1}`;
  if (!isPlainObject(item)) {
    problems.push(`${where} is not an object; it was ignored.`);
    return undefined;
  }
  const nameProblem = validateProfileName(item.name);
  if (nameProblem) {
    problems.push(`${where}: ${nameProblem} The profile was ignored.`);
    return undefined;
  }
  const name = item.name as string;
  const label = `Profile "${name}"`;
  const regionProblem = validateProfileRegion(item.region);
  if (regionProblem) {
    problems.push(`${label}: ${regionProblem} The profile was ignored.`);
    return undefined;
  }
  const region = item.region as string;

  const source = item.credentialSource ?? 'keychain';
  if (source !== 'keychain' && source !== 'environment') {
    problems.push(`${label}: credentialSource must be "keychain" or "environment"; the profile was ignored.`);
    return undefined;
  }

  const endpoints: { [P in Product]?: string } = {};
  if (item.endpoints !== undefined) {
    if (!isPlainObject(item.endpoints)) {
      problems.push(`${label}: endpoints must be an object with "mps", "vod", "ram" and/or "sts"; the profile was ignored.`);
      return undefined;
    }
    for (const product of ENDPOINT_PRODUCTS) {
      const value = item.endpoints[product];
      if (value === undefined || value === '') continue;
      const problem = validateEndpoint(value);
      if (problem) {
        problems.push(`${label}: endpoints.${product}: ${problem} The profile was ignored.`);
        return undefined;
      }
      endpoints[product] = value as string;
    }
  }

  return {
    name,
    region,
    credentialSource: source,
    endpoints,
    outputBuckets: parseBuckets(item.outputBuckets, label, problems),
    identities: parseIdentities(item.identities, label, problems),
  };
}

function parseBuckets(raw: unknown, label: string, problems: string[]): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push(`${label}: outputBuckets must be a list of bucket names; it was ignored.`);
    return [];
  }
  const buckets: string[] = [];
  for (const bucket of raw) {
    const problem = validateBucketName(bucket);
    if (problem) {
      problems.push(`${label}: ${problem} The bucket was ignored.`);
    } else if (buckets.includes(bucket as string)) {
      problems.push(`${label}: bucket "${bucket}" is listed twice.`);
    } else {
      buckets.push(bucket as string);
    }
  }
  return buckets;
}

function parseIdentities(raw: unknown, label: string, problems: string[]): ProfileIdentity[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push(`${label}: identities must be a list; it was ignored.`);
    return [];
  }
  const identities: ProfileIdentity[] = [];
  for (const item of raw) {
    if (!isPlainObject(item)) {
      problems.push(`${label}: an identity is not an object; it was ignored.`);
      continue;
    }
    const appId = item.appId === undefined || item.appId === '' ? DEFAULT_APP_ID : item.appId;
    const problem =
      validateIdentityType(item.identityType) ??
      validateIdentityName(item.identityType as IdentityType, item.identityName) ??
      validateAppId(appId);
    if (problem) {
      problems.push(`${label}: ${problem} The identity was ignored.`);
      continue;
    }
    const identity: ProfileIdentity = {
      identityType: item.identityType as IdentityType,
      identityName: item.identityName as string,
      appId: appId as string,
    };
    if (identities.some((i) => identityKey(i) === identityKey(identity))) {
      problems.push(`${label}: identity ${identity.identityType}:${identity.identityName} (${identity.appId}) is listed twice.`);
      continue;
    }
    identities.push(identity);
  }
  return identities;
}

