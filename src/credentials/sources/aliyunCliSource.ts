// credentialSource "aliyun-cli": a profile of the aliyun CLI's ~/.aliyun/config.json, read through
// @alicloud/credentials at call time (../cliProvider.ts, loaded only when such a profile calls). The extension
// never holds its key: nothing can be stored for it. No VS Code import.

import * as l10n from '@vscode/l10n';
import { configureCommand } from '../cliCommand';
import type { CliRequest } from '../cliProvider';
import { cliSource } from '../cliSource';
import type { CredentialSourceStrategy, LookupContext } from './credentialSource';
import type { Profile } from '../../settings/profileConfig';

function request(profile: Profile, { env, home }: LookupContext): CliRequest {
  return { owner: profile.name, ...(profile.cliProfile ? { cliProfile: profile.cliProfile } : {}), home, env };
}

export const aliyunCliSource: CredentialSourceStrategy = {
  id: 'aliyun-cli',
  label: () => l10n.t('aliyun CLI profile'),
  description: () => '~/.aliyun/config.json',
  canStoreKey: false,
  offeredByAddProfile: false,
  readsCliProfile: true,
  shown: (profile) => `aliyun-cli:${profile.cliProfile ?? '(current)'}`,
  // The CLI source names the profile it actually read in the origin it returns; origin() is for before it has.
  lookup: async (profile, context) => (await cliSource().cliCredentials(request(profile, context))).credentials,
  origin: (profile) => ({
    source: aliyunCliSource.shown(profile),
    refreshHint: l10n.t('Refresh the aliyun CLI profile (run `{0}`).', configureCommand(profile.cliProfile)),
  }),
  missingKey: (profile) => l10n.t('aliyun CLI profile {0} gave no AccessKey — run `{1}`.', profile.cliProfile ?? '(current)', configureCommand(profile.cliProfile)),
  missingRow: (profile) => ({
    severity: 'warning',
    label: l10n.t('No AccessKey in the aliyun CLI profile'),
    tooltip: l10n.t('Run `{0}` in a terminal.', configureCommand(profile.cliProfile)),
    action: 'showLog',
  }),
  async route(profile, context) {
    const route = await cliSource().cliRoute(request(profile, context));
    if (route.via) return l10n.t('aliyun CLI profile {0} ({1}) via {2}', route.profile, route.mode, route.via);
    if (route.runs) return l10n.t('aliyun CLI profile {0} ({1}), running {2}', route.profile, route.mode, route.runs);
    return l10n.t('aliyun CLI profile {0} ({1})', route.profile, route.mode);
  },
};
