// alicloudMedia.addOutputBucket: adds a bucket name to a profile so the tree shows its binding. Settings only.
// Programmatic: { profile, bucket } → { ok }.

import * as vscode from 'vscode';
import { validateBucketName } from '../cloud';
import { addOutputBucket } from '../settings/profileEdits';
import type { CommandDeps } from './deps';
import type { CommandHandlers } from './commandHandlers';
import { profileFor } from './pickers';
import { editProfiles, invalidArgument } from './settingsEdit';

export function addOutputBucketCommand(deps: CommandDeps): CommandHandlers {
  return {
    caller: async (arg) => {
      const profile = typeof arg.profile === 'string' ? deps.settings.find(arg.profile) : undefined;
      if (!profile) return invalidArgument(`Unknown profile ${JSON.stringify(arg.profile ?? null)}.`, 'UnknownProfile');
      const problem = validateBucketName(arg.bucket);
      if (problem) return invalidArgument(problem);
      return editProfiles(deps, (raw) => addOutputBucket(raw, profile.name, arg.bucket as string), false);
    },
    ui: async (arg) => {
      const profile = await profileFor(deps, arg, vscode.l10n.t('Add Output Bucket'));
      if (!profile) return undefined;
      const bucket = await deps.ui.showInputBox({
        title: vscode.l10n.t('Add output bucket to {0}', profile.name),
        prompt: vscode.l10n.t('OSS bucket name in {0}', profile.region),
        // eslint-disable-next-line local/localized-text -- an example value, the same in every language
        placeHolder: 'media-output',
        ignoreFocusOut: true,
        validateInput: (v) =>
          validateBucketName(v) ?? (profile.outputBuckets.includes(v) ? vscode.l10n.t('Bucket "{0}" is already in this profile.', v) : undefined),
      });
      if (!bucket) return undefined;
      await editProfiles(deps, (raw) => addOutputBucket(raw, profile.name, bucket), true);
      return undefined;
    },
  };
}
