// The confirmations' sentences in the display language (confirmation.ts builds the modals from them, without VS
// Code). Whole sentences per count, never pieces glued together: word order and plurals differ between languages.

import * as vscode from 'vscode';
import type { UndoRefusal } from '../history/undoPlan';
import type { ConfirmationWords } from './confirmation';

function refused(r: UndoRefusal): string {
  switch (r.why) {
    case 'notSucceeded':
      return vscode.l10n.t('Only successful revocations can be undone.');
    case 'alreadyUndone':
      return vscode.l10n.t('This revocation was already undone (RequestId {0}).', r.requestId);
    case 'superseded':
      return vscode.l10n.t('{0} changed the same target later ({1}, RequestId {2}): undoing this revocation would overrule it.', r.action, r.time, r.requestId ?? '-');
    case 'noProfile':
      return vscode.l10n.t('The request was not made with a profile, so there are no keys to undo it with.');
    case 'noBucket':
      return vscode.l10n.t('The record does not name the bucket.');
    case 'notRevocation':
      return vscode.l10n.t('{0} is not a revocation.', r.action);
    case 'noIdentity':
      return vscode.l10n.t('The record does not name the identity.');
    case 'noApp':
      return vscode.l10n.t('The record does not name the VOD application.');
    case 'noLists':
      return vscode.l10n.t('The record does not say which policies the detach removed.');
    case 'nothingRemoved':
      return vscode.l10n.t('The detach removed no policy: there is nothing to reattach.');
    case 'region':
      return vscode.l10n.t('Profile "{0}" now uses region {1}; the request was made in {2}.', r.profile, r.now, r.then);
    case 'endpoint':
      return vscode.l10n.t('Profile "{0}" now sends to {1}; the request went to {2}.', r.profile, r.now, r.then);
    case 'accessKey':
      return vscode.l10n.t('Profile "{0}" now signs with AccessKey {1}; the request was signed with {2}.', r.profile, r.now, r.then);
    case 'role':
      return vscode.l10n.t('Profile "{0}" now signs as role {1}; the request was signed as role {2}.', r.profile, r.now, r.then);
    case 'noRole':
      return vscode.l10n.t('Profile "{0}" now signs without a role; the request was signed as role {1}.', r.profile, r.role);
    case 'account':
      return vscode.l10n.t('Profile "{0}" now signs in account {1}; the request was made in account {2}.', r.profile, r.now, r.then);
    case 'accountUnreadable':
      return vscode.l10n.t('Cannot confirm that profile "{0}" still signs in account {1}, where the request was made: {2}.', r.profile, r.account, r.problem);
  }
}

export const confirmationWords: ConfirmationWords = {
  account: (accountId, arn) => vscode.l10n.t('Account: {0} as {1}', accountId, arn),
  accountUnknown: (why) => vscode.l10n.t('Account: unknown — {0}', why),
  scope: (profile, region, endpoint) => vscode.l10n.t('Profile: {0}\nRegion: {1}\nEndpoint: {2}', profile, region, endpoint),
  credentials: (route) => vscode.l10n.t('Credentials: {0}', route),
  proxy: (route) => vscode.l10n.t('Through proxy: {0}', route),
  andMore: (count) => vscode.l10n.t('… and {0} more', count),

  detachQuestion: (policyNames, who) =>
    policyNames.length === 1
      ? vscode.l10n.t('Detach app policy "{0}" from {1}?', policyNames[0] as string, who)
      : vscode.l10n.t('Detach {0} app policies from {1}?', policyNames.length, who),
  detachFromManyQuestion: (policies, identities) =>
    policies === 1 ? vscode.l10n.t('Detach 1 app policy from {0} identities?', identities) : vscode.l10n.t('Detach {0} app policies from {1} identities?', policies, identities),
  identityLine: (who) => vscode.l10n.t('Identity: {0}', who),
  detachEffect: (identities) =>
    identities === 1 ? vscode.l10n.t('The identity loses these VOD permissions immediately.') : vscode.l10n.t('The identities lose these VOD permissions immediately.'),
  detachAccept: (count) => (count === 1 ? vscode.l10n.t('Detach') : vscode.l10n.t('Detach {0}', count)),

  undoQuestion: (action, target) => vscode.l10n.t('Undo {0} of {1}?', action, target),
  undoKeyLines: (masked, requestId) => vscode.l10n.t('AccessKey: {0}\nOriginal RequestId: {1}', masked ?? vscode.l10n.t('(unknown)'), requestId ?? '-'),
  undoAccept: () => vscode.l10n.t('Undo'),
  refused,

  rewriteQuestion: (users, profile) =>
    users === 1 ? vscode.l10n.t('Write the UserIds of 1 RAM user into profile {0}?', profile) : vscode.l10n.t('Write the UserIds of {0} RAM users into profile {1}?', users, profile),
  rewriteNotChanged: () => vscode.l10n.t('Not changed (RAM could not say their UserId):'),
  rewriteEffect: () =>
    vscode.l10n.t(
      'VOD addresses RAM users by UserId. With the ids in the settings no GetUser call is needed, and a renamed or recreated user cannot be mistaken for another. Only alicloudMedia.profiles changes; nothing in the cloud does.',
    ),
  rewriteAccept: (count) => (count === 1 ? vscode.l10n.t('Use UserId') : vscode.l10n.t('Use UserIds')),
};
