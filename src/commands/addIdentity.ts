// alicloudMedia.addIdentity: a RAM user or role (and its VOD application) whose app policies the tree shows.
// The UI picks the identity and the application from the account (RAM ListUsers/ListRoles, VOD ListAppInfo), with
// manual entry kept; only the settings change. Programmatic: { profile, identityType, identityName, appId? } → { ok },
// nothing listed.

import * as vscode from 'vscode';
import { DEFAULT_APP_ID, validateAppId, validateIdentityName, validateIdentityType, type IdentityType } from '../cloud';
import { addIdentity } from '../settings/profileEdits';
import { pickAppId, pickIdentityName } from './accountPickers';
import type { CommandDeps } from './deps';
import type { CommandHandlers } from './commandHandlers';
import { profileFor } from './pickers';
import { editProfiles, invalidArgument } from './settingsEdit';
import { profileArgument } from './commandArgs';

export function addIdentityCommand(deps: CommandDeps): CommandHandlers {
  return {
    caller: async (arg) => {
      const profile = profileArgument(deps.settings, arg.profile);
      if ('error' in profile) return profile;
      const appId = (arg.appId as string | undefined) || DEFAULT_APP_ID;
      const problem =
        validateIdentityType(arg.identityType) ?? validateIdentityName(arg.identityType as IdentityType, arg.identityName) ?? validateAppId(appId);
      if (problem) return invalidArgument(problem);
      const entry = { identityType: arg.identityType as IdentityType, identityName: arg.identityName as string, appId };
      return editProfiles(deps, (raw) => addIdentity(raw, profile.name, entry), false);
    },
    ui: async (arg) => {
      const profile = await profileFor(deps, arg, vscode.l10n.t('Add Identity'));
      if (!profile) return undefined;
      const title = vscode.l10n.t('Add VOD identity to {0}', profile.name);
      const type = await deps.ui.showQuickPick(
        [
          { label: 'RamUser' as const, description: vscode.l10n.t('A RAM user') },
          { label: 'RamRole' as const, description: vscode.l10n.t('A RAM role') },
        ],
        { title, placeHolder: vscode.l10n.t('Identity type') },
      );
      if (!type) return undefined;
      // Picked from the account (manual entry stays): a RAM user comes back as its UserId, what VOD addresses.
      const identityName = await pickIdentityName(deps, profile, type.label, title);
      if (!identityName) return undefined;
      const appId = await pickAppId(deps, profile, title);
      if (!appId) return undefined;
      await editProfiles(deps, (raw) => addIdentity(raw, profile.name, { identityType: type.label, identityName, appId }), true);
      return undefined;
    },
  };
}
