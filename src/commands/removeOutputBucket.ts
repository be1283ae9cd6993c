// alicloudMedia.removeOutputBucket "Remove from Profile": stops showing buckets. Settings only — it does NOT
// unbind anything in MPS (that is "Unbind Output Bucket"). Programmatic: { profile, bucket } → { ok }.

import * as vscode from 'vscode';
import { removeOutputBuckets } from '../settings/profileEdits';
import { isRecord } from '../settings/profiles';
import { isResourceNode } from '../tree/nodes';
import type { CommandDeps } from './deps';
import { pickBuckets, pickProfile } from './pickers';
import { editProfiles, invalidArgument, type EditResult } from './settingsEdit';
import { bucketTargetsOf, effectiveSelection, profilesOf } from './targets';

export function registerRemoveOutputBucket(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('alicloudMedia.removeOutputBucket', async (arg?: unknown, selected?: unknown): Promise<EditResult | undefined> => {
      if (isRecord(arg) && !isResourceNode(arg)) {
        const profile = typeof arg.profile === 'string' ? deps.settings.find(arg.profile) : undefined;
        if (!profile) return invalidArgument(`Unknown profile ${JSON.stringify(arg.profile ?? null)}.`, 'UnknownProfile');
        if (typeof arg.bucket !== 'string') return invalidArgument('Argument "bucket" is required.');
        return editProfiles(deps, (raw) => removeOutputBuckets(raw, profile.name, [arg.bucket as string]), false);
      }
      let targets = bucketTargetsOf(effectiveSelection(arg, selected));
      if (targets.length === 0) {
        const profile = await pickProfile(deps, 'Remove Output Bucket from Profile');
        if (!profile) return undefined;
        const buckets = await pickBuckets(deps, profile, `Remove buckets from ${profile.name} (settings only)`, false);
        if (!buckets) return undefined;
        targets = buckets.map((bucket) => ({ profile: profile.name, bucket }));
      }
      for (const profile of profilesOf(targets)) {
        const buckets = targets.filter((t) => t.profile === profile).map((t) => t.bucket);
        await editProfiles(deps, (raw) => removeOutputBuckets(raw, profile, buckets), true);
      }
      return undefined;
    }),
  );
}
