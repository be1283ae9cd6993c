// Find Access to App's second half: who can act in VOD through RAM rather than through the app's policies. After
// the per-identity walk, the account-wide route of cloud/ramGrants.ts finds them with a few dozen paced calls
// (ListPolicies, the candidates' documents, ListEntitiesForPolicy, ListUsersForGroup); each identity is marked with
// the policy and the group its access comes from. What could not be read makes the result partial, never empty.

import * as vscode from 'vscode';
import { describeError } from '../cloud';
import type { AccessScanResult } from '../cloud/accessScan';
import { findRamGrantees, type RamGranteeResult } from '../cloud/ramGrants';
import { describeGap, describeGrantRow, describeGrantee } from '../cloud/ramGrantText';
import { ramGrantSession } from '../profiles/ramGrantSession';
import type { ProfileSession } from '../profiles/profileSessions';
import { resultError, type ResultError } from './results';

/** The scan's result with the RAM route's findings. Never rejects. */
export async function withRamGrantees(session: ProfileSession, result: AccessScanResult, signal?: AbortSignal): Promise<AccessScanResult> {
  if (result.cancelled || signal?.aborted) return result;
  // ListUsersForGroup names members by login name; the scan's ListUsers (kept by the user directory) has their UserIds.
  const directory = await session.users.load();
  const userIds = new Map(directory.status === 'loaded' ? [...directory.value.byId.values()].map((u) => [u.userName, u.userId] as const) : []);
  const s = ramGrantSession(session);
  const ram = await findRamGrantees(s.reads, 'vod', s.cache, { ...(signal ? { signal } : {}), userIds });
  return { ...result, ram };
}

/** Log lines: every RAM-granted identity with where its access comes from, then what could not be read. */
export function ramSummaryLines(ram: RamGranteeResult | undefined): string[] {
  if (!ram) return [];
  return [
    `  ${vscode.l10n.t('Through RAM policies ({0} policies read; ListPolicies, GetPolicy, ListEntitiesForPolicy, ListUsersForGroup): {1} identities', ram.policiesRead, ram.grantees.length)}`,
    ...ram.grantees.map((g) => `  ${describeGrantee(g)}: ${g.grants.map(describeGrantRow).join('; ')}`),
    ...ram.gaps.map((gap) => `  ${describeGap(gap)} — ${describeError(gap.error)}`),
  ];
}

export interface RamGranteeFields {
  readonly ramGrants: readonly { identityType: 'RamUser' | 'RamRole'; identityName: string; userName?: string; grants: readonly string[]; policies: readonly { policyName: string; policyType: string; via: readonly string[] }[] }[];
  readonly ramFailures: readonly { action: string; subject: string; error: ResultError }[];
}

/** For a programmatic caller: RamUser by UserId when known (what VOD takes), with the login name beside it. */
export function ramResultFields(ram: RamGranteeResult | undefined): RamGranteeFields | Record<string, never> {
  if (!ram) return {};
  return {
    ramGrants: ram.grantees.map((g) => ({
      identityType: g.identity.kind === 'Role' ? 'RamRole' as const : 'RamUser' as const,
      identityName: g.identity.kind === 'User' ? (g.userId ?? g.identity.name) : g.identity.name,
      ...(g.identity.kind === 'User' ? { userName: g.identity.name } : {}),
      grants: g.grants.map(describeGrantRow),
      policies: g.grants.map((p) => ({ policyName: p.policyName, policyType: p.policyType, via: p.routes.map((r) => (r.kind === 'direct' ? 'direct' : `group ${r.groupName}`)) })),
    })),
    ramFailures: ram.gaps.map((gap) => ({ action: gap.action, subject: gap.subject, error: resultError(gap.error) })),
  };
}
