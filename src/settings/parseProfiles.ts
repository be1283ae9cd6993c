// The `alicloudMedia.profiles` setting, parsed and checked without VS Code so the rules are unit-tested: the
// whole list (parseProfiles) and the checks Add Profile and the CLI import reuse for single fields. What a parsed
// profile is lives in profileConfig.ts.
//
// A profile that cannot be used safely (no name, an unknown region, an endpoint override that is not a valid
// https URL) is dropped whole rather than "repaired": silently falling back to Alibaba's public endpoint when the
// user meant an emulator would send requests signed with their keys somewhere they did not intend.

import * as l10n from '@vscode/l10n';
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
import type { Site } from '../cloud/sites';
import { CREDENTIAL_SOURCE_STRATEGIES, isCredentialSource, quotedSources } from '../credentials/sources';
import { identityKey, type AssumeRoleSetting, type Profile, type ProfileIdentity } from './profileConfig';

/** The products a profile's `endpoints` may override, in the order the setting documents them. */
export const ENDPOINT_PRODUCTS: readonly Product[] = ['mps', 'vod', 'ram', 'sts', 'actiontrail'];

export interface ParsedProfiles {
  readonly profiles: Profile[];
  /** One sentence per thing that was ignored, for the log and the tree's warning row. */
  readonly problems: string[];
}

/** Union of the MPS and VOD regions, in a stable order: the setting's enum. */
export const PROFILE_REGIONS: readonly string[] = [...new Set<string>([...MPS_REGIONS, ...VOD_REGIONS])];

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

export function validateProfileName(name: unknown, existing: readonly string[] = []): string | undefined {
  if (typeof name !== 'string' || name.trim() === '') return l10n.t('Profile name is required.');
  if (!PROFILE_NAME.test(name) || name !== name.trim()) {
    return l10n.t('Profile name "{0}" must be 1 to 64 letters, digits, spaces, ".", "_" or "-", starting with a letter or digit.', name);
  }
  if (existing.includes(name)) return l10n.t('A profile named "{0}" already exists.', name);
  return undefined;
}

export function validateProfileRegion(region: unknown): string | undefined {
  if (typeof region !== 'string' || region === '') return l10n.t('Region is required.');
  if (!PROFILE_REGIONS.includes(region)) return l10n.t('Region "{0}" is neither an MPS nor a VOD region.', region);
  return undefined;
}

export function parseProfiles(raw: unknown): ParsedProfiles {
  const problems: string[] = [];
  const profiles: Profile[] = [];
  if (raw === undefined || raw === null) return { profiles, problems };
  if (!Array.isArray(raw)) {
    return { profiles, problems: [l10n.t('alicloudMedia.profiles must be an array of profiles; it was ignored.')] };
  }
  raw.forEach((item, index) => {
    const profile = parseProfile(item, index, problems);
    if (!profile) return;
    if (profiles.some((p) => p.name === profile.name)) {
      problems.push(l10n.t('Profile "{0}" is defined twice; only the first one is used.', profile.name));
      return;
    }
    profiles.push(profile);
  });
  return { profiles, problems };
}

