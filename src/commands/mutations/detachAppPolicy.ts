// VOD DetachAppPolicyFromIdentity and its undo, AttachAppPolicyToIdentity — from identity rows (pick its policies), policy rows (one or many selected), the
// Command Palette, or code:
//   executeCommand('alicloudMedia.detachAppPolicy', { profile, identityType, identityName, appId?, policyNames })
//   executeCommand('alicloudMedia.detachAppPolicy', { profile, identities: [{ identityType, identityName, appId?, policyNames }] })
// Selected policies are grouped per identity: one call each (PolicyNames is a list). The undo reattaches exactly
// what the detach removed, run by commands/undo.ts through the registry (operations.ts).

import * as vscode from 'vscode';
import { identityText, type PolicyChangeResult } from '../../cloud';
import { COMMANDS } from '../../commandIds';
import { identityKey } from '../../settings/profileConfig';
import { parseDetachArgument } from '../commandArgs';
import { detachConfirmation } from '../confirmation';
import { confirmationWords } from '../confirmationWords';
import { pickIdentities, pickPolicies, pickProfile } from '../pickers';
import { foundResolved, policySelectionOf, sentIdentity, type PolicyTarget } from '../targets';
import type { ProfileSession } from '../../profiles/profileSessions';
import type { ResolvedIdentity } from '../../profiles/identityResolver';
import type { ProfileIdentity } from '../../settings/profileConfig';
import type { Reattach } from '../../history/reversals';
import { cloudAction, undoOnly, type Mutation, type SuccessReport } from './mutation';
import { revocation } from './operation';
import { confirmationWithRam, reportWithRam, withRamRemaining } from './ramRemaining';
import type { RevocationCommand } from './registerRevocation';

/** The target as the caller named it, plus the UserId VOD was sent when it was resolved from a name. */
export function policyFields(t: PolicyTarget) {
  const { identityType, identityName, appId } = t.identity;
  const userId = t.resolved?.userId && t.resolved.userId !== identityName ? { userId: t.resolved.userId } : {};
  return { profile: t.profile, identityType, identityName, ...userId, appId, policyNames: [...t.policyNames] };
}

/** The identity to send: resolved by the pipeline's prepare, or now (the bench drives execution directly). */
export async function vodIdentity(session: ProfileSession, t: PolicyTarget) {
  return t.resolved ?? (await session.identities.resolve(t.identity));
}

/**
 * What Detach/Attach answered: which of the asked names changed, which the server did not know or could not do.
 * `done` words the change: "Detached {names} from {who}".
 */
export function policyChange(done: (names: string, who: string) => string, t: PolicyTarget, result: PolicyChangeResult): SuccessReport {
  const changed = t.policyNames.filter((n) => !result.nonExistPolicyNames.includes(n) && !result.failedPolicyNames.includes(n));
  const parts = [done(changed.length ? changed.join(', ') : vscode.l10n.t('nothing'), identityText(sentIdentity(t)))];
  if (result.nonExistPolicyNames.length) parts.push(vscode.l10n.t('Not attached: {0}', result.nonExistPolicyNames.join(', ')));
  if (result.failedPolicyNames.length) parts.push(vscode.l10n.t('Failed: {0}', result.failedPolicyNames.join(', ')));
  return {
    text: parts.join(vscode.l10n.t('. ')),
    partial: result.failedPolicyNames.length > 0,
    fields: { nonExistPolicyNames: [...result.nonExistPolicyNames], failedPolicyNames: [...result.failedPolicyNames] },
    ...(result.failedPolicyNames.length ? { logNote: `FailedPolicyNames [${result.failedPolicyNames.join(', ')}]` } : {}),
  };
}

export const detachAppPolicy: Mutation<PolicyTarget, PolicyChangeResult> = {
  ...cloudAction('DetachAppPolicyFromIdentity'),
  text: {
    busy: () => vscode.l10n.t('detaching…'),
    running: (count, profile) => vscode.l10n.t('Detaching app policies from {0} identities (profile {1})', count, profile),
    alreadyRunning: (labels) => vscode.l10n.t('Detaching app policies from {0} is already in progress.', labels),
    done: (succeeded, total) => vscode.l10n.t('Detached policies from {0} of {1} identities', succeeded, total),
    failed: (label, error) => vscode.l10n.t('Could not detach from {0}: {1}', label, error),
    notSent: (error) => vscode.l10n.t('Cannot detach: {0}', error),
  },
  key: (t) => `${identityKey(t.identity)}:${[...t.policyNames].sort().join(',')}`,
  label: (t) => `${identityText(sentIdentity(t))} ${t.policyNames.join(',')}`,
  fields: policyFields,
  rows: (t) => ({ kind: 'identity', profile: t.profile, identity: t.identity, policyNames: t.policyNames }),
  // named(): the modal says `alice (2037…0001)` for a user configured by UserId; VOD is sent the same UserId.
  // Then what RAM still grants, so the modal, the notification and the log say what the detach leaves (#20).
  prepare: async (session, t) => withRamRemaining(session, await prepareNamed(session, t)),
  confirm: (scope, targets) => confirmationWithRam(detachConfirmation(scope, targets.map((t) => ({ identity: sentIdentity(t), policyNames: t.policyNames })), confirmationWords), targets),
  send: async (session, t, signal) => session.vod().detachAppPolicyFromIdentity(await vodIdentity(session, t), t.policyNames, { signal }),
  succeeded: (t, result) => reportWithRam(policyChange((names, who) => vscode.l10n.t('Detached {0} from {1}', names, who), t, result), t),
};

