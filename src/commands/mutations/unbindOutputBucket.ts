// MPS UnbindOutputBucket and its undo, BindOutputBucket — from bucket rows (one or many selected), the Command
// Palette, or code:
//   executeCommand('alicloudMedia.unbindOutputBucket', { profile, bucket })    → UnbindResult
//   executeCommand('alicloudMedia.unbindOutputBucket', { profile, buckets })   → BulkUnbindResult
// The undo is not a command of its own: commands/undo.ts runs it through the registry (operations.ts).

import * as vscode from 'vscode';
import type { Acknowledged } from '../../cloud';
import { COMMANDS } from '../../commandIds';
import { parseUnbindArgument } from '../commandArgs';
import { unbindConfirmation, type UnbindWords } from '../confirmation';
import { confirmationWords } from '../confirmationWords';
import { chooseBucketsToUnbind } from '../pickers';
import type { BucketTarget } from '../targets';
import { cloudAction, undoOnly, type Mutation, type MutationText } from './mutation';
import { revocation } from './operation';
import type { RevocationCommand } from './registerRevocation';

/** What the bucket unbinds and binds say while they run: the same for input and output buckets. */
export const unbindText: MutationText = {
  busy: () => vscode.l10n.t('unbinding…'),
  running: (count, profile) => vscode.l10n.t('Unbinding {0} buckets (profile {1})', count, profile),
  alreadyRunning: (labels) => vscode.l10n.t('Unbinding {0} is already in progress.', labels),
  done: (succeeded, total) => vscode.l10n.t('Unbound {0} of {1} buckets', succeeded, total),
  failed: (label, error) => vscode.l10n.t('Could not unbind {0}: {1}', label, error),
  notSent: (error) => vscode.l10n.t('Cannot unbind: {0}', error),
};

export const bindText: MutationText = {
  busy: () => vscode.l10n.t('binding…'),
  running: (count, profile) => vscode.l10n.t('Binding {0} buckets (profile {1})', count, profile),
  alreadyRunning: (labels) => vscode.l10n.t('Binding {0} is already in progress.', labels),
  done: (succeeded, total) => vscode.l10n.t('Bound {0} of {1} buckets', succeeded, total),
  failed: (label, error) => vscode.l10n.t('Could not bind {0}: {1}', label, error),
  notSent: (error) => vscode.l10n.t('Cannot bind: {0}', error),
};

export const outputUnbindWords: UnbindWords = {
  question: (buckets) =>
    buckets.length === 1 ? vscode.l10n.t('Unbind output bucket "{0}" from MPS?', buckets[0] as string) : vscode.l10n.t('Unbind {0} output buckets from MPS?', buckets.length),
  effect: (count) =>
    count === 1
      ? vscode.l10n.t('MPS will no longer write transcoding output to this bucket. The buckets and their objects in OSS are not changed; binding again restores access.')
      : vscode.l10n.t('MPS will no longer write transcoding output to these buckets. The buckets and their objects in OSS are not changed; binding again restores access.'),
  accept: (count) => (count === 1 ? vscode.l10n.t('Unbind') : vscode.l10n.t('Unbind {0}', count)),
};

export const unbindOutputBucket: Mutation<BucketTarget, Acknowledged> = {
  ...cloudAction('UnbindOutputBucket'),
  text: unbindText,
  key: (t) => t.bucket,
  label: (t) => t.bucket,
  fields: (t) => ({ profile: t.profile, bucket: t.bucket }),
  rows: (t) => ({ kind: 'bucket', profile: t.profile, type: 'Output', bucket: t.bucket }),
  confirm: (scope, targets) => unbindConfirmation(scope, targets.map((t) => t.bucket), outputUnbindWords, confirmationWords),
  send: (session, t, signal) => session.mps().unbindOutputBucket(t.bucket, { signal }),
  succeeded: (t) => ({ text: vscode.l10n.t('Unbound output bucket "{0}"', t.bucket) }),
};

export const bindOutputBucket: Mutation<BucketTarget, Acknowledged> = {
  ...unbindOutputBucket,
  ...cloudAction('BindOutputBucket'),
  text: bindText,
  confirm: undoOnly('BindOutputBucket'),
  send: (session, t, signal) => session.mps().bindOutputBucket(t.bucket, { signal }),
  succeeded: (t) => ({ text: vscode.l10n.t('Bound output bucket "{0}" again', t.bucket) }),
};

export const unbindOutputBucketCommand: RevocationCommand<BucketTarget, Acknowledged> = {
  id: COMMANDS.unbindOutputBucket,
  mutation: unbindOutputBucket,
  parse: parseUnbindArgument,
  choose: (deps, rows) =>
    chooseBucketsToUnbind(deps, rows, 'Output', {
      profileTitle: vscode.l10n.t('Unbind Output Bucket'),
      bucketsTitle: (profile) => vscode.l10n.t('Unbind output buckets of {0}', profile),
    }),
};

export const unbindOutputBucketOperation = revocation({
  action: 'UnbindOutputBucket',
  command: unbindOutputBucketCommand,
  undo: bindOutputBucket,
  undoTarget: (_session, profile, planned) => ({ profile, bucket: planned.bucket }),
  undoWords: {
    describe: (planned) => vscode.l10n.t('Bind output bucket {0} again.', planned.bucket),
    caveat: () => vscode.l10n.t('BindOutputBucket takes only the bucket name: a Referer the bucket had is not restored — set it again in the MPS console.'),
  },
});
