// What a revocation acts on, and how tree selections become those targets. No VS Code import.

import type { MediaBucketType } from '../cloud';
import type { ScannedIdentity } from '../cloud/accessScan';
import type { ResolvedIdentity } from '../profiles/identityResolver';
import type { ProfileIdentity } from '../settings/profileConfig';
import { identityKey } from '../settings/profileConfig';
import type { AnyResourceNode, FoundIdentityNode, IdentityNode } from '../tree/nodes';

export interface BucketTarget {
  readonly profile: string;
  readonly bucket: string;
}

/** One DetachAppPolicyFromIdentity call: PolicyNames is a list, so all policies of one identity go together. */
export interface PolicyTarget {
  readonly profile: string;
  /** As configured: names the rows. */
  readonly identity: ProfileIdentity;
  readonly policyNames: readonly string[];
  /** What VOD is sent (a UserId for RamUser), filled in by the pipeline before the confirmation. */
  readonly resolved?: ResolvedIdentity;
  /** A detach's: the RAM grants that stay (mutations/ramRemaining.ts), read before the confirmation. */
  readonly ramRemaining?: readonly string[];
}

/** The identity as it will be sent and shown: resolved when known, else as configured. */
export function sentIdentity(t: PolicyTarget): ResolvedIdentity | ProfileIdentity {
  return t.resolved ?? t.identity;
}

/**
 * VS Code passes `(clickedNode, selectedNodes)`. When the clicked row is part of the selection the command acts on
 * the whole selection; a right-click outside the selection acts on that row alone (as the Explorer does).
 */
export function effectiveSelection(node: unknown, selected: unknown): unknown[] {
  if (Array.isArray(selected) && selected.length > 0 && selected.includes(node)) return selected;
  return node === undefined ? [] : [node];
}

/** The selected bucket rows of one MPS type (a selection may span both groups; each command takes its own). */
export function bucketTargetsOf(nodes: readonly AnyResourceNode[], type: MediaBucketType): BucketTarget[] {
  const targets: BucketTarget[] = [];
  for (const node of nodes) {
    if (node?.kind !== 'bucket' || node.type !== type) continue;
    if (targets.some((t) => t.profile === node.profile.name && t.bucket === node.bucket)) continue;
    targets.push({ profile: node.profile.name, bucket: node.bucket });
  }
  return targets;
}

export interface PolicySelection {
  /** Policies picked as rows, grouped per identity. */
  readonly targets: PolicyTarget[];
  /** Identity rows (configured or found by Find Access to App), whose policies still have to be chosen. */
  readonly identities: (IdentityNode | FoundIdentityNode)[];
}

export function policySelectionOf(nodes: readonly AnyResourceNode[]): PolicySelection {
  const targets: { profile: string; identity: ProfileIdentity; policyNames: string[]; resolved?: ResolvedIdentity }[] = [];
  const identities: (IdentityNode | FoundIdentityNode)[] = [];
  for (const node of nodes) {
    if (node?.kind === 'identity' || node?.kind === 'foundIdentity') {
      if (!identities.some((i) => i.id === node.id)) identities.push(node);
    } else if (node?.kind === 'appPolicy' || node?.kind === 'foundPolicy') {
      const key = identityKey(node.identity);
      let group = targets.find((t) => t.profile === node.profile.name && identityKey(t.identity) === key);
      if (!group) {
        // A found row already holds what VOD is sent (a UserId), and the login name for the confirmation.
        group = { profile: node.profile.name, identity: node.identity, policyNames: [], ...(node.kind === 'foundPolicy' ? { resolved: foundResolved(node.found) } : {}) };
        targets.push(group);
      }
      if (!group.policyNames.includes(node.policy.policyName)) group.policyNames.push(node.policy.policyName);
    }
  }
  return { targets, identities };
}

export function profilesOf(targets: readonly { profile: string }[]): string[] {
  return [...new Set(targets.map((t) => t.profile))];
}

/** A scanned identity as the pipeline's resolved identity: nothing to look up, the login name kept for people. */
export function foundResolved(found: ScannedIdentity): ResolvedIdentity {
  const { identityType, identityName, appId, userName } = found;
  return identityType === 'RamUser'
    ? { identityType, identityName, appId, userId: identityName, ...(userName ? { userName } : {}) }
    : { identityType, identityName, appId };
}
