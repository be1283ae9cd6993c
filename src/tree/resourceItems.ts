// How each Resources row looks: label, description, icon, tooltip, contextValue (what menus match on) and click.
// Rows show server text (app, user and role names, policy descriptions, error messages): treeItemFor makes every
// row's text inert (src/inertText.ts) in one place, and tooltips are plain strings, never markdown.

import * as vscode from 'vscode';
import { describeError, identityText, describeWho, type CloudError } from '../cloud';
import type { ResolvedIdentity } from '../profiles/identityResolver';
import type { UserNaming } from '../profiles/userDirectory';
import type { BucketBinding } from './bucketBinding';
import { credentialText, profileContextValue } from './credentialText';
import { COMMANDS } from '../commandIds';
import { inertRow } from '../inertText';
import { accessScanView } from './lazyAccessScanView';
import type { AnyResourceNode, AppPolicyNode, IdentityNode, MessageNode } from './nodes';
import { bucketsOf, type Profile, type ProfileIdentity } from '../settings/profileConfig';
import { BUCKET_KINDS, bindingText } from './bucketKinds';
import { policyItem, scopeTooltip, type RowState } from './sharedRows';

const { Collapsed, Expanded, None } = vscode.TreeItemCollapsibleState;

/** The identity as people should read it: with its UserId once resolved. */
function shownIdentity(node: IdentityNode | AppPolicyNode, state: RowState): ProfileIdentity & Partial<ResolvedIdentity> {
  return state.identity(node) ?? node.identity;
}

/** The profile row's account: the id in the description, the id and ARN (or why not) in the tooltip. */
function accountText(profile: Profile, state: RowState): { short?: string; line: string } {
  const caller = state.caller(profile);
  if (caller?.status === 'loaded') return { short: caller.value.accountId, line: vscode.l10n.t('Account: {0} as {1}', caller.value.accountId, caller.value.arn) };
  if (caller?.status === 'failed') {
    return { short: vscode.l10n.t('account unknown'), line: vscode.l10n.t('Account: unknown — GetCallerIdentity failed: {0}', caller.error.code) };
  }
  return { line: vscode.l10n.t('Account: not read yet') };
}

const BINDING_ICON: Record<BucketBinding, vscode.ThemeIcon> = {
  bound: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  unbound: new vscode.ThemeIcon('circle-slash'),
  unknown: new vscode.ThemeIcon('question'),
};

export function treeItemFor(node: AnyResourceNode, state: RowState): vscode.TreeItem {
  const item = inertRow(build(node, state));
  item.id = node.id;
  const busy = state.busy(node);
  if (busy) {
    item.description = busy;
    item.iconPath = new vscode.ThemeIcon('loading~spin');
    // No revoke menus on a row that is already being revoked.
    item.contextValue = `${item.contextValue}.busy`;
  }
  // Without this, screen readers read a string tooltip instead of the row ("Profile: … Region: …" for
  // "MPS Output Buckets"): announce the row's label and state, as the Request History view does.
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  item.accessibilityInformation = { label: typeof item.description === 'string' && item.description ? `${label}, ${item.description}` : label };
  return item;
}

