// Which rows sit under a Find Access to App result ("Access to <app name>") and how the group is worded: the found
// identities, one error row per identity whose listing failed, one per directory listing that failed, a note when
// a cancel left identities unasked. No VS Code import (its words come from @vscode/l10n); drawn by accessScanView.ts.

import * as l10n from '@vscode/l10n';
import { describeError, describeWho } from '../cloud';
import { scanProgressText, type AccessScanEntry } from '../profiles/accessScans';
import type { Profile } from '../settings/profileConfig';
import { identityKey } from '../settings/profileConfig';
import { FoundIdentityNode, MessageNode, rowIds, type AnyResourceNode } from './nodes';
import { describeGap, describeGrantRow, describeGrantee } from '../cloud/ramGrantText';
import { grantsEverything } from '../cloud/ramPolicy';

const count = (n: number) => n.toLocaleString('en-US');

/** Why a finished scan is incomplete (`3 failed, ListRoles failed`), or undefined when every identity was asked and answered. */
function partialReasons(entry: AccessScanEntry): string | undefined {
  const r = entry.result;
  if (!r) return undefined;
  if (r.cancelled) return l10n.t('cancelled after {0} of {1}', count(r.scanned), count(r.total));
  const parts: string[] = [];
  if (r.failures.length) parts.push(l10n.t('{0} failed', count(r.failures.length)));
  for (const d of r.directoryFailures) parts.push(l10n.t({ message: '{0} failed', args: [d.action], comment: ['{0} is an API action: ListUsers or ListRoles'] }));
  if (r.ram?.gaps.length) parts.push(l10n.t('{0} RAM reads failed', count(r.ram.gaps.length)));
  return parts.length ? parts.join(l10n.t(', ')) : undefined;
}

/** `partial: 3 failed`, or undefined when every identity was asked and answered. */
export function partialText(entry: AccessScanEntry): string | undefined {
  const reasons = partialReasons(entry);
  return reasons && l10n.t('partial: {0}', reasons);
}

/** The group row's description. */
export function scanDescription(entry: AccessScanEntry): string {
  if (!entry.result) return entry.total === undefined ? l10n.t('reading RAM users and roles…') : l10n.t('scanning… {0}', scanProgressText(entry.done, entry.total));
  const holding = [...entry.found.values()].filter((f) => f.policies.length > 0).length;
  const found = holding === 1 ? l10n.t('1 identity holds access') : l10n.t('{0} identities hold access', count(holding));
  const viaRam = entry.result.ram?.grantees.length ? l10n.t('{0} through RAM policies', count(entry.result.ram.grantees.length)) : undefined;
  const partial = partialText(entry);
  return [found, viaRam, partial].filter(Boolean).join(' · ');
}

export function scanTooltip(entry: AccessScanEntry): string {
  const lines = [l10n.t('VOD application {0} ({1}), profile {2}', entry.appName, entry.appId, entry.profile)];
  const r = entry.result;
  if (!r) {
    lines.push(
      entry.total === undefined
        ? l10n.t('Reading the RAM directory (ListUsers, ListRoles)…')
        : l10n.t('Asked {0} (ListAppPoliciesForIdentity)', scanProgressText(entry.done, entry.total)),
    );
  } else {
    lines.push(l10n.t('Asked {0} of {1} RAM users and roles in {2} s (ListAppPoliciesForIdentity).', count(r.scanned), count(r.total), r.seconds.toFixed(1)));
    const reasons = partialReasons(entry);
    if (reasons) lines.push(l10n.t('Incomplete ({0}): an identity not listed here may still hold access.', reasons));
  }
  return lines.join('\n');
}

/** Under the group: while running one progress row, then the findings and what could not be learnt. */
export function scanChildren(entry: AccessScanEntry, profile: Profile, intern: <T extends AnyResourceNode>(node: T) => T): AnyResourceNode[] {
  const group = rowIds.accessScan(profile.name, entry.appId);
  const r = entry.result;
  if (!r) {
    const text = entry.total === undefined ? l10n.t('Reading RAM users and roles…') : l10n.t('Scanning… {0}', scanProgressText(entry.done, entry.total));
    return [intern(new MessageNode(rowIds.message(group, 'progress'), 'info', text, 'showLog', profile))];
  }
  const rows: AnyResourceNode[] = [...entry.found.values()].map((f) => intern(new FoundIdentityNode(profile, f.identity)));
  for (const f of r.failures) {
    const id = rowIds.message(group, `failed/${identityKey(f.identity)}`);
    const status = f.error.httpStatus !== undefined ? ` (HTTP ${f.error.httpStatus})` : '';
    const who = describeWho(f.identity);
    const label = l10n.t('{0}: {1}{2} — not known, show log', who, f.error.code, status);
    const tooltip = l10n.t('Could not list the app policies of {0}: {1}', who, describeError(f.error));
    rows.push(intern(new MessageNode(id, 'error', label, 'showLog', profile, tooltip, f.error.requestId)));
  }
  for (const d of r.directoryFailures) {
    const label =
      d.action === 'ListUsers'
        ? l10n.t('Could not list RAM users: {0} — none of them was scanned, show log', d.error.code)
        : l10n.t('Could not list RAM roles: {0} — none of them was scanned, show log', d.error.code);
    rows.push(intern(new MessageNode(rowIds.message(group, d.action), 'error', label, 'showLog', profile, describeError(d.error), d.error.requestId)));
  }
  // Access that comes from RAM policies, marked with the policy and group it comes from (#20).
  for (const g of r.ram?.grantees ?? []) {
    for (const grant of g.grants) {
      const label = `${describeGrantee(g)} — ${describeGrantRow(grant)}`;
      const strong = !grant.reading || grant.reading.statements.some((s) => grantsEverything(s, 'vod'));
      rows.push(intern(new MessageNode(rowIds.message(group, `ram/${label}`), strong ? 'warning' : 'info', label, 'showLog', profile,
        l10n.t('{0}\nRAM grants this whatever the app policies say: detaching app policies does not remove it.', label))));
    }
  }
  for (const gap of r.ram?.gaps ?? []) {
    rows.push(intern(new MessageNode(rowIds.message(group, `ram/gap/${gap.action}/${gap.subject}`), 'error', describeGap(gap), 'showLog', profile, describeError(gap.error), gap.error.requestId)));
  }
  if (r.cancelled) {
    const left = r.total - r.scanned;
    const label =
      left === 1
        ? l10n.t('Cancelled: 1 identity not asked — run Find Access to App… again')
        : l10n.t('Cancelled: {0} identities not asked — run Find Access to App… again', count(left));
    rows.push(intern(new MessageNode(rowIds.message(group, 'cancelled'), 'warning', label, 'showLog', profile)));
  }
  if (rows.length === 0) {
    rows.push(intern(new MessageNode(rowIds.message(group, 'empty'), 'info', l10n.t('No RAM user or role holds policies in {0}', entry.appName), 'showLog', profile)));
  }
  return rows;
}
