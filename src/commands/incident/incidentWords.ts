// The words of Revoke All Media Access (#21): one line per step, per thing that remains, and the counts, in the
// display language. Names in them come from servers (apps, policies, groups): callers pass the text through
// inertText before showing it.

import * as vscode from 'vscode';
import { describeError } from '../../cloud';
import { describeRoutes } from '../../cloud/ramGrantText';
import type { IncidentRemain, IncidentStep, IncidentStepKind } from '../../cloud/incidentPlan';

export function stepText(step: IncidentStep): string {
  switch (step.kind) {
    case 'appPolicies':
      return vscode.l10n.t('Detach app policies {0} in VOD app {1} ({2})', step.policyNames.join(', '), step.appName || step.appId, step.appId);
    case 'ramPolicy':
      return step.principal === 'User'
        ? vscode.l10n.t('Detach RAM policy {0} ({1}) from RAM user {2}', step.policyName, step.policyType, step.principalName)
        : vscode.l10n.t('Detach RAM policy {0} ({1}) from RAM role {2}', step.policyName, step.policyType, step.principalName);
    case 'groupMembership':
      return vscode.l10n.t('Remove RAM user {0} from group {1} (it grants {2})', step.userName, step.groupName, step.grantingPolicies.join(', '));
  }
}

/** What else a step takes: a membership takes the group's other policies too. */
export function stepDetail(step: IncidentStep): string | undefined {
  if (step.kind !== 'groupMembership') return step.kind === 'ramPolicy' ? vscode.l10n.t('RAM write: the policy is removed from this identity for every service it covers.') : undefined;
  if (step.alsoLoses === undefined) return vscode.l10n.t('Also loses: not known — the group\'s policies could not be read ({0}).', step.alsoLosesError ? describeError(step.alsoLosesError) : '?');
  return step.alsoLoses.length > 0 ? vscode.l10n.t('Also loses the group\'s other policies: {0}', step.alsoLoses.join(', ')) : vscode.l10n.t('The group holds no other policies.');
}

export function remainText(r: IncidentRemain): string {
  switch (r.kind) {
    case 'appPoliciesNotSeen':
      return vscode.l10n.t('App policies were not read: the key is not known to be a VOD app administrator ({0})', r.reason);
    case 'appListingFailed':
      return r.appId ? vscode.l10n.t('App policies in {0} were not read: {1}', r.appId, describeError(r.error)) : vscode.l10n.t('The VOD applications were not listed: {0}', describeError(r.error));
    case 'customAppPolicy':
      return vscode.l10n.t('Custom app policies {0} in {1} (VOD detaches system policies only)', r.policyNames.join(', '), r.appId);
    case 'ramUnevaluated':
      return vscode.l10n.t('RAM policy {0} {1}: could not be evaluated, may grant access', r.policyName, describeRoutes(r.routes));
    case 'ramReadFailed':
      return vscode.l10n.t('RAM {0} about {1} failed: {2}', r.gap.action, r.gap.subject, describeError(r.gap.error));
    case 'ramNotRead':
      return vscode.l10n.t('RAM grants were not read: {0}', describeError(r.error));
    case 'membershipKept':
      return vscode.l10n.t('Membership of group {0} (unticked) keeps {1}', r.groupName, r.policies.join(', '));
  }
}

export function countsText(counts: Record<IncidentStepKind, number>): string {
  return vscode.l10n.t('{0} app-policy detaches (VOD), {1} RAM policy detaches, {2} group memberships removed (RAM)', counts.appPolicies, counts.ramPolicy, counts.groupMembership);
}
