// What the configured rows (resourceItems.ts) and Find Access to App's rows (accessScanView.ts, loaded lazily)
// share: the state a row's look depends on, the profile/region/endpoint lines of a tooltip, and the policy row.
// Its own module so the lazily loaded view needs nothing from resourceItems.ts, which loads it.

import * as vscode from 'vscode';
import { identityText, type CallerIdentity, type CredentialOrigin, type Product } from '../cloud';
import type { FoundAccess } from '../cloud/accessScan';
import type { AccessScanEntry } from '../profiles/accessScans';
import type { ResolvedIdentity } from '../profiles/identityResolver';
import type { Listing } from '../profiles/listingCache';
import type { UserNaming } from '../profiles/userDirectory';
import type { Profile, ProfileIdentity } from '../settings/profileConfig';
import type { BucketBinding } from './bucketBinding';
import type { AccessScanNode, AnyResourceNode, AppPolicyNode, BucketNode, FoundIdentityNode, IdentityNode } from './nodes';

/** What a row's look depends on besides the node itself. */
export interface RowState {
  readonly binding: (node: BucketNode) => BucketBinding;
  /** "unbinding…", "detaching…" while a revocation of this row is in flight. */
  readonly busy: (node: AnyResourceNode) => string | undefined;
  readonly endpoint: (profile: Profile, product: Product) => string;
  /** The identity as VOD is sent it, once known (a RAM user configured by name: after GetUser). */
  readonly identity: (node: IdentityNode | AppPolicyNode) => ResolvedIdentity | undefined;
  /** A RAM user configured by UserId: what the account's user list says of its name. */
  readonly naming: (node: IdentityNode) => UserNaming | undefined;
  /** What STS said about the profile's key, once it has. */
  readonly caller: (profile: Profile) => Listing<CallerIdentity> | undefined;
  /** Where the key of the profile's last call came from, once one was made. */
  readonly signing: (profile: Profile) => CredentialOrigin | undefined;
  /** Find Access to App: the group's scan, and what it found for an identity. */
  readonly scan: (node: AccessScanNode) => AccessScanEntry | undefined;
  readonly found: (node: FoundIdentityNode) => FoundAccess | undefined;
  /** Whether the profile already configures this found identity (by UserId, or by a name that resolved to it). */
  readonly configured: (node: FoundIdentityNode) => boolean;
}

export function scopeTooltip(profile: Profile, product: Product, state: RowState): string {
  return vscode.l10n.t('Profile: {0}\nRegion: {1}\nEndpoint: {2}', profile.name, profile.region, state.endpoint(profile, product));
}

/** A policy row, configured or found: the same look and contextValue, so Detach works the same from both. */
export function policyItem(node: { readonly policy: AppPolicyNode['policy']; readonly profile: Profile }, shown: Partial<ResolvedIdentity> & ProfileIdentity, state: RowState): vscode.TreeItem {
  const policy = node.policy;
  const item = new vscode.TreeItem(policy.policyName, vscode.TreeItemCollapsibleState.None);
  item.description = policy.policyType;
  item.iconPath = new vscode.ThemeIcon(policy.policyType === 'System' ? 'law' : 'symbol-key');
  // Only system policies can be detached (DetachAppPolicyFromIdentity: "Only system policies are supported").
  item.contextValue = policy.policyType === 'System' ? 'appPolicy.system' : 'appPolicy.custom';
  item.tooltip = [
    `${policy.policyName} (${policy.policyType})`,
    ...(policy.description ? [policy.description] : []),
    vscode.l10n.t('Attached to {0}', identityText(shown, policy.appId)),
    scopeTooltip(node.profile, 'vod', state),
  ].join('\n');
  return item;
}
