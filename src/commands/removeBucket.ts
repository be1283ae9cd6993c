// alicloudMedia.removeOutputBucket / removeInputBucket "Remove from Profile": stops showing buckets. Settings only —
// it does NOT unbind anything in MPS (that is "Unbind … Bucket"). Programmatic: { profile, bucket } → { ok }.

import * as vscode from 'vscode';
import type { MediaBucketType } from '../cloud';
import { removeBuckets } from '../settings/profileEdits';
import type { AnyResourceNode } from '../tree/nodes';
import type { CommandDeps } from './deps';
import type { CommandHandlers } from './commandHandlers';
import { pickBuckets, pickProfile } from './pickers';
import { editProfiles, invalidArgument } from './settingsEdit';
import { bucketTargetsOf, effectiveSelection, profilesOf } from './targets';
import { profileArgument } from './commandArgs';

const REMOVE: Record<MediaBucketType, { title(): string }> = {
  Output: { title: () => vscode.l10n.t('Remove Output Bucket from Profile') },
  Input: { title: () => vscode.l10n.t('Remove Input Bucket from Profile') },
};

export function removeBucketCommand(type: MediaBucketType): (deps: CommandDeps) => CommandHandlers {
  const words = REMOVE[type];
  return (deps) => ({
    caller: async (arg) => {
      const profile = profileArgument(deps.settings, arg.profile);
      if ('error' in profile) return profile;
      if (typeof arg.bucket !== 'string') return invalidArgument('Argument "bucket" is required.');
      return editProfiles(deps, (raw) => removeBuckets(raw, profile.name, type, [arg.bucket as string]), false);
    },
    ui: async (arg, selected) => {
      let targets = bucketTargetsOf(effectiveSelection(arg, selected) as AnyResourceNode[], type);
      if (targets.length === 0) {
        const profile = await pickProfile(deps, words.title());
        if (!profile) return undefined;
        const buckets = await pickBuckets(deps, profile, type, vscode.l10n.t('Remove buckets from {0} (settings only)', profile.name), false);
        if (!buckets) return undefined;
        targets = buckets.map((bucket) => ({ profile: profile.name, bucket }));
      }
      for (const profile of profilesOf(targets)) {
        const buckets = targets.filter((t) => t.profile === profile).map((t) => t.bucket);
        await editProfiles(deps, (raw) => removeBuckets(raw, profile, type, buckets), true);
      }
      return undefined;
    },
  });
}