function parseProfile(item: unknown, index: number, problems: string[]): Profile | undefined {
  const number = index + 1;
  if (!isPlainObject(item)) {
    problems.push(l10n.t('Profile #{0} is not an object; it was ignored.', number));
    return undefined;
  }
  const nameProblem = validateProfileName(item.name);
  if (nameProblem) {
    problems.push(l10n.t('Profile #{0}: {1} The profile was ignored.', number, nameProblem));
    return undefined;
  }
  const name = item.name as string;
  /** A problem that drops the whole profile: `problem` is a sentence. */
  const ignored = (problem: string) => problems.push(l10n.t('Profile "{0}": {1} The profile was ignored.', name, problem));
  const regionProblem = validateProfileRegion(item.region);
  if (regionProblem) {
    ignored(regionProblem);
    return undefined;
  }
  const region = item.region as string;
  // The wrong site only opens the wrong pages, but quietly opening the China console for an international account
  // reads as "the extension is broken": a typo is named and the profile dropped, like every other bad field.
  // Spelled out rather than asked of cloud/sites.ts: this file is in the activation bundle, the sites' hosts are not.
  // Left out or "" is the default (china), as "" is for cliProfile and the endpoints.
  const site = item.site as Site | undefined;
  if (site && site !== 'china' && site !== 'international') {
    ignored(l10n.t('site must be "china" or "international".'));
    return undefined;
  }

  const source = item.credentialSource ?? 'keychain';
  if (!isCredentialSource(source)) {
    problems.push(l10n.t('Profile "{0}": credentialSource must be one of {1}; the profile was ignored.', name, quotedSources()));
    return undefined;
  }
  // Signing with another key than the one meant (a cliProfile typo, a role left out) is worse than not signing.
  let cliProfile: string | undefined;
  if (item.cliProfile !== undefined && item.cliProfile !== '') {
    const problem = CREDENTIAL_SOURCE_STRATEGIES[source].readsCliProfile
      ? validateCliProfileName(item.cliProfile)
      : l10n.t('cliProfile is only read with credentialSource {0}.', quotedSources((s) => s.readsCliProfile));
    if (problem) {
      ignored(problem);
      return undefined;
    }
    cliProfile = item.cliProfile as string;
  }
  let assumeRole: AssumeRoleSetting | undefined;
  if (item.assumeRole !== undefined) {
    const parsed = parseAssumeRole(item.assumeRole, name);
    if (typeof parsed === 'string') {
      problems.push(l10n.t('Profile "{0}": assumeRole: {1} The profile was ignored.', name, parsed));
      return undefined;
    }
    assumeRole = parsed;
  }

  const endpoints: { [P in Product]?: string } = {};
  if (item.endpoints !== undefined) {
    if (!isPlainObject(item.endpoints)) {
      problems.push(l10n.t('Profile "{0}": endpoints must be an object with "mps", "vod", "ram", "sts" and/or "actiontrail"; the profile was ignored.', name));
      return undefined;
    }
    for (const product of ENDPOINT_PRODUCTS) {
      const value = item.endpoints[product];
      if (value === undefined || value === '') continue;
      const problem = validateEndpoint(value);
      if (problem) {
        problems.push(l10n.t('Profile "{0}": endpoints.{1}: {2} The profile was ignored.', name, product, problem));
        return undefined;
      }
      endpoints[product] = value as string;
    }
  }

  return {
    name,
    region,
    ...(site && { site }),
    credentialSource: source,
    ...(cliProfile !== undefined ? { cliProfile } : {}),
    ...(assumeRole ? { assumeRole } : {}),
    endpoints,
    outputBuckets: parseBuckets(item.outputBuckets, 'outputBuckets', name, problems),
    inputBuckets: parseBuckets(item.inputBuckets, 'inputBuckets', name, problems),
    identities: parseIdentities(item.identities, name, problems),
  };
}

const CLI_PROFILE_NAME = /^[A-Za-z0-9._@-]{1,64}$/;

/** The CLI accepts almost any name; one word is what fits a log line and a `--profile` argument unquoted. */
export function validateCliProfileName(name: unknown): string | undefined {
  if (typeof name !== 'string' || !CLI_PROFILE_NAME.test(name)) {
    return l10n.t('cliProfile must be the name of an aliyun CLI profile: 1 to 64 letters, digits, ".", "_", "@" or "-".');
  }
  return undefined;
}

// STS's own rules for AssumeRole (RoleSessionName 2–64 of these, DurationSeconds 900 up to the role's maximum,
// at most 43200; ExternalId 2–1224 characters).
const ROLE_ARN = /^acs:ram::\d{1,64}:role\/[A-Za-z0-9._@/-]{1,128}$/;
const SESSION_NAME = /^[A-Za-z0-9._@-]{2,64}$/;
const EXTERNAL_ID = /^[A-Za-z0-9=,.@:/_-]{2,1224}$/;
export const DEFAULT_ROLE_DURATION_SECONDS = 3600;
export const MIN_ROLE_DURATION_SECONDS = 900;
export const MAX_ROLE_DURATION_SECONDS = 43200;

/** `vscode-<profile>`, with what STS refuses in a session name replaced, so audits can tell our sessions apart. */
export function defaultSessionName(profileName: string): string {
  return `vscode-${profileName}`.replace(/[^A-Za-z0-9._@-]/g, '-').slice(0, 64);
}

