// A profile as the `alicloudMedia.profiles` setting declares it, once parsed (parseProfiles.ts): the type every
// layer passes around, and the few facts read straight off it. Types and pure helpers only, no VS Code import, so
// the credential sources can name a Profile without depending on the parser that consults them.

import type { IdentityType, MediaBucketType, Product } from '../cloud';
import type { Site } from '../cloud/sites';
import type { CredentialSource } from '../credentials/sources/sourceIds';

export type { CredentialSource } from '../credentials/sources/sourceIds';

/** A role the profile's own credentials assume through STS AssumeRole before any MPS/VOD call. */
export interface AssumeRoleSetting {
  readonly roleArn: string;
  /** Always filled in: `vscode-<profile>` (characters STS refuses replaced by "-") when the setting leaves it out. */
  readonly sessionName: string;
  /** Always filled in: 3600 when the setting leaves it out. */
  readonly durationSeconds: number;
  readonly externalId?: string;
}

export interface ProfileIdentity {
  readonly identityType: IdentityType;
  readonly identityName: string;
  /** Always filled in: the default application when the setting leaves it out. */
  readonly appId: string;
}

export type ProfileEndpoints = { readonly [P in Product]?: string };

export interface Profile {
  readonly name: string;
  readonly region: string;
  /** The site whose consoles and pages it opens (not its endpoints): read it with siteOf(). */
  readonly site?: Site;
  readonly credentialSource: CredentialSource;
  /**
   * For `aliyun-cli`: the profile in ~/.aliyun/config.json. Undefined means what the CLI itself would pick
   * (ALIBABA_CLOUD_PROFILE, then the file's `current`), decided at call time.
   */
  readonly cliProfile?: string;
  /** Present when the profile's credentials assume a RAM role before signing anything else. */
  readonly assumeRole?: AssumeRoleSetting;
  /** Overrides per product; RAM resolves user names to UserIds, STS names the account. */
  readonly endpoints: ProfileEndpoints;
  readonly outputBuckets: readonly string[];
  /** MPS input buckets (ListAllMediaBucket Type Input), shown and unbound like the output buckets. */
  readonly inputBuckets: readonly string[];
  readonly identities: readonly ProfileIdentity[];
}

/** The settings key that lists a profile's buckets of each MPS type. */
export const BUCKET_SETTING = { Output: 'outputBuckets', Input: 'inputBuckets' } as const satisfies Record<MediaBucketType, keyof Profile>;

/** The profile's configured buckets of one MPS type. */
export function bucketsOf(profile: Profile, type: MediaBucketType): readonly string[] {
  return profile[BUCKET_SETTING[type]];
}

export function identityKey(identity: Pick<ProfileIdentity, 'identityType' | 'identityName' | 'appId'>): string {
  return `${identity.identityType}:${identity.identityName}@${identity.appId}`;
}
