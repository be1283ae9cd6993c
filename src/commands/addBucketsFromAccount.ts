// alicloudMedia.addOutputBucketsFromAccount / addInputBucketsFromAccount "Add … Buckets from Account…": the
// account's MPS buckets of that type (ListAllMediaBucket, the same shared listing the tree renders) that the profile
// does not list yet, picked several at a time with their Referer shown, and written to the profile in one settings
// edit. Nothing in the cloud changes.
// Programmatic: { profile, buckets?: string[] } → { ok, profile, added, notAdded } — every candidate when `buckets`
// is omitted; a named bucket that is not a candidate is reported in notAdded with the reason. Never prompts.

import * as vscode from 'vscode';
import { describeError, validateBucketName, type MediaBucket, type MediaBucketType } from '../cloud';
import { addBuckets } from '../settings/profileEdits';
import { siteOf } from '../cloud/sites';
import { bucketsOf, type Profile } from '../settings/profileConfig';
import type { CommandDeps } from './deps';
import { notify } from './notify';
import { profileFor } from './pickers';
import type { CommandHandlers } from './commandHandlers';
import { failed, invalidArgument } from './results';
import { editProfiles } from './settingsEdit';
import { inertItem } from '../inertText';
import { profileArgument } from './commandArgs';

interface NotAdded {
  readonly bucket: string;
  readonly reason: string;
}

/** The account's answer for this profile: buckets of the type it does not list yet, or the listing's error. */
type Candidates = { readonly candidates: readonly MediaBucket[]; readonly ofType: number } | { readonly error: unknown };

/** Whole sentences per type: word order differs between languages. */
interface FromAccountWords {
  title(): string;
  notOfType(): string;
  none(region: string): string;
  allListed(region: string, count: number, profile: string): string;
  pickTitle(profile: string): string;
  placeholder(count: number, region: string): string;
  added(buckets: readonly string[], profile: string): string;
  skipped(bucket: string, problem: string): string;
  lists(profile: string, buckets: string): string;
}

const FROM_ACCOUNT: Record<MediaBucketType, FromAccountWords> = {
  Output: {
    title: () => vscode.l10n.t('Add Output Buckets from Account'),
    notOfType: () => 'not an MPS output bucket of the account',
    none: (region) => vscode.l10n.t('The account has no MPS output buckets in {0}.', region),
    allListed: (region, count, profile) => vscode.l10n.t('Every MPS output bucket of the account in {0} ({1}) is already in profile {2}.', region, count, profile),
    pickTitle: (profile) => vscode.l10n.t('Add output buckets to {0}', profile),
    placeholder: (count, region) =>
      count === 1 ? vscode.l10n.t('1 MPS output bucket in {0} not yet in this profile', region) : vscode.l10n.t('{0} MPS output buckets in {1} not yet in this profile', count, region),
    added: (buckets, profile) =>
      buckets.length === 1
        ? vscode.l10n.t('Added 1 output bucket to profile {0}: {1}.', profile, buckets.join(', '))
        : vscode.l10n.t('Added {0} output buckets to profile {1}: {2}.', buckets.length, profile, buckets.join(', ')),
    skipped: (bucket, problem) => vscode.l10n.t('Add Output Buckets from Account: skipped "{0}" from ListAllMediaBucket: {1}', bucket, problem),
    lists: (profile, buckets) => vscode.l10n.t('Profile {0} now lists the output buckets {1}.', profile, buckets),
  },
  Input: {
    title: () => vscode.l10n.t('Add Input Buckets from Account'),
    notOfType: () => 'not an MPS input bucket of the account',
    none: (region) => vscode.l10n.t('The account has no MPS input buckets in {0}.', region),
    allListed: (region, count, profile) => vscode.l10n.t('Every MPS input bucket of the account in {0} ({1}) is already in profile {2}.', region, count, profile),
    pickTitle: (profile) => vscode.l10n.t('Add input buckets to {0}', profile),
    placeholder: (count, region) =>
      count === 1 ? vscode.l10n.t('1 MPS input bucket in {0} not yet in this profile', region) : vscode.l10n.t('{0} MPS input buckets in {1} not yet in this profile', count, region),
    added: (buckets, profile) =>
      buckets.length === 1
        ? vscode.l10n.t('Added 1 input bucket to profile {0}: {1}.', profile, buckets.join(', '))
        : vscode.l10n.t('Added {0} input buckets to profile {1}: {2}.', buckets.length, profile, buckets.join(', ')),
    skipped: (bucket, problem) => vscode.l10n.t('Add Input Buckets from Account: skipped "{0}" from ListAllMediaBucket: {1}', bucket, problem),
    lists: (profile, buckets) => vscode.l10n.t('Profile {0} now lists the input buckets {1}.', profile, buckets),
  },
};

