// MPS BindOutputBucket — the undo of an unbind. Not a command of its own: undo (commands/undo.ts) runs it
// through the same pipeline, so it gets the busy row, the dedupe, the refresh and the record.

import type { Acknowledged } from '../../cloud';
import type { BucketTarget } from '../targets';
import type { Mutation } from './mutation';
import { unbindOutputBucket } from './unbindOutputBucket';

export const bindOutputBucket: Mutation<BucketTarget, Acknowledged> = {
  ...unbindOutputBucket,
  action: 'BindOutputBucket',
  words: { busy: 'binding…', verb: 'bind', running: 'Binding', done: 'Bound', nouns: 'buckets' },
  confirm: () => {
    throw new Error('BindOutputBucket is only run as an undo, with the undo confirmation.');
  },
  send: (session, t, signal) => session.mps().bindOutputBucket(t.bucket, { signal }),
  succeeded: (t) => ({ text: `Bound output bucket "${t.bucket}" again` }),
};
