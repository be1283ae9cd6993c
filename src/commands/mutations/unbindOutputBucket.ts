// MPS UnbindOutputBucket — from bucket rows (one or many selected), the Command Palette, or code:
//   executeCommand('alicloudMedia.unbindOutputBucket', { profile, bucket })    → UnbindResult
//   executeCommand('alicloudMedia.unbindOutputBucket', { profile, buckets })   → BulkUnbindResult

import * as vscode from 'vscode';
import type { Acknowledged } from '../../cloud';
import { COMMANDS } from '../../commandIds';
import { parseUnbindArgument } from '../commandArgs';
import { unbindConfirmation } from '../confirmation';
import { confirmationWords } from '../confirmationWords';
import { pickBuckets, pickProfile } from '../pickers';
import { bucketTargetsOf, type BucketTarget } from '../targets';
import type { Mutation } from './mutation';
import type { RevocationCommand } from './registerRevocation';

export const unbindOutputBucket: Mutation<BucketTarget, Acknowledged> = {
  action: 'UnbindOutputBucket',
  product: 'mps',
  text: {
    busy: () => vscode.l10n.t('unbinding…'),
    running: (count, profile) => vscode.l10n.t('Unbinding {0} buckets (profile {1})', count, profile),
    alreadyRunning: (labels) => vscode.l10n.t('Unbinding {0} is already in progress.', labels),
    done: (succeeded, total) => vscode.l10n.t('Unbound {0} of {1} buckets', succeeded, total),
    failed: (label, error) => vscode.l10n.t('Could not unbind {0}: {1}', label, error),
    notSent: (error) => vscode.l10n.t('Cannot unbind: {0}', error),
  },
  key: (t) => t.bucket,
  label: (t) => t.bucket,
  fields: (t) => ({ profile: t.profile, bucket: t.bucket }),
  rows: (t) => ({ kind: 'bucket', profile: t.profile, bucket: t.bucket }),
  confirm: (scope, targets) => unbindConfirmation(scope, targets.map((t) => t.bucket), confirmationWords),
  send: (session, t, signal) => session.mps().unbindOutputBucket(t.bucket, { signal }),
  succeeded: (t) => ({ text: vscode.l10n.t('Unbound output bucket "{0}"', t.bucket) }),
};

export const unbindOutputBucketCommand: RevocationCommand<BucketTarget, Acknowledged> = {
  id: COMMANDS.unbindOutputBucket,
  mutation: unbindOutputBucket,
  parse: parseUnbindArgument,
  async choose(deps, rows) {
    const targets = bucketTargetsOf(rows);
    if (targets.length > 0) return targets;
    const profile = await pickProfile(deps, vscode.l10n.t('Unbind Output Bucket'));
    if (!profile) return undefined;
    const buckets = await pickBuckets(deps, profile, vscode.l10n.t('Unbind output buckets of {0}', profile.name), true);
    return buckets?.map((bucket) => ({ profile: profile.name, bucket }));
  },
};
