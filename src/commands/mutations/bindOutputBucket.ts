// MPS BindOutputBucket — the undo of an unbind. Not a command of its own: undo (commands/undo.ts) runs it
// through the same pipeline, so it gets the busy row, the dedupe, the refresh and the record.

import * as vscode from 'vscode';
import type { Acknowledged } from '../../cloud';
import type { BucketTarget } from '../targets';
import type { Mutation } from './mutation';
import { unbindOutputBucket } from './unbindOutputBucket';

export const bindOutputBucket: Mutation<BucketTarget, Acknowledged> = {
  ...unbindOutputBucket,
  action: 'BindOutputBucket',
  text: {
    busy: () => vscode.l10n.t('binding…'),
    running: (count, profile) => vscode.l10n.t('Binding {0} buckets (profile {1})', count, profile),
    alreadyRunning: (labels) => vscode.l10n.t('Binding {0} is already in progress.', labels),
    done: (succeeded, total) => vscode.l10n.t('Bound {0} of {1} buckets', succeeded, total),
    failed: (label, error) => vscode.l10n.t('Could not bind {0}: {1}', label, error),
    notSent: (error) => vscode.l10n.t('Cannot bind: {0}', error),
  },
  confirm: () => {
    throw new Error('BindOutputBucket is only run as an undo, with the undo confirmation.');
  },
  send: (session, t, signal) => session.mps().bindOutputBucket(t.bucket, { signal }),
  succeeded: (t) => ({ text: vscode.l10n.t('Bound output bucket "{0}" again', t.bucket) }),
};
