// credentialSource "environment": a key exported before VS Code started, in the SDK's, the CLI's or Terraform's
// spellings (../environment.ts picks the first complete pair). Nothing can be stored for it. No VS Code import.

import * as l10n from '@vscode/l10n';
import { ENVIRONMENT_SPELLINGS, readEnvironmentCredentials } from '../environment';
import type { CredentialSourceStrategy } from './credentialSource';

export const environmentSource: CredentialSourceStrategy = {
  id: 'environment',
  label: () => l10n.t('Environment variables'),
  description: () => 'ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN',
  canStoreKey: false,
  offeredByAddProfile: true,
  readsCliProfile: false,
  shown: () => 'environment',
  async lookup(profile, { env }) {
    const found = readEnvironmentCredentials(env)?.credentials;
    return found && { ...found, origin: environmentSource.origin(profile) };
  },
  origin: () => ({
    source: 'environment',
    refreshHint: l10n.t('Export a fresh key and token in ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / ALIBABA_CLOUD_SECURITY_TOKEN and restart VS Code.'),
  }),
  missingKey: (profile) =>
    l10n.t(
      'No AccessKey in the environment for profile {0}: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET before starting VS Code, or use the keychain.',
      profile.name,
    ),
  missingRow: () => ({
    severity: 'warning',
    label: l10n.t('No AccessKey in the environment'),
    tooltip: l10n.t('This profile reads ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (or the aliyun CLI / Terraform spellings) from the environment VS Code was started in.'),
    action: 'showLog',
  }),
  route: async (_profile, { env }) =>
    l10n.t('environment variable {0}', readEnvironmentCredentials(env)?.source ?? ENVIRONMENT_SPELLINGS[0]?.id ?? ''),
};
