// A profile's own credentials, from whichever source its `credentialSource` names (sources/index.ts): the
// CredentialProvider the core signs with, the tree's ready/missing/broken status, and what a confirmation says
// the source contacts. A small dispatcher: each source's rules live in its own module. No VS Code import.

import * as os from 'node:os';
import { CloudError, toCloudError, type AccessKeyCredentials, type CredentialOrigin, type CredentialProvider } from '../cloud';
import type { Profile } from '../settings/profileConfig';
import type { SecretStore } from './keychainSecrets';
import { sourceOf, type LookupContext } from './sources';

export const MISSING_CREDENTIALS_CODE = 'MissingCredentials';

type Env = () => Readonly<Record<string, string | undefined>>;

function context(secrets: SecretStore, env: Env): LookupContext {
  return { secrets, env: env(), home: os.homedir() };
}

export function missingCredentialsError(profile: Profile): CloudError {
  return new CloudError({ kind: 'auth', code: MISSING_CREDENTIALS_CODE, message: sourceOf(profile).missingKey(profile), retryable: false });
}

/** Where a profile's own key comes from, as records name it, and what to do when a server refuses its token. */
export function originOf(profile: Profile): CredentialOrigin {
  return sourceOf(profile).origin(profile);
}

/** Whether a profile's own credentials are there to sign with, and if not, whether they are missing or broken. */
export type CredentialStatus =
  | { readonly state: 'ready'; readonly origin?: CredentialOrigin }
  | { readonly state: 'missing' }
  | { readonly state: 'broken'; readonly error: CloudError };

/**
 * Looks the credentials up on every call (the core asks before each attempt), so a key set or cleared while
 * the extension runs takes effect at once.
 */
export function credentialProviderFor(profile: Profile, secrets: SecretStore, env: Env = () => process.env): CredentialProvider {
  return {
    async getCredentials() {
      const credentials = await lookupCredentials(profile, secrets, env);
      if (!credentials) throw missingCredentialsError(profile);
      return credentials;
    },
  };
}

/**
 * The profile's own credentials now, tagged with their origin; undefined when none are configured. A source that
 * cannot be used throws its CloudError instead (an aliyun CLI profile's missing file, unknown profile, refused host…).
 */
export function lookupCredentials(profile: Profile, secrets: SecretStore, env: Env = () => process.env): Promise<AccessKeyCredentials | undefined> {
  return sourceOf(profile).lookup(profile, context(secrets, env));
}

/** For the confirmation: what the profile's key is read from and the host it contacts. Sends nothing. */
export function credentialRoute(profile: Profile, secrets: SecretStore, env: Env = () => process.env): Promise<string> {
  return sourceOf(profile).route(profile, context(secrets, env));
}

/** For the tree: ready, missing or broken (with the source's own message), never throwing. */
export async function credentialStatus(profile: Profile, secrets: SecretStore, env: Env = () => process.env): Promise<CredentialStatus> {
  try {
    const credentials = await lookupCredentials(profile, secrets, env);
    return credentials ? { state: 'ready', ...(credentials.origin ? { origin: credentials.origin } : {}) } : { state: 'missing' };
  } catch (e) {
    return { state: 'broken', error: toCloudError(e) };
  }
}
