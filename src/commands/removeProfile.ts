// alicloudMedia.removeProfile: removes the profile from user settings and deletes its stored AccessKey.
// Nothing changes in Alibaba Cloud. Programmatic: { profile } → { ok } without prompting.

import * as vscode from 'vscode';
import { removeProfile } from '../settings/profileEdits';
import { isRecord } from '../settings/profiles';
import { isResourceNode } from '../tree/nodes';
import type { CommandDeps } from './deps';
import { profileFor } from './pickers';
import { editProfiles, invalidArgument, type EditResult } from './settingsEdit';

export function registerRemoveProfile(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('alicloudMedia.removeProfile', async (arg?: unknown): Promise<EditResult | undefined> => {
      const fromUi = !(isRecord(arg) && !isResourceNode(arg));
      let name: string | undefined;
      if (!fromUi) {
        name = typeof (arg as Record<string, unknown>).profile === 'string' ? ((arg as Record<string, unknown>).profile as string) : undefined;
        if (!name || !deps.settings.find(name)) return invalidArgument(`Unknown profile ${JSON.stringify(name ?? null)}.`, 'UnknownProfile');
      } else {
        const profile = await profileFor(deps, arg, 'Remove Profile');
        if (!profile) return undefined;
        const answer = await vscode.window.showWarningMessage(
          `Remove profile ${profile.name}?`,
          { modal: true, detail: 'The profile is removed from your user settings and its stored AccessKey is deleted from VS Code. Nothing changes in Alibaba Cloud.' },
          'Remove',
        );
        if (answer !== 'Remove') return undefined;
        name = profile.name;
      }
      const result = await editProfiles(deps, (raw) => removeProfile(raw, name as string), fromUi);
      if (result.ok) await deps.accessKeys.delete(name);
      return fromUi ? undefined : result;
    }),
  );
}
