// How one profile's AccessKey is kept in SecretStorage, and the CredentialProvider the core signs with.
// No VS Code import: the store is anything with SecretStorage's get/store/delete, so this is unit-tested.

import * as l10n from '@vscode/l10n';
import * as os from 'node:os';
import { CloudError, toCloudError, type AccessKeyCredentials, type CredentialOrigin, type CredentialProvider } from '../cloud';
import type { Profile } from '../settings/profiles';
import { cliSource } from './cliSource';
import { readEnvironmentCredentials } from './environment';

/** The subset of vscode.SecretStorage used here. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

const KEY_PREFIX = 'alicloudMedia.accessKey/';

export function secretKeyFor(profileName: string): string {
  return `${KEY_PREFIX}${profileName}`;
}

/** The profile a changed secret belongs to, or undefined for keys that are not ours. */
export function profileOfSecretKey(key: string): string | undefined {
  return key.startsWith(KEY_PREFIX) ? key.slice(KEY_PREFIX.length) : undefined;
}

export function serializeCredentials(credentials: AccessKeyCredentials): string {
  return JSON.stringify({
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    ...(credentials.securityToken ? { securityToken: credentials.securityToken } : {}),
  });
}

/** Undefined for anything that is not the JSON we wrote: a corrupted entry must not be half-used. */
export function parseStoredCredentials(text: string | undefined): AccessKeyCredentials | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (typeof value?.accessKeyId !== 'string' || typeof value.accessKeySecret !== 'string') return undefined;
    return {
      accessKeyId: value.accessKeyId,
      accessKeySecret: value.accessKeySecret,
      ...(typeof value.securityToken === 'string' && value.securityToken ? { securityToken: value.securityToken } : {}),
    };
  } catch {
    return undefined;
  }
}

export const MISSING_CREDENTIALS_CODE = 'MissingCredentials';

export function missingCredentialsError(profile: Profile): CloudError {
  const message =
    profile.credentialSource === 'environment'
      ? l10n.t(
          'No AccessKey in the environment for profile {0} — set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET before starting VS Code, or switch the profile to the keychain.',
          profile.name,
        )
      : l10n.t("No AccessKey set for profile {0} — run 'Set AccessKey…'.", profile.name);
  return new CloudError({ kind: 'auth', code: MISSING_CREDENTIALS_CODE, message, retryable: false });
}

/** Where a profile's own key comes from, as records name it, and what to do when a server refuses its token. */
export function originOf(profile: Profile): CredentialOrigin {
  switch (profile.credentialSource) {
    case 'environment':
      return {
        source: 'environment',
        refreshHint: l10n.t('Export a fresh key and token in ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / ALIBABA_CLOUD_SECURITY_TOKEN and restart VS Code.'),
      };
    case 'aliyun-cli':
      // The CLI source names the profile it actually read (cliProvider.ts); this is for before it has.
      return {
        source: `aliyun-cli:${profile.cliProfile ?? '(current)'}`,
        refreshHint: l10n.t('Refresh the aliyun CLI profile (run `{0}`).', profile.cliProfile ? `aliyun configure --profile ${profile.cliProfile}` : 'aliyun configure'),
      };
    default:
      return { source: 'keychain', refreshHint: l10n.t("Run 'Set AccessKey…' again for profile {0} with a fresh key and token.", profile.name) };
  }
}

/** Whether a profile's own credentials are there to sign with, and if not, whether they are missing or broken. */
export type CredentialStatus =
  | { readonly state: 'ready'; readonly origin?: CredentialOrigin }
  | { readonly state: 'missing' }
  | { readonly state: 'broken'; readonly error: CloudError };

/**
 * Looks the credentials up on every call (the core asks before each attempt), so a key set or cleared while
 * the extension runs takes effect at once and nothing secret is cached in memory longer than a call.
 */
export function credentialProviderFor(
  profile: Profile,
  secrets: SecretStore,
  env: () => Readonly<Record<string, string | undefined>> = () => process.env,
): CredentialProvider {
  return {
    async getCredentials() {
      const credentials = await lookupCredentials(profile, secrets, env);
      if (!credentials) throw missingCredentialsError(profile);
      return credentials;
    },
  };
}

/**
 * The profile's own credentials now, tagged with their origin; undefined when none are configured. An aliyun CLI
 * profile that cannot be used throws its CloudError instead (missing file, unknown profile, refused mode…).
 */
export async function lookupCredentials(
  profile: Profile,
  secrets: SecretStore,
  env: () => Readonly<Record<string, string | undefined>> = () => process.env,
): Promise<AccessKeyCredentials | undefined> {
  if (profile.credentialSource === 'aliyun-cli') {
    const { credentials } = await cliSource().cliCredentials({
      ...(profile.cliProfile ? { cliProfile: profile.cliProfile } : {}),
      home: os.homedir(),
      env: env(),
    });
    return credentials;
  }
  const found =
    profile.credentialSource === 'environment'
      ? readEnvironmentCredentials(env())?.credentials
      : parseStoredCredentials(await secrets.get(secretKeyFor(profile.name)));
  return found && { ...found, origin: originOf(profile) };
}

/** For the tree: ready, missing or broken (with the source's own message), never throwing. */
export async function credentialStatus(
  profile: Profile,
  secrets: SecretStore,
  env: () => Readonly<Record<string, string | undefined>> = () => process.env,
): Promise<CredentialStatus> {
  try {
    const credentials = await lookupCredentials(profile, secrets, env);
    return credentials ? { state: 'ready', ...(credentials.origin ? { origin: credentials.origin } : {}) } : { state: 'missing' };
  } catch (e) {
    return { state: 'broken', error: toCloudError(e) };
  }
}
