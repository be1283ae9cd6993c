// How Find Access to App's rows look: the "Access to <app name>" group, a found identity and its policies (which
// look and behave like configured ones, so Detach works the same). Loaded on first use
// (src/tree/lazyAccessScanView.ts), with accessScanRows.ts, which decides which rows there are.

import * as vscode from 'vscode';
import { identityText, describeWho } from '../cloud';
import { scanDescription, scanTooltip } from './accessScanRows';
import type { AccessScanNode, FoundIdentityNode, FoundPolicyNode } from './nodes';
import { policyItem, scopeTooltip, type RowState } from './sharedRows';

export { scanChildren } from './accessScanRows';

const { Expanded, None } = vscode.TreeItemCollapsibleState;

export function scanItem(node: AccessScanNode | FoundIdentityNode | FoundPolicyNode, state: RowState): vscode.TreeItem {
  switch (node.kind) {
    case 'accessScan':
      return groupItem(node, state);
    case 'foundIdentity':
      return foundIdentityItem(node, state);
    case 'foundPolicy':
      return policyItem(node, shownFound(node), state);
  }
}

function shownFound(node: FoundIdentityNode | FoundPolicyNode) {
  return { ...node.identity, ...(node.found.userName ? { userName: node.found.userName } : {}) };
}

function groupItem(node: AccessScanNode, state: RowState): vscode.TreeItem {
  const entry = state.scan(node);
  const item = new vscode.TreeItem(vscode.l10n.t('Access to {0}', entry?.appName || node.appId), Expanded);
  const running = entry !== undefined && entry.result === undefined;
  item.description = entry ? scanDescription(entry) : '';
  item.iconPath = new vscode.ThemeIcon(running ? 'loading~spin' : 'search');
  item.contextValue = running ? 'accessScan.running' : 'accessScan';
  item.tooltip = `${entry ? scanTooltip(entry) : node.appId}\n${scopeTooltip(node.profile, 'vod', state)}`;
  return item;
}

function foundIdentityItem(node: FoundIdentityNode, state: RowState): vscode.TreeItem {
  const found = state.found(node);
  const shown = shownFound(node);
  const held = found?.policies.length ?? 0;
  const item = new vscode.TreeItem(describeWho(shown), held > 0 ? Expanded : None);
  const configured = state.configured(node);
  const policies = held === 0 ? vscode.l10n.t('no policies left') : held === 1 ? vscode.l10n.t('1 policy') : vscode.l10n.t('{0} policies', held);
  item.description = configured ? `${policies} · ${vscode.l10n.t('in profile')}` : policies;
  item.iconPath = new vscode.ThemeIcon(node.identity.identityType === 'RamRole' ? 'shield' : 'person');
  // "Add Identity to Profile" only where it would add something.
  item.contextValue = configured ? 'foundIdentity.configured' : 'foundIdentity';
  const userId = node.identity.identityType === 'RamUser' ? `\nUserId: ${node.identity.identityName}` : '';
  const display = node.found.displayName ? `\n${vscode.l10n.t('Display name: {0}', node.found.displayName)}` : '';
  const seen = found ? `\n${vscode.l10n.t('Listed by ListAppPoliciesForIdentity, RequestId {0}', found.requestId)}` : '';
  item.tooltip = `${identityText(shown)}${userId}${display}${seen}\n${scopeTooltip(node.profile, 'vod', state)}`;
  return item;
}