export function addBucketsFromAccountCommand(type: MediaBucketType): (deps: CommandDeps) => CommandHandlers {
  const words = FROM_ACCOUNT[type];
  return (deps) => ({
    caller: async (arg) => {
      const profile = profileArgument(deps.settings, arg.profile);
      if ('error' in profile) return profile;
      const wanted = arg.buckets;
      if (wanted !== undefined && !(Array.isArray(wanted) && wanted.length > 0 && wanted.every((b) => typeof b === 'string'))) {
        return invalidArgument('buckets must be a non-empty array of bucket names, or omitted for every candidate.');
      }
      const problem = (wanted as string[] | undefined)?.map((b) => validateBucketName(b)).find((p) => p !== undefined);
      if (problem) return invalidArgument(problem);
      const found = await candidatesOf(deps, profile, type, words);
      if ('error' in found) return { ...failed(found.error), profile: profile.name };
      const names = new Set(found.candidates.map((c) => c.bucket));
      const chosen = wanted === undefined ? [...names] : (wanted as string[]).filter((b) => names.has(b));
      const notAdded: NotAdded[] = ((wanted as string[] | undefined) ?? [])
        .filter((b) => !names.has(b))
        .map((bucket) => ({
          bucket,
          reason: bucketsOf(profile, type).includes(bucket) ? 'already in the profile' : words.notOfType(),
        }));
      if (chosen.length > 0) {
        const edit = await editProfiles(deps, (raw) => addBuckets(raw, profile.name, type, chosen), false);
        if (!edit.ok) return { ...edit, profile: profile.name, added: [], notAdded };
        deps.log.info(words.lists(profile.name, chosen.join(', ')));
      }
      return { ok: notAdded.length === 0, profile: profile.name, added: chosen, notAdded };
    },
    ui: async (arg) => {
      const profile = await profileFor(deps, arg, words.title());
      if (!profile) return undefined;
      const found = await deps.ui.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the media buckets of {0}…', profile.name) },
        () => candidatesOf(deps, profile, type, words),
      );
      if ('error' in found) {
        const text = vscode.l10n.t('Could not list the MPS media buckets of profile {0}: {1}', profile.name, describeError(found.error));
        deps.log.warn(text);
        void notify(deps, 'error', text, { ...failed(found.error).error, site: siteOf(profile) });
        return undefined;
      }
      if (found.candidates.length === 0) {
        void deps.ui.showInformationMessage(
          found.ofType === 0 ? words.none(profile.region) : words.allListed(profile.region, found.ofType, profile.name),
        );
        return undefined;
      }
      const picked = await deps.ui.showQuickPick(
        // Names are valid bucket names by now (candidatesOf); a Referer is whatever the server says.
        found.candidates.map((b) => inertItem({ label: b.bucket, description: b.referer ? `Referer ${b.referer}` : vscode.l10n.t('no Referer'), bucket: b.bucket })),
        {
          title: words.pickTitle(profile.name),
          placeHolder: words.placeholder(found.candidates.length, profile.region),
          canPickMany: true,
          matchOnDescription: true,
          ignoreFocusOut: true,
        },
      );
      if (!picked || picked.length === 0) return undefined;
      const buckets = picked.map((p) => p.bucket);
      const edit = await editProfiles(deps, (raw) => addBuckets(raw, profile.name, type, buckets), true);
      if (!edit.ok) return undefined;
      deps.log.info(words.lists(profile.name, buckets.join(', ')));
      void deps.ui.showInformationMessage(words.added(buckets, profile.name));
      return undefined;
    },
  });
}

/**
 * The shared listing (the tree's, when it has one; a failed one is asked again), filtered to buckets of the type the
 * profile does not list, once each, in the account's order. A name the settings could not hold is left out and logged.
 */
async function candidatesOf(deps: CommandDeps, profile: Profile, type: MediaBucketType, words: FromAccountWords): Promise<Candidates> {
  const listing = await deps.listings.bucketsForCommand(profile.name);
  if (listing.status !== 'loaded') return { error: listing.status === 'failed' ? listing.error : new Error('The media bucket listing did not finish.') };
  const ofType = listing.value.buckets.filter((b) => b.type === type);
  const seen = new Set<string>(bucketsOf(profile, type));
  const candidates: MediaBucket[] = [];
  for (const bucket of ofType) {
    if (seen.has(bucket.bucket)) continue;
    seen.add(bucket.bucket);
    const problem = validateBucketName(bucket.bucket);
    if (problem) {
      deps.log.warn(words.skipped(bucket.bucket, problem));
      continue;
    }
    candidates.push(bucket);
  }
  return { candidates, ofType: new Set(ofType.map((b) => b.bucket)).size };
}
