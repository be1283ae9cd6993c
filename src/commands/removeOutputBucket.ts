// alicloudMedia.removeOutputBucket "Remove from Profile": stops showing buckets. Settings only — it does NOT
// unbind anything in MPS (that is "Unbind Output Bucket"). Programmatic: { profile, bucket } → { ok }.

import * as vscode from 'vscode';
import { removeOutputBuckets } from '../settings/profileEdits';
import type { AnyResourceNode } from '../tree/nodes';
import type { CommandDeps } from './deps';
import type { CommandHandlers } from './commandHandlers';
import { pickBuckets, pickProfile } from './pickers';
import { editProfiles, invalidArgument } from './settingsEdit';
import { bucketTargetsOf, effectiveSelection, profilesOf } from './targets';

export function removeOutputBucketCommand(deps: CommandDeps): CommandHandlers {
  return {
    caller: async (arg) => {
      const profile = typeof arg.profile === 'string' ? deps.settings.find(arg.profile) : undefined;
      if (!profile) return invalidArgument(`Unknown profile ${JSON.stringify(arg.profile ?? null)}.`, 'UnknownProfile');
      if (typeof arg.bucket !== 'string') return invalidArgument('Argument "bucket" is required.');
      return editProfiles(deps, (raw) => removeOutputBuckets(raw, profile.name, [arg.bucket as string]), false);
    },
    ui: async (arg, selected) => {
      let targets = bucketTargetsOf(effectiveSelection(arg, selected) as AnyResourceNode[]);
      if (targets.length === 0) {
        const profile = await pickProfile(deps, vscode.l10n.t('Remove Output Bucket from Profile'));
        if (!profile) return undefined;
        const buckets = await pickBuckets(deps, profile, vscode.l10n.t('Remove buckets from {0} (settings only)', profile.name), false);
        if (!buckets) return undefined;
        targets = buckets.map((bucket) => ({ profile: profile.name, bucket }));
      }
      for (const profile of profilesOf(targets)) {
        const buckets = targets.filter((t) => t.profile === profile).map((t) => t.bucket);
        await editProfiles(deps, (raw) => removeOutputBuckets(raw, profile, buckets), true);
      }
      return undefined;
    },
  };
}