async function prepareNamed(session: ProfileSession, t: PolicyTarget): Promise<PolicyTarget> {
  return t.resolved ? t : { ...t, resolved: await session.identities.named(t.identity) };
}

export const detachAppPolicyCommand: RevocationCommand<PolicyTarget, PolicyChangeResult> = {
  id: COMMANDS.detachAppPolicy,
  mutation: detachAppPolicy,
  parse: parseDetachArgument,
  async choose(deps, rows) {
    const selection = policySelectionOf(rows);
    const targets = [...selection.targets];
    let identities = selection.identities.map((n) => ({ profile: n.profile, identity: n.identity, ...(n.kind === 'foundIdentity' ? { resolved: foundResolved(n.found) } : {}) }));
    if (targets.length === 0 && identities.length === 0) {
      const profile = await pickProfile(deps, vscode.l10n.t('Detach App Policy'));
      if (!profile) return undefined;
      const picked = await pickIdentities(deps, profile, vscode.l10n.t('Detach app policies in {0}', profile.name), false);
      if (!picked) return undefined;
      identities = picked.map((identity) => ({ profile, identity }));
    }
    for (const chosen of identities) {
      const policyNames = await pickPolicies(deps, chosen.profile, chosen.identity);
      if (!policyNames) return undefined;
      targets.push({ profile: chosen.profile.name, identity: chosen.identity, policyNames, ...('resolved' in chosen ? { resolved: chosen.resolved } : {}) });
    }
    return targets;
  },
};

export const attachAppPolicy: Mutation<PolicyTarget, PolicyChangeResult> = {
  ...detachAppPolicy,
  ...cloudAction('AttachAppPolicyToIdentity'),
  text: {
    busy: () => vscode.l10n.t('attaching…'),
    running: (count, profile) => vscode.l10n.t('Attaching app policies to {0} identities (profile {1})', count, profile),
    alreadyRunning: (labels) => vscode.l10n.t('Attaching app policies to {0} is already in progress.', labels),
    done: (succeeded, total) => vscode.l10n.t('Attached policies to {0} of {1} identities', succeeded, total),
    failed: (label, error) => vscode.l10n.t('Could not attach to {0}: {1}', label, error),
    notSent: (error) => vscode.l10n.t('Cannot attach: {0}', error),
  },
  prepare: prepareNamed,
  confirm: undoOnly('AttachAppPolicyToIdentity'),
  send: async (session, t, signal) => session.vod().attachAppPolicyToIdentity(await vodIdentity(session, t), t.policyNames, { signal }),
  succeeded: (t, result) => policyChange((names, who) => vscode.l10n.t('Attached {0} to {1}', names, who), t, result),
};

/**
 * The attach sends exactly the identity the detach was sent (its record's UserId), never a fresh resolution of a
 * name that may meanwhile belong to someone else. The configured identity it belongs to, if any, names the rows
 * to refresh and the user's name for people.
 */
async function reattachTarget(session: ProfileSession, profile: string, planned: Reattach): Promise<PolicyTarget> {
  const sent = planned.identity;
  let configured: ProfileIdentity | undefined;
  for (const identity of session.profile.identities) {
    if (identity.identityType !== sent.identityType || identity.appId !== sent.appId) continue;
    const resolved = session.identities.peek(identity) ?? (await session.identities.resolve(identity).catch(() => undefined));
    if (resolved?.identityName === sent.identityName) {
      configured = identity;
      break;
    }
  }
  // A UserId or a role name resolves to itself; a UserId gains its name from the account's user list, for the modal.
  const named = await session.identities.named({ identityType: sent.identityType, identityName: sent.identityName, appId: sent.appId });
  const resolved: ResolvedIdentity = {
    ...named,
    identityName: sent.identityName,
    ...(configured && configured.identityName !== sent.identityName ? { userName: configured.identityName } : {}),
  };
  return { profile, identity: configured ?? { identityType: sent.identityType, identityName: sent.identityName, appId: sent.appId }, policyNames: planned.policyNames, resolved };
}

export const detachAppPolicyOperation = revocation({
  action: 'DetachAppPolicyFromIdentity',
  command: detachAppPolicyCommand,
  undo: attachAppPolicy,
  undoTarget: reattachTarget,
  undoWords: {
    describe: (planned, target) => vscode.l10n.t('Attach {0} to {1} again.', planned.policyNames.join(', '), identityText(target?.resolved ?? planned.identity)),
    caveat: () => vscode.l10n.t('Only the policies the detach confirmed removed are attached again.'),
  },
});