function build(node: AnyResourceNode, state: RowState): vscode.TreeItem {
  switch (node.kind) {
    case 'profile': {
      const p = node.profile;
      const item = new vscode.TreeItem(p.name, Expanded);
      const account = accountText(p, state);
      const custom = Object.values(p.endpoints).some(Boolean) ? ` · ${vscode.l10n.t('custom endpoint')}` : '';
      const credential = credentialText(p, state.signing(p));
      item.description = `${p.region}${credential.short ? ` · ${credential.short}` : ''}${custom}${account.short ? ` · ${account.short}` : ''}`;
      item.iconPath = new vscode.ThemeIcon('account');
      item.contextValue = profileContextValue(p);
      item.tooltip =
        `${account.line}\n${scopeTooltip(p, 'mps', state)} (MPS)\n${state.endpoint(p, 'vod')} (VOD)\n${credential.line}`;
      return item;
    }
    case 'bucketGroup': {
      const kind = BUCKET_KINDS[node.type];
      const count = bucketsOf(node.profile, node.type).length;
      // A group with nothing configured stays closed: a profile that watches no input buckets gets one quiet row.
      const item = new vscode.TreeItem(kind.group(), count > 0 ? Expanded : Collapsed);
      item.description = String(count);
      item.iconPath = new vscode.ThemeIcon('database');
      item.contextValue = kind.groupContext;
      item.tooltip = scopeTooltip(node.profile, 'mps', state);
      return item;
    }
    case 'bucket': {
      const kind = BUCKET_KINDS[node.type];
      const binding = state.binding(node);
      const item = new vscode.TreeItem(node.bucket, None);
      item.description = bindingText(binding, kind);
      item.iconPath = BINDING_ICON[binding];
      item.contextValue = `${kind.rowContext}.${binding}`;
      item.tooltip = `${vscode.l10n.t('Bucket: {0} ({1})', node.bucket, bindingText(binding, kind))}\n${scopeTooltip(node.profile, 'mps', state)}`;
      return item;
    }
    case 'identityGroup': {
      const item = new vscode.TreeItem(vscode.l10n.t('VOD Identities'), Expanded);
      item.description = String(node.profile.identities.length);
      item.iconPath = new vscode.ThemeIcon('organization');
      item.contextValue = 'identityGroup';
      item.tooltip = scopeTooltip(node.profile, 'vod', state);
      return item;
    }
    case 'identity': {
      const { identityType, appId } = node.identity;
      const shown = shownIdentity(node, state);
      const item = new vscode.TreeItem(describeWho(shown), Collapsed);
      item.description = appId;
      item.iconPath = new vscode.ThemeIcon(identityType === 'RamRole' ? 'shield' : 'person');
      item.contextValue = 'identity';
      const userId = shown.userId
        ? `\nUserId: ${shown.userId}`
        : identityType === 'RamUser'
          ? `\n${vscode.l10n.t('UserId: not resolved yet (RAM GetUser on expand)')}`
          : '';
      const naming = state.naming(node);
      const name = naming ? `\n${namingText(naming)}` : '';
      item.tooltip = `${identityText(shown)}${userId}${name}\n${scopeTooltip(node.profile, 'vod', state)}`;
      return item;
    }
    case 'appPolicy':
      return policyItem(node, shownIdentity(node, state), state);
    // Rows that exist only after Find Access to App ran: their code loads with them (esbuild.js LAZY_BUNDLES).
    case 'accessScan':
    case 'foundIdentity':
    case 'foundPolicy':
      return accessScanView().scanItem(node, state);
    case 'message':
      return messageItem(node);
  }
}


/** Under a UserId's row: its display name, or why the row shows no name (VOD is sent the UserId either way). */
function namingText(naming: UserNaming): string {
  switch (naming.status) {
    case 'named':
      return naming.user.displayName ? vscode.l10n.t('Display name: {0}', naming.user.displayName) : vscode.l10n.t('Name: {0}', naming.user.userName);
    case 'pending':
      return vscode.l10n.t("Name: not read yet (RAM ListUsers, with the profile's AccessKey)");
    case 'notListed':
      return vscode.l10n.t('Name unknown: no RAM user of this account has this UserId (ListUsers).');
    case 'failed':
      return naming.error.kind === 'permission'
        ? vscode.l10n.t('Name unknown: the AccessKey may not call ram:ListUsers ({0}).', naming.error.code)
        : vscode.l10n.t('Name unknown: ListUsers failed ({0}).', naming.error.code);
  }
}

function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, None);
  item.tooltip = node.tooltip ?? node.label;
  const icons = { error: 'error', warning: 'warning', info: 'info' } as const;
  const colors = { error: 'list.errorForeground', warning: 'list.warningForeground', info: undefined } as const;
  const color = colors[node.tone];
  item.iconPath = new vscode.ThemeIcon(icons[node.tone], color ? new vscode.ThemeColor(color) : undefined);
  item.contextValue = node.tone === 'error' ? (node.requestId ? 'error.withRequestId' : 'error') : `message.${node.action}`;
  item.command = messageCommand(node);
  return item;
}

function messageCommand(node: MessageNode): vscode.Command {
  switch (node.action) {
    case 'setCredentials':
      return { title: vscode.l10n.t('Set AccessKey…'), command: COMMANDS.setCredentials, arguments: [node] };
    case 'addOutputBucket':
      return { title: BUCKET_KINDS.Output.add(), command: COMMANDS.addOutputBucket, arguments: [node] };
    case 'addInputBucket':
      return { title: BUCKET_KINDS.Input.add(), command: COMMANDS.addInputBucket, arguments: [node] };
    case 'addIdentity':
      return { title: vscode.l10n.t('Add Identity…'), command: COMMANDS.addIdentity, arguments: [node] };
    case 'openSettings':
      return { title: vscode.l10n.t('Open Settings'), command: 'workbench.action.openSettings', arguments: ['alicloudMedia.profiles'] };
    default:
      return { title: vscode.l10n.t('Show Log'), command: COMMANDS.showOutput };
  }
}

/** "Failed to load buckets: SignatureDoesNotMatch (HTTP 400) — show log". */
export function failureLabel(what: string, error: CloudError): { label: string; tooltip: string } {
  const status = error.httpStatus !== undefined ? ` (HTTP ${error.httpStatus})` : '';
  return { label: vscode.l10n.t('Failed to load {0}: {1}{2} — show log', what, error.code, status), tooltip: describeError(error) };
}
