// VOD AttachAppPolicyToIdentity — the undo of a detach, run through the same pipeline by commands/undo.ts.

import type { PolicyChangeResult } from '../../cloud';
import type { PolicyTarget } from '../targets';
import { detachAppPolicy, policyChange, vodIdentity } from './detachAppPolicy';
import type { Mutation } from './mutation';

export const attachAppPolicy: Mutation<PolicyTarget, PolicyChangeResult> = {
  ...detachAppPolicy,
  action: 'AttachAppPolicyToIdentity',
  words: { busy: 'attaching…', verb: 'attach to', running: 'Attaching app policies to', done: 'Attached policies to', nouns: 'identities' },
  confirm: () => {
    throw new Error('AttachAppPolicyToIdentity is only run as an undo, with the undo confirmation.');
  },
  send: async (session, t, signal) => session.vod().attachAppPolicyToIdentity(await vodIdentity(session, t), t.policyNames, { signal }),
  succeeded: (t, result) => policyChange('Attached', 'to', t, result),
};
