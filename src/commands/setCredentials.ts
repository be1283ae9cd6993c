// alicloudMedia.setCredentials "Set AccessKey…": AccessKey ID, then the secret in a password box, stored in
// SecretStorage under the profile. The secret is never echoed, logged or kept anywhere else.
// Programmatic: executeCommand('alicloudMedia.setCredentials', { profile, accessKeyId, accessKeySecret, securityToken? })
// → { ok: true } | { ok: false, error } (for tests and provisioning scripts; nothing is prompted).

import * as vscode from 'vscode';
import { maskAccessKeyId, validateAccessKeyId, validateAccessKeySecret, validateCredentials, validateSecurityToken } from '../cloud';
import type { CommandDeps } from './deps';
import type { CommandHandlers } from './commandHandlers';
import { profileFor } from './pickers';
import { invalidArgument, type Failed } from './results';
import { CANNOT_STORE_KEY_CODE, cannotStoreKey } from '../credentials/sources';
import { profileArgument } from './commandArgs';

export function setCredentialsCommand(deps: CommandDeps): CommandHandlers {
  return { caller: (arg) => setForCaller(deps, arg), ui: (arg) => setFromUi(deps, arg) };
}

async function setForCaller(deps: CommandDeps, arg: Record<string, unknown>): Promise<{ ok: true } | Failed> {
  const profile = profileArgument(deps.settings, arg.profile);
  if ('error' in profile) return profile;
  // Same rule as the UI and the menus: a key stored where the profile's source does not read one misleads.
  const refused = cannotStoreKey(profile);
  if (refused) return invalidArgument(refused, CANNOT_STORE_KEY_CODE);
  const credentials = {
    accessKeyId: arg.accessKeyId as string,
    accessKeySecret: arg.accessKeySecret as string,
    ...(typeof arg.securityToken === 'string' && arg.securityToken ? { securityToken: arg.securityToken } : {}),
  };
  const problem = validateCredentials(credentials);
  if (problem) return invalidArgument(problem);
  await deps.accessKeys.store(profile.name, credentials);
  deps.log.info(vscode.l10n.t('AccessKey {0} stored for profile {1}.', maskAccessKeyId(credentials.accessKeyId), profile.name));
  return { ok: true };
}

async function setFromUi(deps: CommandDeps, arg: unknown): Promise<void> {
  const profile = await profileFor(deps, arg, vscode.l10n.t('Set AccessKey'));
  if (!profile) return;
  const refused = cannotStoreKey(profile);
  if (refused) {
    void deps.ui.showInformationMessage(refused);
    return;
  }
  const title = vscode.l10n.t('Set AccessKey for profile {0}', profile.name);
  const accessKeyId = (
    await deps.ui.showInputBox({
      title,
      prompt: vscode.l10n.t('AccessKey ID (LTAI… or STS.…)'),
      // eslint-disable-next-line local/localized-text -- an example value, the same in every language
      placeHolder: 'LTAI…',
      ignoreFocusOut: true,
      validateInput: (v) => validateAccessKeyId(v.trim()),
    })
  )?.trim();
  if (!accessKeyId) return;
  const accessKeySecret = await deps.ui.showInputBox({
    title,
    prompt: vscode.l10n.t("AccessKey Secret for {0}. Stored in VS Code's secret storage, never in settings.", maskAccessKeyId(accessKeyId)),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => validateAccessKeySecret(v),
  });
  if (!accessKeySecret) return;
  let securityToken: string | undefined;
  // Only STS keys have a token; asking everyone would invite pasting the secret twice.
  if (accessKeyId.startsWith('STS.')) {
    securityToken = await deps.ui.showInputBox({
      title,
      prompt: vscode.l10n.t('Security token of the STS AccessKey'),
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => validateSecurityToken(v, accessKeyId),
    });
    if (!securityToken) return;
  }
  await deps.accessKeys.store(profile.name, { accessKeyId, accessKeySecret, ...(securityToken ? { securityToken } : {}) });
  deps.log.info(vscode.l10n.t('AccessKey {0} stored for profile {1}.', maskAccessKeyId(accessKeyId), profile.name));
  vscode.window.setStatusBarMessage(`$(key) ${vscode.l10n.t('AccessKey set for {0}', profile.name)}`, 3000);
}
