// MPS UnbindOutputBucket — from bucket rows (one or many selected), the Command Palette, or code:
//   executeCommand('alicloudMedia.unbindOutputBucket', { profile, bucket })    → UnbindResult
//   executeCommand('alicloudMedia.unbindOutputBucket', { profile, buckets })   → BulkUnbindResult

import type { Acknowledged } from '../../cloud';
import { COMMANDS } from '../../commandIds';
import { parseUnbindArgument } from '../commandArgs';
import { unbindConfirmation } from '../confirmation';
import { pickBuckets, pickProfile } from '../pickers';
import { bucketTargetsOf, type BucketTarget } from '../targets';
import type { Mutation } from './mutation';
import type { RevocationCommand } from './registerRevocation';

export const unbindOutputBucket: Mutation<BucketTarget, Acknowledged> = {
  action: 'UnbindOutputBucket',
  product: 'mps',
  words: { busy: 'unbinding…', verb: 'unbind', running: 'Unbinding', done: 'Unbound', nouns: 'buckets' },
  key: (t) => t.bucket,
  label: (t) => t.bucket,
  fields: (t) => ({ profile: t.profile, bucket: t.bucket }),
  rows: (t) => ({ kind: 'bucket', profile: t.profile, bucket: t.bucket }),
  confirm: (scope, targets) => unbindConfirmation(scope, targets.map((t) => t.bucket)),
  send: (session, t, signal) => session.mps().unbindOutputBucket(t.bucket, { signal }),
  succeeded: (t) => ({ text: `Unbound output bucket "${t.bucket}"` }),
};

export const unbindOutputBucketCommand: RevocationCommand<BucketTarget, Acknowledged> = {
  id: COMMANDS.unbindOutputBucket,
  mutation: unbindOutputBucket,
  parse: parseUnbindArgument,
  async choose(deps, rows) {
    const targets = bucketTargetsOf(rows);
    if (targets.length > 0) return targets;
    const profile = await pickProfile(deps, 'Unbind Output Bucket');
    if (!profile) return undefined;
    const buckets = await pickBuckets(deps, profile, `Unbind output buckets of ${profile.name}`, true);
    return buckets?.map((bucket) => ({ profile: profile.name, bucket }));
  },
};
