// Quick picks for commands run without a tree row (Command Palette, keybindings): profile → bucket / identity.

import * as vscode from 'vscode';
import { SYSTEM_APP_POLICIES, describeError, identityText, type MediaBucketType } from '../cloud';
import { COMMANDS } from '../commandIds';
import { inertItem } from '../inertText';
import { bucketsOf, type Profile, type ProfileIdentity } from '../settings/profileConfig';
import { bucketBinding } from '../tree/bucketBinding';
import { BUCKET_KINDS, bindingText } from '../tree/bucketKinds';
import { isResourceNode, type AnyResourceNode } from '../tree/nodes';
import type { CommandDeps } from './deps';
import { bucketTargetsOf, type BucketTarget } from './targets';

/** The profile a command is about: from a tree row, a profile name, or a pick (skipped when there is only one). */
export async function profileFor(deps: CommandDeps, arg: unknown, title: string): Promise<Profile | undefined> {
  if (isResourceNode(arg) && arg.profile) return deps.settings.find(arg.profile.name);
  if (typeof arg === 'string') return deps.settings.find(arg);
  return pickProfile(deps, title);
}

export async function pickProfile(deps: CommandDeps, title: string): Promise<Profile | undefined> {
  const profiles = deps.settings.profiles();
  if (profiles.length === 0) {
    const add = vscode.l10n.t('Add Profile…');
    if ((await deps.ui.showInformationMessage(vscode.l10n.t('No Alibaba Cloud profile is configured yet.'), add)) === add) {
      await vscode.commands.executeCommand(COMMANDS.addProfile);
    }
    return undefined;
  }
  if (profiles.length === 1) return profiles[0];
  const picked = await deps.ui.showQuickPick(
    profiles.map((p) => ({ label: p.name, description: p.region, profile: p })),
    { title, placeHolder: vscode.l10n.t('Profile') },
  );
  return picked?.profile;
}

/**
 * An unbind's targets: the selected bucket rows of the type, or — with none — a profile and its bound buckets picked.
 * `words` are whole sentences in the display language: the picker titles.
 */
export async function chooseBucketsToUnbind(
  deps: CommandDeps,
  rows: readonly AnyResourceNode[],
  type: MediaBucketType,
  words: { readonly profileTitle: string; bucketsTitle(profile: string): string },
): Promise<BucketTarget[] | undefined> {
  const targets = bucketTargetsOf(rows, type);
  if (targets.length > 0) return targets;
  const profile = await pickProfile(deps, words.profileTitle);
  if (!profile) return undefined;
  const buckets = await pickBuckets(deps, profile, type, words.bucketsTitle(profile.name), true);
  return buckets?.map((bucket) => ({ profile: profile.name, bucket }));
}

export async function pickBuckets(deps: CommandDeps, profile: Profile, type: MediaBucketType, title: string, onlyBound: boolean): Promise<string[] | undefined> {
  const kind = BUCKET_KINDS[type];
  const configured = bucketsOf(profile, type);
  if (configured.length === 0) {
    void deps.ui.showInformationMessage(kind.noneConfigured(profile.name));
    return undefined;
  }
  const listing = deps.listings.peekBuckets(profile.name);
  const items = configured
    .map((bucket) => ({ bucket, binding: bucketBinding(listing, type, bucket) }))
    .filter((b) => !onlyBound || b.binding !== 'unbound')
    .map((b) => ({ label: b.bucket, description: b.binding === 'unknown' ? undefined : bindingText(b.binding, kind) }));
  const picked = await deps.ui.showQuickPick(items, { title, placeHolder: kind.placeholder(), canPickMany: true });
  return picked && picked.length > 0 ? picked.map((p) => p.label) : undefined;
}

export async function pickIdentities(deps: CommandDeps, profile: Profile, title: string, canPickMany: boolean): Promise<ProfileIdentity[] | undefined> {
  if (profile.identities.length === 0) {
    void deps.ui.showInformationMessage(vscode.l10n.t('Profile {0} has no VOD identities configured.', profile.name));
    return undefined;
  }
  const resolver = deps.sessions.get(profile.name)?.identities;
  // A resolved RAM user carries the user name GetUser answered.
  const items = profile.identities.map((identity) => inertItem({ label: identityText(resolver?.peek(identity) ?? identity), identity }));
  if (canPickMany) {
    const picked = await deps.ui.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Identities'), canPickMany: true });
    return picked && picked.length > 0 ? picked.map((p) => p.identity) : undefined;
  }
  const picked = await deps.ui.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Identity') });
  return picked ? [picked.identity] : undefined;
}

/**
 * The identity's detachable (system) policies, from the shared listing: the tree's when it already shows them,
 * else one ListAppPoliciesForIdentity. When they cannot be read the three system policies are offered instead, and
 * the title says so. Custom policies are never offered: the API detaches system policies only.
 */
export async function pickPolicies(deps: CommandDeps, profile: Profile, identity: ProfileIdentity): Promise<string[] | undefined> {
  const who = identityText(identity);
  let names: { label: string; description?: string; name: string }[];
  let title = vscode.l10n.t('Detach app policies from {0}', who);
  const listing =
    deps.listings.peekPolicies(profile.name, identity)?.status === 'loaded'
      ? deps.listings.policiesOf(profile.name, identity)
      : deps.ui.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading app policies of {0}…', who) }, () =>
          deps.listings.policiesOf(profile.name, identity),
        );
  const policies = await listing;
  if (policies.status === 'loaded') {
    const system = policies.value.policies.filter((p) => p.policyType === 'System');
    if (system.length === 0) {
      const custom = policies.value.policies.length;
      void deps.ui.showInformationMessage(
        custom
          ? vscode.l10n.t('{0} has only custom app policies ({1}); only system policies can be detached.', who, custom)
          : vscode.l10n.t('{0} has no app policies attached.', who),
      );
      return undefined;
    }
    // Listed names are the server's: shown inert, returned as listed.
    names = system.map((p) => inertItem({ label: p.policyName, description: p.policyType, name: p.policyName }));
  } else {
    const error = policies.status === 'failed' ? policies.error : undefined;
    deps.log.warn(vscode.l10n.t('Could not read the app policies of {0}: {1}', who, error ? describeError(error) : vscode.l10n.t('unknown error')));
    title = vscode.l10n.t('Could not read attached policies ({0}) — showing the system policies', error?.code ?? vscode.l10n.t('unknown'));
    names = SYSTEM_APP_POLICIES.map((name) => ({ label: name, description: 'System', name }));
  }
  const picked = await deps.ui.showQuickPick(names, { title, placeHolder: vscode.l10n.t('Policies to detach'), canPickMany: true });
  return picked && picked.length > 0 ? picked.map((p) => p.name) : undefined;
}
