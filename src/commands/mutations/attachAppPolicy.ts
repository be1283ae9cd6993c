// VOD AttachAppPolicyToIdentity — the undo of a detach, run through the same pipeline by commands/undo.ts.

import * as vscode from 'vscode';
import type { PolicyChangeResult } from '../../cloud';
import type { PolicyTarget } from '../targets';
import { detachAppPolicy, policyChange, vodIdentity } from './detachAppPolicy';
import type { Mutation } from './mutation';

export const attachAppPolicy: Mutation<PolicyTarget, PolicyChangeResult> = {
  ...detachAppPolicy,
  action: 'AttachAppPolicyToIdentity',
  text: {
    busy: () => vscode.l10n.t('attaching…'),
    running: (count, profile) => vscode.l10n.t('Attaching app policies to {0} identities (profile {1})', count, profile),
    alreadyRunning: (labels) => vscode.l10n.t('Attaching app policies to {0} is already in progress.', labels),
    done: (succeeded, total) => vscode.l10n.t('Attached policies to {0} of {1} identities', succeeded, total),
    failed: (label, error) => vscode.l10n.t('Could not attach to {0}: {1}', label, error),
    notSent: (error) => vscode.l10n.t('Cannot attach: {0}', error),
  },
  confirm: () => {
    throw new Error('AttachAppPolicyToIdentity is only run as an undo, with the undo confirmation.');
  },
  send: async (session, t, signal) => session.vod().attachAppPolicyToIdentity(await vodIdentity(session, t), t.policyNames, { signal }),
  succeeded: (t, result) => policyChange((names, who) => vscode.l10n.t('Attached {0} to {1}', names, who), t, result),
};
