// MPS UnbindInputBucket and its undo, BindInputBucket — from input bucket rows (one or many selected), the Command
// Palette, or code:
//   executeCommand('alicloudMedia.unbindInputBucket', { profile, bucket })    → UnbindResult
//   executeCommand('alicloudMedia.unbindInputBucket', { profile, buckets })   → BulkUnbindResult
// Before the modal, each bucket's Referer is read from the shared listing and kept with the unbind's record, so the
// undo binds it again with that Referer. A RoleArn cannot be kept: no listing shows it (the undo modal says so).

import * as vscode from 'vscode';
import type { Acknowledged } from '../../cloud';
import { COMMANDS } from '../../commandIds';
import { parseUnbindArgument } from '../commandArgs';
import { unbindConfirmation, type UnbindWords } from '../confirmation';
import { confirmationWords } from '../confirmationWords';
import { chooseBucketsToUnbind } from '../pickers';
import type { BucketTarget } from '../targets';
import { cloudAction, undoOnly, type Mutation } from './mutation';
import { revocation } from './operation';
import type { RevocationCommand } from './registerRevocation';
import { bindText, unbindOutputBucket, unbindText } from './unbindOutputBucket';

export interface InputBucketTarget extends BucketTarget {
  /** As ListAllMediaBucket showed it before the unbind ('' for none); undefined when the listing could not say. */
  readonly referer?: string;
}

export const inputUnbindWords: UnbindWords = {
  question: (buckets) =>
    buckets.length === 1 ? vscode.l10n.t('Unbind input bucket "{0}" from MPS?', buckets[0] as string) : vscode.l10n.t('Unbind {0} input buckets from MPS?', buckets.length),
  effect: (count) =>
    count === 1
      ? vscode.l10n.t('MPS will no longer read media from this bucket: workflows that take their input from it stop. The bucket and its objects in OSS are not changed; binding again restores access.')
      : vscode.l10n.t('MPS will no longer read media from these buckets: workflows that take their input from them stop. The buckets and their objects in OSS are not changed; binding again restores access.'),
  accept: (count) => (count === 1 ? vscode.l10n.t('Unbind') : vscode.l10n.t('Unbind {0}', count)),
};

export const unbindInputBucket: Mutation<InputBucketTarget, Acknowledged> = {
  ...unbindOutputBucket,
  ...cloudAction('UnbindInputBucket'),
  text: unbindText,
  rows: (t) => ({ kind: 'bucket', profile: t.profile, type: 'Input', bucket: t.bucket }),
  // The listing every bucket row shows (one ListAllMediaBucket for the whole run); a failed one is asked again.
  // When it cannot say, the unbind still goes ahead: in an incident the revocation matters more than its undo.
  async prepare(_session, t, listings) {
    if (t.referer !== undefined) return t;
    const listing = await listings.bucketsForCommand(t.profile);
    const shown = listing.status === 'loaded' ? listing.value.buckets.find((b) => b.type === 'Input' && b.bucket === t.bucket) : undefined;
    return shown ? { ...t, referer: shown.referer ?? '' } : t;
  },
  confirm: (scope, targets) => unbindConfirmation(scope, targets.map((t) => t.bucket), inputUnbindWords, confirmationWords),
  send: (session, t, signal) => session.mps().unbindInputBucket(t.bucket, { ...(t.referer !== undefined ? { referer: t.referer } : {}) }, { signal }),
  succeeded: (t) => ({ text: vscode.l10n.t('Unbound input bucket "{0}"', t.bucket) }),
};

export const bindInputBucket: Mutation<InputBucketTarget, Acknowledged> = {
  ...unbindInputBucket,
  ...cloudAction('BindInputBucket'),
  text: bindText,
  prepare: undefined,
  confirm: undoOnly('BindInputBucket'),
  send: (session, t, signal) => session.mps().bindInputBucket(t.bucket, t.referer, { signal }),
  succeeded: (t) => ({ text: vscode.l10n.t('Bound input bucket "{0}" again', t.bucket) }),
};

export const unbindInputBucketCommand: RevocationCommand<InputBucketTarget, Acknowledged> = {
  id: COMMANDS.unbindInputBucket,
  mutation: unbindInputBucket,
  parse: parseUnbindArgument,
  choose: (deps, rows) =>
    chooseBucketsToUnbind(deps, rows, 'Input', {
      profileTitle: vscode.l10n.t('Unbind Input Bucket'),
      bucketsTitle: (profile) => vscode.l10n.t('Unbind input buckets of {0}', profile),
    }),
};

export const unbindInputBucketOperation = revocation({
  action: 'UnbindInputBucket',
  command: unbindInputBucketCommand,
  undo: bindInputBucket,
  undoTarget: (_session, profile, planned) => ({ profile, ...planned }),
  undoWords: {
    describe: (planned) =>
      planned.referer
        ? vscode.l10n.t('Bind input bucket {0} again with Referer {1}.', planned.bucket, planned.referer)
        : vscode.l10n.t('Bind input bucket {0} again.', planned.bucket),
    caveat: (planned) =>
      planned.referer === undefined
        ? vscode.l10n.t('The Referer was not read before the unbind, so it is not restored; nor is a RoleArn, which no listing shows. Set them again in the MPS console if the bucket had them.')
        : vscode.l10n.t('The Referer is given back as ListAllMediaBucket showed it before the unbind. A RoleArn the bucket was bound with is not restored (no listing shows it): set it again in the MPS console if it had one.'),
  },
});