/** The setting as a role to assume, or a sentence saying what is wrong with it. */
export function parseAssumeRole(raw: unknown, profileName: string): AssumeRoleSetting | string {
  if (!isPlainObject(raw)) return l10n.t('must be an object with "roleArn" (and optionally "sessionName", "durationSeconds", "externalId").');
  const known = ['roleArn', 'sessionName', 'durationSeconds', 'externalId'];
  const unknown = Object.keys(raw).filter((k) => !known.includes(k));
  if (unknown.length === 1) return l10n.t('unknown field "{0}".', unknown[0]);
  if (unknown.length) return l10n.t('unknown fields {0}.', unknown.map((k) => `"${k}"`).join(', '));
  if (typeof raw.roleArn !== 'string' || !ROLE_ARN.test(raw.roleArn)) {
    return l10n.t('roleArn must look like acs:ram::<AccountId>:role/<role name>.');
  }
  const sessionName = raw.sessionName === undefined || raw.sessionName === '' ? defaultSessionName(profileName) : raw.sessionName;
  if (typeof sessionName !== 'string' || !SESSION_NAME.test(sessionName)) {
    return l10n.t('sessionName must be 2 to 64 letters, digits, ".", "_", "@" or "-".');
  }
  const durationSeconds = raw.durationSeconds ?? DEFAULT_ROLE_DURATION_SECONDS;
  if (
    typeof durationSeconds !== 'number' ||
    !Number.isInteger(durationSeconds) ||
    durationSeconds < MIN_ROLE_DURATION_SECONDS ||
    durationSeconds > MAX_ROLE_DURATION_SECONDS
  ) {
    return l10n.t('durationSeconds must be a whole number from {0} to {1}.', MIN_ROLE_DURATION_SECONDS, MAX_ROLE_DURATION_SECONDS);
  }
  if (raw.externalId !== undefined && (typeof raw.externalId !== 'string' || !EXTERNAL_ID.test(raw.externalId))) {
    return l10n.t('externalId must be 2 to 1224 letters, digits or "=,.@:/_-".');
  }
  return {
    roleArn: raw.roleArn,
    sessionName,
    durationSeconds,
    ...(typeof raw.externalId === 'string' ? { externalId: raw.externalId } : {}),
  };
}

function parseBuckets(raw: unknown, key: string, name: string, problems: string[]): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push(l10n.t('Profile "{0}": {1} must be a list of bucket names; it was ignored.', name, key));
    return [];
  }
  const buckets: string[] = [];
  for (const bucket of raw) {
    const problem = validateBucketName(bucket);
    if (problem) {
      problems.push(l10n.t('Profile "{0}": {1} The bucket was ignored.', name, problem));
    } else if (buckets.includes(bucket as string)) {
      problems.push(l10n.t('Profile "{0}": bucket "{1}" is listed twice.', name, bucket as string));
    } else {
      buckets.push(bucket as string);
    }
  }
  return buckets;
}

function parseIdentities(raw: unknown, name: string, problems: string[]): ProfileIdentity[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push(l10n.t('Profile "{0}": identities must be a list; it was ignored.', name));
    return [];
  }
  const identities: ProfileIdentity[] = [];
  for (const item of raw) {
    if (!isPlainObject(item)) {
      problems.push(l10n.t('Profile "{0}": an identity is not an object; it was ignored.', name));
      continue;
    }
    const appId = item.appId === undefined || item.appId === '' ? DEFAULT_APP_ID : item.appId;
    const problem =
      validateIdentityType(item.identityType) ??
      validateIdentityName(item.identityType as IdentityType, item.identityName) ??
      validateAppId(appId);
    if (problem) {
      problems.push(l10n.t('Profile "{0}": {1} The identity was ignored.', name, problem));
      continue;
    }
    const identity: ProfileIdentity = {
      identityType: item.identityType as IdentityType,
      identityName: item.identityName as string,
      appId: appId as string,
    };
    if (identities.some((i) => identityKey(i) === identityKey(identity))) {
      problems.push(l10n.t('Profile "{0}": identity {1} ({2}) is listed twice.', name, `${identity.identityType}:${identity.identityName}`, identity.appId));
      continue;
    }
    identities.push(identity);
  }
  return identities;
}

