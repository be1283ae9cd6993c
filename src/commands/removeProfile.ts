// alicloudMedia.removeProfile: removes the profile from user settings and deletes its stored AccessKey.
// Nothing changes in Alibaba Cloud. Programmatic: { profile } → { ok } without prompting.

import * as vscode from 'vscode';
import { removeProfile } from '../settings/profileEdits';
import type { CommandDeps } from './deps';
import type { CommandHandlers } from './commandHandlers';
import { profileFor } from './pickers';
import { profileArgument } from './commandArgs';
import { editProfiles, type EditResult } from './settingsEdit';

export function removeProfileCommand(deps: CommandDeps): CommandHandlers {
  return {
    caller: async (arg): Promise<EditResult> => {
      const profile = profileArgument(deps.settings, arg.profile);
      if ('error' in profile) return profile;
      return remove(deps, profile.name, false);
    },
    ui: async (arg) => {
      const profile = await profileFor(deps, arg, vscode.l10n.t('Remove Profile'));
      if (!profile) return undefined;
      const accept = vscode.l10n.t('Remove');
      const answer = await deps.ui.showWarningMessage(
        vscode.l10n.t('Remove profile {0}?', profile.name),
        { modal: true, detail: vscode.l10n.t('The profile is removed from your user settings and its stored AccessKey is deleted from VS Code. Nothing changes in Alibaba Cloud.') },
        accept,
      );
      if (answer === accept) await remove(deps, profile.name, true);
      return undefined;
    },
  };
}

async function remove(deps: CommandDeps, name: string, fromUi: boolean): Promise<EditResult> {
  const result = await editProfiles(deps, (raw) => removeProfile(raw, name), fromUi);
  if (result.ok) await deps.accessKeys.delete(name);
  return result;
}
