// alicloudMedia.addIdentity: a RAM user or role (and its VOD application) whose app policies the tree shows.
// Settings only. Programmatic: { profile, identityType, identityName, appId? } → { ok }.

import * as vscode from 'vscode';
import { DEFAULT_APP_ID, validateAppId, validateIdentityName, validateIdentityType, type IdentityType } from '../cloud';
import { addIdentity } from '../settings/profileEdits';
import { COMMANDS } from '../commandIds';
import type { CommandDeps } from './deps';
import { registerCommand, type CommandTable } from './registerCommand';
import { profileFor } from './pickers';
import { editProfiles, invalidArgument } from './settingsEdit';

export function registerAddIdentity(table: CommandTable, deps: CommandDeps): void {
  registerCommand(table, COMMANDS.addIdentity, {
    caller: async (arg) => {
      const profile = typeof arg.profile === 'string' ? deps.settings.find(arg.profile) : undefined;
      if (!profile) return invalidArgument(`Unknown profile ${JSON.stringify(arg.profile ?? null)}.`, 'UnknownProfile');
      const appId = (arg.appId as string | undefined) || DEFAULT_APP_ID;
      const problem =
        validateIdentityType(arg.identityType) ?? validateIdentityName(arg.identityType as IdentityType, arg.identityName) ?? validateAppId(appId);
      if (problem) return invalidArgument(problem);
      const entry = { identityType: arg.identityType as IdentityType, identityName: arg.identityName as string, appId };
      return editProfiles(deps, (raw) => addIdentity(raw, profile.name, entry), false);
    },
    ui: async (arg) => {
      const profile = await profileFor(deps, arg, 'Add Identity');
      if (!profile) return undefined;
      const title = `Add VOD identity to ${profile.name}`;
      const type = await vscode.window.showQuickPick(
        [
          { label: 'RamUser' as const, description: 'A RAM user' },
          { label: 'RamRole' as const, description: 'A RAM role' },
        ],
        { title, placeHolder: 'Identity type' },
      );
      if (!type) return undefined;
      const identityName = await vscode.window.showInputBox({
        title,
        prompt: type.label === 'RamRole' ? 'RAM role name' : 'RAM user name (or user ID)',
        ignoreFocusOut: true,
        validateInput: (v) => validateIdentityName(type.label, v),
      });
      if (!identityName) return undefined;
      const appId = await vscode.window.showInputBox({
        title,
        prompt: 'VOD application ID (app-1000000 is the default application)',
        value: DEFAULT_APP_ID,
        ignoreFocusOut: true,
        validateInput: (v) => validateAppId(v),
      });
      if (!appId) return undefined;
      await editProfiles(deps, (raw) => addIdentity(raw, profile.name, { identityType: type.label, identityName, appId }), true);
      return undefined;
    },
  });
}
