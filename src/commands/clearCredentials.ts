// alicloudMedia.clearCredentials "Clear AccessKey": deletes the profile's stored AccessKey after a confirmation.
// Programmatic: executeCommand('alicloudMedia.clearCredentials', { profile }) → { ok } without prompting.

import * as vscode from 'vscode';
import type { CommandDeps } from './deps';
import type { CommandHandlers } from './commandHandlers';
import { profileFor } from './pickers';
import { invalidArgument } from './results';
import { CANNOT_STORE_KEY_CODE, cannotStoreKey } from '../credentials/sources';

export function clearCredentialsCommand(deps: CommandDeps): CommandHandlers {
  return {
    caller: async (arg) => {
      const profile = typeof arg.profile === 'string' ? arg.profile : '';
      if (!profile) return invalidArgument('Argument "profile" is required.');
      // Allowed for names no longer in settings too: clearing a leftover key must always be possible.
      const known = deps.settings.find(profile);
      const refused = known && cannotStoreKey(known);
      if (refused) return invalidArgument(refused, CANNOT_STORE_KEY_CODE);
      await deps.accessKeys.delete(profile);
      deps.log.info(vscode.l10n.t("AccessKey of profile {0} deleted from VS Code's secret storage.", profile));
      return { ok: true };
    },
    ui: async (arg) => {
      const profile = await profileFor(deps, arg, vscode.l10n.t('Clear AccessKey'));
      if (!profile) return undefined;
      const refused = cannotStoreKey(profile);
      if (refused) {
        void deps.ui.showInformationMessage(refused);
        return undefined;
      }
      const accept = vscode.l10n.t('Delete');
      const answer = await deps.ui.showWarningMessage(
        vscode.l10n.t('Delete the stored AccessKey of profile {0}?', profile.name),
        { modal: true, detail: vscode.l10n.t('Only the copy in VS Code is deleted; the AccessKey itself stays valid in Alibaba Cloud RAM.') },
        accept,
      );
      if (answer !== accept) return undefined;
      await deps.accessKeys.delete(profile.name);
      deps.log.info(vscode.l10n.t("AccessKey of profile {0} deleted from VS Code's secret storage.", profile.name));
      return undefined;
    },
  };
}
