// Every credential source, by the `credentialSource` value (sourceIds.ts) that selects it. The settings reader,
// the lookup, the tree, Set AccessKey…, Add Profile and the confirmations all read them from here; package.json's
// enum for `credentialSource` must list exactly these keys (test/unit/credentials/credentialSources.test.ts). No
// VS Code import.

import * as l10n from '@vscode/l10n';
import type { Profile } from '../../settings/profileConfig';
import { aliyunCliSource } from './aliyunCliSource';
import type { CredentialSourceStrategy } from './credentialSource';
import { environmentSource } from './environmentSource';
import { keychainSource } from './keychainSource';
import { CREDENTIAL_SOURCES, type CredentialSource } from './sourceIds';

export { CREDENTIAL_SOURCES, type CredentialSource };

export const CREDENTIAL_SOURCE_STRATEGIES = {
  keychain: keychainSource,
  environment: environmentSource,
  'aliyun-cli': aliyunCliSource,
} as const satisfies Readonly<Record<CredentialSource, CredentialSourceStrategy>>;

export function isCredentialSource(value: unknown): value is CredentialSource {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CREDENTIAL_SOURCE_STRATEGIES, value);
}

/** `"keychain", "environment"`: the sources that pass `test` (all by default), as messages quote setting values. */
export function quotedSources(test: (source: CredentialSourceStrategy) => boolean = () => true): string {
  return CREDENTIAL_SOURCES.filter((id) => test(CREDENTIAL_SOURCE_STRATEGIES[id])).map((id) => `"${id}"`).join(', ');
}

/** The strategy a profile's credentialSource names. */
export function sourceOf(profile: { readonly credentialSource: CredentialSource }): CredentialSourceStrategy {
  return CREDENTIAL_SOURCE_STRATEGIES[profile.credentialSource];
}

export type { CredentialSourceStrategy, LookupContext, MissingKeyRow } from './credentialSource';

export const CANNOT_STORE_KEY_CODE = 'CredentialSourceCannotStoreKey';

/**
 * Why Set AccessKey… and Clear AccessKey leave this profile alone, or undefined where its source keeps a key: a
 * key stored for an environment or aliyun CLI profile would be read by nothing and mislead whoever stored it.
 */
export function cannotStoreKey(profile: Profile): string | undefined {
  const source = sourceOf(profile);
  if (source.canStoreKey) return undefined;
  return l10n.t(
    'Profile {0} reads its AccessKey from {1} ({2}): VS Code keeps none for it, so nothing was stored or deleted. Set credentialSource to {3} to keep one here.',
    profile.name,
    source.label(),
    source.shown(profile),
    quotedSources((s) => s.canStoreKey),
  );
}
