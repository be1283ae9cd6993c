// alicloudMedia.addOutputBucket / addInputBucket: adds a bucket name to a profile so the tree shows its binding.
// Settings only. Programmatic: { profile, bucket } → { ok }.

import * as vscode from 'vscode';
import { validateBucketName, type MediaBucketType } from '../cloud';
import { addBucket } from '../settings/profileEdits';
import { bucketsOf } from '../settings/profileConfig';
import type { CommandDeps } from './deps';
import type { CommandHandlers } from './commandHandlers';
import { profileFor } from './pickers';
import { editProfiles, invalidArgument } from './settingsEdit';
import { profileArgument } from './commandArgs';

interface AddWords {
  title(): string;
  prompt(profile: string): string;
  example: string;
}

const ADD: Record<MediaBucketType, AddWords> = {
  Output: {
    title: () => vscode.l10n.t('Add Output Bucket'),
    prompt: (profile) => vscode.l10n.t('Add output bucket to {0}', profile),
    example: 'media-output',
  },
  Input: {
    title: () => vscode.l10n.t('Add Input Bucket'),
    prompt: (profile) => vscode.l10n.t('Add input bucket to {0}', profile),
    example: 'media-input',
  },
};

export function addBucketCommand(type: MediaBucketType): (deps: CommandDeps) => CommandHandlers {
  const words = ADD[type];
  return (deps) => ({
    caller: async (arg) => {
      const profile = profileArgument(deps.settings, arg.profile);
      if ('error' in profile) return profile;
      const problem = validateBucketName(arg.bucket);
      if (problem) return invalidArgument(problem);
      return editProfiles(deps, (raw) => addBucket(raw, profile.name, type, arg.bucket as string), false);
    },
    ui: async (arg) => {
      const profile = await profileFor(deps, arg, words.title());
      if (!profile) return undefined;
      const bucket = await deps.ui.showInputBox({
        title: words.prompt(profile.name),
        prompt: vscode.l10n.t('OSS bucket name in {0}', profile.region),
        placeHolder: words.example,
        ignoreFocusOut: true,
        validateInput: (v) =>
          validateBucketName(v) ?? (bucketsOf(profile, type).includes(v) ? vscode.l10n.t('Bucket "{0}" is already in this profile.', v) : undefined),
      });
      if (!bucket) return undefined;
      await editProfiles(deps, (raw) => addBucket(raw, profile.name, type, bucket), true);
      return undefined;
    },
  });
}
