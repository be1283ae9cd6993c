// Which rows sit under a Find Access to App result ("Access to <app name>") and how the group is worded: the found
// identities, one error row per identity whose listing failed, one per directory listing that failed, a note when
// a cancel left identities unasked. No VS Code import; drawn by accessScanView.ts.

import { describeError, describeWho } from '../cloud';
import { scanProgressText, type AccessScanEntry } from '../profiles/accessScans';
import type { Profile } from '../settings/profiles';
import { identityKey } from '../settings/profiles';
import { FoundIdentityNode, MessageNode, rowIds, type AnyResourceNode } from './nodes';

const count = (n: number) => n.toLocaleString('en-US');

/** Why a finished scan is incomplete, or undefined when every identity was asked and answered. */
export function partialText(entry: AccessScanEntry): string | undefined {
  const r = entry.result;
  if (!r) return undefined;
  if (r.cancelled) return `partial: cancelled after ${count(r.scanned)} of ${count(r.total)}`;
  const parts: string[] = [];
  if (r.failures.length) parts.push(`${count(r.failures.length)} failed`);
  for (const d of r.directoryFailures) parts.push(`${d.action} failed`);
  return parts.length ? `partial: ${parts.join(', ')}` : undefined;
}

/** The group row's description. */
export function scanDescription(entry: AccessScanEntry): string {
  if (!entry.result) return entry.total === undefined ? 'reading RAM users and roles…' : `scanning… ${scanProgressText(entry.done, entry.total)}`;
  const holding = [...entry.found.values()].filter((f) => f.policies.length > 0).length;
  const found = `${count(holding)} ${holding === 1 ? 'identity holds' : 'identities hold'} access`;
  const partial = partialText(entry);
  return partial ? `${found} · ${partial}` : found;
}

export function scanTooltip(entry: AccessScanEntry): string {
  const lines = [`VOD application ${entry.appName} (${entry.appId}), profile ${entry.profile}`];
  const r = entry.result;
  if (!r) lines.push(entry.total === undefined ? 'Reading the RAM directory (ListUsers, ListRoles)…' : `Asked ${scanProgressText(entry.done, entry.total)} (ListAppPoliciesForIdentity)`);
  else {
    lines.push(`Asked ${count(r.scanned)} of ${count(r.total)} RAM users and roles in ${r.seconds.toFixed(1)} s (ListAppPoliciesForIdentity).`);
    const partial = partialText(entry);
    if (partial) lines.push(`Incomplete (${partial.slice('partial: '.length)}): an identity not listed here may still hold access.`);
  }
  return lines.join('\n');
}

/** Under the group: while running one progress row, then the findings and what could not be learnt. */
export function scanChildren(entry: AccessScanEntry, profile: Profile, intern: <T extends AnyResourceNode>(node: T) => T): AnyResourceNode[] {
  const group = rowIds.accessScan(profile.name, entry.appId);
  const r = entry.result;
  if (!r) {
    const text = entry.total === undefined ? 'Reading RAM users and roles…' : `Scanning… ${scanProgressText(entry.done, entry.total)}`;
    return [intern(new MessageNode(rowIds.message(group, 'progress'), 'info', text, 'showLog', profile))];
  }
  const rows: AnyResourceNode[] = [...entry.found.values()].map((f) => intern(new FoundIdentityNode(profile, f.identity)));
  for (const f of r.failures) {
    const id = rowIds.message(group, `failed/${identityKey(f.identity)}`);
    const status = f.error.httpStatus !== undefined ? ` (HTTP ${f.error.httpStatus})` : '';
    const label = `${describeWho(f.identity)}: ${f.error.code}${status} — not known, show log`;
    rows.push(intern(new MessageNode(id, 'error', label, 'showLog', profile, `Could not list the app policies of ${describeWho(f.identity)}: ${describeError(f.error)}`, f.error.requestId)));
  }
  for (const d of r.directoryFailures) {
    const what = d.action === 'ListUsers' ? 'RAM users' : 'RAM roles';
    const label = `Could not list ${what}: ${d.error.code} — none of them was scanned, show log`;
    rows.push(intern(new MessageNode(rowIds.message(group, d.action), 'error', label, 'showLog', profile, describeError(d.error), d.error.requestId)));
  }
  if (r.cancelled) {
    const left = r.total - r.scanned;
    rows.push(intern(new MessageNode(rowIds.message(group, 'cancelled'), 'warning', `Cancelled: ${count(left)} identities not asked — run Find Access to App… again`, 'showLog', profile)));
  }
  if (rows.length === 0) {
    rows.push(intern(new MessageNode(rowIds.message(group, 'empty'), 'info', `No RAM user or role holds policies in ${entry.appName}`, 'showLog', profile)));
  }
  return rows;
}
