// What a credential source is: one module per value of a profile's `credentialSource` (keychain, environment,
// aliyun CLI) answers everything the rest of the extension asks about where a key comes from — settings
// validation, the lookup, the origin records name, the missing-key message and tree row, whether Set AccessKey…
// can store a key for it, and what a confirmation says it contacts. Adding a source is adding its value to
// sourceIds.ts, one module to sources/index.ts and the value to package.json's enum (a unit test checks them). No VS Code import.

import type { AccessKeyCredentials, CredentialOrigin } from '../../cloud';
import type { Profile } from '../../settings/profileConfig';
import type { SecretStore } from '../keychainSecrets';

export type Environment = Readonly<Record<string, string | undefined>>;

/** Where a lookup reads from; passed in, so tests never touch process.env, the home folder or the keychain. */
export interface LookupContext {
  readonly secrets: SecretStore;
  readonly env: Environment;
  /** Where `.aliyun/config.json` is looked for. */
  readonly home: string;
}

/** The row a profile without a key shows instead of its resources. */
export interface MissingKeyRow {
  readonly severity: 'info' | 'warning';
  readonly label: string;
  readonly tooltip: string;
  /** Clicking it: Set AccessKey… where a key can be stored, else the log. */
  readonly action: 'setCredentials' | 'showLog';
}

export interface CredentialSourceStrategy {
  /** The `credentialSource` value in settings. */
  readonly id: string;
  /** `Keychain`, in the display language (Add Profile's picker). */
  label(): string;
  /** One line under the label: where the key is read. */
  description(): string;
  /** Whether Set AccessKey… / Clear AccessKey act on it (a key stored for another source would be read by nothing). */
  readonly canStoreKey: boolean;
  /** Whether Add Profile offers it (aliyun CLI profiles come from Import aliyun CLI Profiles…, which names one). */
  readonly offeredByAddProfile: boolean;
  /** Whether the profile's `cliProfile` setting means anything for it. */
  readonly readsCliProfile: boolean;
  /** How records and the tree name it: `keychain`, `environment`, `aliyun-cli:dev`. */
  shown(profile: Profile): string;
  /** The profile's own key now; undefined when none is configured. Throws a CloudError when it cannot be used. */
  lookup(profile: Profile, context: LookupContext): Promise<AccessKeyCredentials | undefined>;
  /** Where the key comes from and what to do when a server refuses its token. */
  origin(profile: Profile): CredentialOrigin;
  /** The error text of a call made without a key. */
  missingKey(profile: Profile): string;
  missingRow(profile: Profile): MissingKeyRow;
  /**
   * What a call for the profile reads and contacts, for the confirmation's `Credentials:` line
   * (`aliyun CLI profile ops (RamRoleArn) via sts.cn-hangzhou.aliyuncs.com`). Throws like lookup, sending nothing.
   */
  route(profile: Profile, context: LookupContext): Promise<string>;
}
