// alicloudMedia.removeIdentity "Remove from Profile": stops showing identities. Settings only — it does NOT detach
// any policy. Programmatic: { profile, identityType, identityName, appId? } → { ok }.

import * as vscode from 'vscode';
import { type IdentityType } from '../cloud';
import { removeIdentities, type IdentityEntry } from '../settings/profileEdits';
import type { AnyResourceNode } from '../tree/nodes';
import type { CommandDeps } from './deps';
import type { CommandHandlers } from './commandHandlers';
import { pickIdentities, pickProfile } from './pickers';
import { editProfiles } from './settingsEdit';
import { effectiveSelection } from './targets';
import { profileArgument } from './commandArgs';

export function removeIdentityCommand(deps: CommandDeps): CommandHandlers {
  return {
    caller: async (arg) => {
      const profile = profileArgument(deps.settings, arg.profile);
      if ('error' in profile) return profile;
      const entry: IdentityEntry = {
        identityType: arg.identityType as IdentityType,
        identityName: arg.identityName as string,
        appId: arg.appId as string | undefined,
      };
      return editProfiles(deps, (raw) => removeIdentities(raw, profile.name, [entry]), false);
    },
    ui: async (arg, selected) => {
      const groups = new Map<string, IdentityEntry[]>();
      for (const node of effectiveSelection(arg, selected) as AnyResourceNode[]) {
        if (node?.kind === 'identity') groups.set(node.profile.name, [...(groups.get(node.profile.name) ?? []), node.identity]);
      }
      if (groups.size === 0) {
        const profile = await pickProfile(deps, vscode.l10n.t('Remove Identity from Profile'));
        if (!profile) return undefined;
        const picked = await pickIdentities(deps, profile, vscode.l10n.t('Remove identities from {0} (settings only)', profile.name), true);
        if (!picked) return undefined;
        groups.set(profile.name, picked);
      }
      for (const [profile, identities] of groups) {
        await editProfiles(deps, (raw) => removeIdentities(raw, profile, identities), true);
      }
      return undefined;
    },
  };
}
