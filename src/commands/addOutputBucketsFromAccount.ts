// alicloudMedia.addOutputBucketsFromAccount "Add Output Buckets from Account…": the account's MPS output buckets
// (ListAllMediaBucket, the same shared listing the tree renders) that the profile does not list yet, picked several
// at a time with their Referer shown, and written to the profile in one settings edit. Input buckets are never
// offered: only output bindings can be revoked here. Nothing in the cloud changes.
// Programmatic: { profile, buckets?: string[] } → { ok, profile, added, notAdded } — every candidate when `buckets`
// is omitted; a named bucket that is not a candidate is reported in notAdded with the reason. Never prompts.

import * as vscode from 'vscode';
import { describeError, validateBucketName, type MediaBucket } from '../cloud';
import { inertItem } from '../inertText';
import { addOutputBuckets } from '../settings/profileEdits';
import type { Profile } from '../settings/profiles';
import type { CommandDeps } from './deps';
import { notify } from './notify';
import { profileFor } from './pickers';
import type { CommandHandlers } from './commandHandlers';
import { failed, invalidArgument } from './results';
import { editProfiles } from './settingsEdit';

interface NotAdded {
  readonly bucket: string;
  readonly reason: string;
}

/** The account's answer for this profile: output buckets it does not list yet, or the listing's error. */
type Candidates = { readonly candidates: readonly MediaBucket[]; readonly outputs: number } | { readonly error: unknown };


export function addOutputBucketsFromAccountCommand(deps: CommandDeps): CommandHandlers {
  return {
    caller: async (arg) => {
      const profile = typeof arg.profile === 'string' ? deps.settings.find(arg.profile) : undefined;
      if (!profile) return invalidArgument(`Unknown profile ${JSON.stringify(arg.profile ?? null)}.`, 'UnknownProfile');
      const wanted = arg.buckets;
      if (wanted !== undefined && !(Array.isArray(wanted) && wanted.length > 0 && wanted.every((b) => typeof b === 'string'))) {
        return invalidArgument('buckets must be a non-empty array of bucket names, or omitted for every candidate.');
      }
      const problem = (wanted as string[] | undefined)?.map((b) => validateBucketName(b)).find((p) => p !== undefined);
      if (problem) return invalidArgument(problem);
      const found = await candidatesOf(deps, profile);
      if ('error' in found) return { ...failed(found.error), profile: profile.name };
      const names = new Set(found.candidates.map((c) => c.bucket));
      const chosen = wanted === undefined ? [...names] : (wanted as string[]).filter((b) => names.has(b));
      const notAdded: NotAdded[] = ((wanted as string[] | undefined) ?? [])
        .filter((b) => !names.has(b))
        .map((bucket) => ({
          bucket,
          reason: profile.outputBuckets.includes(bucket) ? 'already in the profile' : 'not an MPS output bucket of the account',
        }));
      if (chosen.length > 0) {
        const edit = await editProfiles(deps, (raw) => addOutputBuckets(raw, profile.name, chosen), false);
        if (!edit.ok) return { ...edit, profile: profile.name, added: [], notAdded };
        deps.log.info(listsBuckets(profile.name, chosen));
      }
      return { ok: notAdded.length === 0, profile: profile.name, added: chosen, notAdded };
    },
    ui: async (arg) => {
      const profile = await profileFor(deps, arg, vscode.l10n.t('Add Output Buckets from Account'));
      if (!profile) return undefined;
      const found = await deps.ui.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the media buckets of {0}…', profile.name) },
        () => candidatesOf(deps, profile),
      );
      if ('error' in found) {
        const text = vscode.l10n.t('Could not list the MPS media buckets of profile {0}: {1}', profile.name, describeError(found.error));
        deps.log.warn(text);
        void notify(deps, 'error', text, failed(found.error).error);
        return undefined;
      }
      if (found.candidates.length === 0) {
        void deps.ui.showInformationMessage(
          found.outputs === 0
            ? vscode.l10n.t('The account has no MPS output buckets in {0}.', profile.region)
            : vscode.l10n.t('Every MPS output bucket of the account in {0} ({1}) is already in profile {2}.', profile.region, found.outputs, profile.name),
        );
        return undefined;
      }
      const picked = await deps.ui.showQuickPick(
        // Names are valid bucket names by now (candidatesOf); a Referer is whatever the server says.
        found.candidates.map((b) => inertItem({ label: b.bucket, description: b.referer ? `Referer ${b.referer}` : vscode.l10n.t('no Referer'), bucket: b.bucket })),
        {
          title: vscode.l10n.t('Add output buckets to {0}', profile.name),
          placeHolder:
          found.candidates.length === 1
            ? vscode.l10n.t('1 MPS output bucket in {0} not yet in this profile', profile.region)
            : vscode.l10n.t('{0} MPS output buckets in {1} not yet in this profile', found.candidates.length, profile.region),
          canPickMany: true,
          matchOnDescription: true,
          ignoreFocusOut: true,
        },
      );
      if (!picked || picked.length === 0) return undefined;
      const buckets = picked.map((p) => p.bucket);
      const edit = await editProfiles(deps, (raw) => addOutputBuckets(raw, profile.name, buckets), true);
      if (!edit.ok) return undefined;
      deps.log.info(listsBuckets(profile.name, buckets));
      void deps.ui.showInformationMessage(
      buckets.length === 1
        ? vscode.l10n.t('Added 1 output bucket to profile {0}: {1}.', profile.name, buckets.join(', '))
        : vscode.l10n.t('Added {0} output buckets to profile {1}: {2}.', buckets.length, profile.name, buckets.join(', ')),
    );
      return undefined;
    },
  };
}

/**
 * The shared listing (the tree's, when it has one; a failed one is asked again), filtered to Output buckets the
 * profile does not list, once each, in the account's order. A name the settings could not hold is left out and logged.
 */
async function candidatesOf(deps: CommandDeps, profile: Profile): Promise<Candidates> {
  if (deps.listings.peekBuckets(profile.name)?.status === 'failed') deps.listings.forgetBuckets(profile.name);
  const listing = await deps.listings.bucketsOf(profile.name);
  if (listing.status !== 'loaded') return { error: listing.status === 'failed' ? listing.error : new Error('The media bucket listing did not finish.') };
  const outputs = listing.value.buckets.filter((b) => b.type === 'Output');
  const seen = new Set<string>(profile.outputBuckets);
  const candidates: MediaBucket[] = [];
  for (const bucket of outputs) {
    if (seen.has(bucket.bucket)) continue;
    seen.add(bucket.bucket);
    const problem = validateBucketName(bucket.bucket);
    if (problem) {
      deps.log.warn(vscode.l10n.t('Add Output Buckets from Account: skipped "{0}" from ListAllMediaBucket: {1}', bucket.bucket, problem));
      continue;
    }
    candidates.push(bucket);
  }
  return { candidates, outputs: new Set(outputs.map((b) => b.bucket)).size };
}

/** The log's line for buckets written to a profile. */
function listsBuckets(profile: string, buckets: readonly string[]): string {
  return vscode.l10n.t('Profile {0} now lists the output buckets {1}.', profile, buckets.join(', '));
}
