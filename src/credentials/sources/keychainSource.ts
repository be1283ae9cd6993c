// credentialSource "keychain": the key the user typed into Set AccessKey…, kept in VS Code's SecretStorage (the
// OS keychain on desktop). Read on every call, so a key set or cleared takes effect at once. No VS Code import.

import * as l10n from '@vscode/l10n';
import { parseStoredCredentials, secretKeyFor } from '../keychainSecrets';
import type { CredentialSourceStrategy } from './credentialSource';

export const keychainSource: CredentialSourceStrategy = {
  id: 'keychain',
  label: () => l10n.t('Keychain'),
  description: () => l10n.t("VS Code's secret storage (recommended)"),
  canStoreKey: true,
  offeredByAddProfile: true,
  readsCliProfile: false,
  shown: () => 'keychain',
  async lookup(profile, { secrets }) {
    const found = parseStoredCredentials(await secrets.get(secretKeyFor(profile.name)));
    return found && { ...found, origin: keychainSource.origin(profile) };
  },
  origin: (profile) => ({ source: 'keychain', refreshHint: l10n.t("Run 'Set AccessKey…' again for profile {0} with a fresh key and token.", profile.name) }),
  missingKey: (profile) => l10n.t("No AccessKey set for profile {0} — run 'Set AccessKey…'.", profile.name),
  missingRow: (profile) => ({
    severity: 'info',
    label: l10n.t('Set AccessKey…'),
    tooltip: l10n.t("No AccessKey is stored for profile {0}. Click to set one; it is kept in VS Code's secret storage.", profile.name),
    action: 'setCredentials',
  }),
  route: async () => l10n.t("VS Code's secret storage"),
};
