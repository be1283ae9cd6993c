// The words for RAM grants, shared by rows, confirmations, notifications and the log: one spelling everywhere.
// A row reads `RAM policy AliyunVODFullAccess — every VOD app (via group media-devs)`; what remains after a detach
// reads `alice keeps access to every VOD app through RAM policy AliyunVODFullAccess, attached via group media-devs`.
// Policy, group and action names are data from RAM: callers pass the result through inertText before showing it.

import * as l10n from '@vscode/l10n';
import { grantsEverything, mayGrant, type RamService, type StatementReading } from './ramPolicy';
import type { GrantRoute, RamGrantee, RamPicture, RamPolicyGrant, RamReadGap } from './ramGrants';
import { describeWho } from './identity';

const SERVICE: Readonly<Record<RamService, string>> = { vod: 'VOD', mts: 'MPS' };

function list(items: readonly string[]): string {
  return items.join(', ');
}

/** What one statement says, e.g. "every VOD app", "denies VOD actions vod:Delete*", "cannot evaluate NotAction". */
export function describeStatement(s: StatementReading): string {
  if (s.kind === 'unreadable') return describeUnreadable(s);
  const service = SERVICE[s.service];
  let text: string;
  if (s.effect === 'Deny') {
    text = s.actions === 'all' ? l10n.t('denies every {0} action', service) : l10n.t('denies {0} actions {1}', service, list(s.actions));
  } else if (s.actions === 'all') {
    text = s.service === 'vod' ? l10n.t('every VOD app') : l10n.t('every MPS action');
  } else {
    text = l10n.t('{0} actions {1}', service, list(s.actions));
  }
  if (s.resources !== 'all') text = l10n.t('{0}, scoped to {1}', text, list(s.resources));
  if (s.conditions.length > 0) text = l10n.t('{0}, with conditions ({1})', text, list(s.conditions));
  return text;
}

function describeUnreadable(s: Extract<StatementReading, { kind: 'unreadable' }>): string {
  const detail = s.detail ?? '';
  switch (s.reason) {
    case 'invalidJson': return l10n.t('cannot evaluate: the document is not valid JSON');
    case 'notAnObject': return l10n.t('cannot evaluate: the document is not a policy object');
    case 'version': return l10n.t('cannot evaluate: unknown policy Version {0}', detail || '?');
    case 'noStatement': return l10n.t('cannot evaluate: Statement is not a list of statements');
    case 'effect': return l10n.t('cannot evaluate: Effect {0} is neither Allow nor Deny', detail || '?');
    case 'action': return l10n.t('cannot evaluate Action {0}', detail || '?');
    case 'resource': return l10n.t('cannot evaluate: a statement without Resource');
    case 'condition': return l10n.t('cannot evaluate: a Condition that is not an object');
    case 'notAction': return l10n.t('cannot evaluate NotAction (every action except {0})', detail || '?');
    case 'notResource': return l10n.t('cannot evaluate NotResource (every resource except {0})', detail || '?');
  }
}

/** For a row's parentheses: "via group media-devs", "attached directly". */
export function describeRoutes(routes: readonly GrantRoute[]): string {
  return list(routes.map((r) => (r.kind === 'direct' ? l10n.t('attached directly') : l10n.t('via group {0}', r.groupName))));
}

/** For a sentence: "attached via group media-devs", "attached directly". */
function describeAttachment(routes: readonly GrantRoute[]): string {
  return list(routes.map((r) => (r.kind === 'direct' ? l10n.t('attached directly') : l10n.t('attached via group {0}', r.groupName))));
}

/** What a policy grant says, without the routes: its statements, or why they are unknown. */
export function describeGrantReading(grant: RamPolicyGrant): string {
  if (grant.policyType === 'Unknown') return l10n.t('cannot evaluate: RAM answered an unknown PolicyType');
  if (!grant.reading) return l10n.t('document not read');
  return grant.reading.statements.map(describeStatement).join('; ');
}

/** The row: `RAM policy AliyunVODFullAccess — every VOD app (via group media-devs)`. */
export function describeGrantRow(grant: RamPolicyGrant): string {
  return l10n.t('RAM policy {0} — {1} ({2})', grant.policyName, describeGrantReading(grant), describeRoutes(grant.routes));
}

/** `ram:ListGroupsForUser` for a gap: the permission whose absence the error most likely means. */
export function missingPermission(gap: RamReadGap): string {
  return `ram:${gap.action}`;
}

/** A gap's row: what was not read and why, with the code; never "no access". */
export function describeGap(gap: RamReadGap): string {
  const code = gap.error.code || gap.error.kind;
  if (gap.error.code === 'NoPermission' || gap.error.code.startsWith('Forbidden') || gap.error.httpStatus === 403) {
    return l10n.t('RAM grants not fully read: {0} about {1} was refused ({2}); the key needs {3}', gap.action, gap.subject, code, missingPermission(gap));
  }
  return l10n.t('RAM grants not fully read: {0} about {1} failed ({2})', gap.action, gap.subject, code);
}

/** Grants that may let the identity act in the service after its app policies are gone. */
export function remainingGrants(picture: RamPicture, service: RamService = 'vod'): RamPolicyGrant[] {
  return picture.grants.filter((g) => !g.reading || g.policyType === 'Unknown' || g.reading.statements.some((s) => mayGrant(s, service)));
}

/**
 * One sentence per remaining grant, for the detach modal, the notification and the log:
 * "alice keeps access to every VOD app through RAM policy AliyunVODFullAccess, attached via group media-devs".
 */
export function describeRemaining(who: string, picture: RamPicture, service: RamService = 'vod'): string[] {
  const out = remainingGrants(picture, service).map((g) => {
    const routes = describeAttachment(g.routes);
    if (g.reading?.statements.some((s) => grantsEverything(s, service))) {
      return service === 'vod'
        ? l10n.t('{0} keeps access to every VOD app through RAM policy {1}, {2}', who, g.policyName, routes)
        : l10n.t('{0} keeps access to every MPS action through RAM policy {1}, {2}', who, g.policyName, routes);
    }
    return l10n.t('{0} may keep access through RAM policy {1} ({2}), {3}', who, g.policyName, describeGrantReading(g), routes);
  });
  if (picture.gaps.length > 0) out.push(l10n.t('RAM grants of {0} were not fully read: {1}', who, list(picture.gaps.map((g) => `${g.action} ${g.error.code || g.error.kind}${g.error.requestId ? ` RequestId ${g.error.requestId}` : ''}`))));
  return out;
}

/** A RAM-granted identity as every other row names it: `RamUser alice (2037…0001)`, `RamRole EditorRole`. */
export function describeGrantee(g: RamGrantee): string {
  if (g.identity.kind === 'Role') return describeWho({ identityType: 'RamRole', identityName: g.identity.name });
  return describeWho({ identityType: 'RamUser', identityName: g.userId ?? g.identity.name, ...(g.userId ? { userName: g.identity.name } : {}) });
}
