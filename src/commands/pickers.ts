// Quick picks for commands run without a tree row (Command Palette, keybindings): profile → bucket / identity.

import * as vscode from 'vscode';
import { SYSTEM_APP_POLICIES, describeError, describeIdentity } from '../cloud';
import { COMMANDS } from '../commandIds';
import type { Profile, ProfileIdentity } from '../settings/profiles';
import { bucketBinding } from '../tree/bucketBinding';
import { isResourceNode } from '../tree/nodes';
import type { CommandDeps } from './deps';

/** The profile a command is about: from a tree row, a profile name, or a pick (skipped when there is only one). */
export async function profileFor(deps: CommandDeps, arg: unknown, title: string): Promise<Profile | undefined> {
  if (isResourceNode(arg) && arg.profile) return deps.settings.find(arg.profile.name);
  if (typeof arg === 'string') return deps.settings.find(arg);
  return pickProfile(deps, title);
}

export async function pickProfile(deps: CommandDeps, title: string): Promise<Profile | undefined> {
  const profiles = deps.settings.profiles();
  if (profiles.length === 0) {
    const add = 'Add Profile…';
    if ((await vscode.window.showInformationMessage('No Alibaba Cloud profile is configured yet.', add)) === add) {
      await vscode.commands.executeCommand(COMMANDS.addProfile);
    }
    return undefined;
  }
  if (profiles.length === 1) return profiles[0];
  const picked = await vscode.window.showQuickPick(
    profiles.map((p) => ({ label: p.name, description: p.region, profile: p })),
    { title, placeHolder: 'Profile' },
  );
  return picked?.profile;
}

export async function pickBuckets(deps: CommandDeps, profile: Profile, title: string, onlyBound: boolean): Promise<string[] | undefined> {
  if (profile.outputBuckets.length === 0) {
    void vscode.window.showInformationMessage(`Profile ${profile.name} has no output buckets configured.`);
    return undefined;
  }
  const listing = deps.listings.peekBuckets(profile.name);
  const items = profile.outputBuckets
    .map((bucket) => ({ bucket, binding: bucketBinding(listing, bucket) }))
    .filter((b) => !onlyBound || b.binding !== 'unbound')
    .map((b) => ({ label: b.bucket, description: b.binding === 'bound' ? 'bound as output' : b.binding === 'unbound' ? 'not bound' : undefined }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Output buckets', canPickMany: true });
  return picked && picked.length > 0 ? picked.map((p) => p.label) : undefined;
}

export async function pickIdentities(deps: CommandDeps, profile: Profile, title: string, canPickMany: boolean): Promise<ProfileIdentity[] | undefined> {
  if (profile.identities.length === 0) {
    void vscode.window.showInformationMessage(`Profile ${profile.name} has no VOD identities configured.`);
    return undefined;
  }
  const resolver = deps.sessions.get(profile.name)?.identities;
  const items = profile.identities.map((identity) => ({ label: describeIdentity(resolver?.peek(identity) ?? identity), identity }));
  if (canPickMany) {
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Identities', canPickMany: true });
    return picked && picked.length > 0 ? picked.map((p) => p.identity) : undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Identity' });
  return picked ? [picked.identity] : undefined;
}

/**
 * The identity's detachable (system) policies, from the shared listing: the tree's when it already shows them,
 * else one ListAppPoliciesForIdentity. When they cannot be read the three system policies are offered instead, and
 * the title says so. Custom policies are never offered: the API detaches system policies only.
 */
export async function pickPolicies(deps: CommandDeps, profile: Profile, identity: ProfileIdentity): Promise<string[] | undefined> {
  const who = describeIdentity(identity);
  let names: { label: string; description?: string }[];
  let title = `Detach app policies from ${who}`;
  const listing =
    deps.listings.peekPolicies(profile.name, identity)?.status === 'loaded'
      ? deps.listings.policiesOf(profile.name, identity)
      : vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading app policies of ${who}…` }, () =>
          deps.listings.policiesOf(profile.name, identity),
        );
  const policies = await listing;
  if (policies.status === 'loaded') {
    const system = policies.value.policies.filter((p) => p.policyType === 'System');
    if (system.length === 0) {
      const custom = policies.value.policies.length;
      void vscode.window.showInformationMessage(
        custom ? `${who} has only custom app policies (${custom}); only system policies can be detached.` : `${who} has no app policies attached.`,
      );
      return undefined;
    }
    names = system.map((p) => ({ label: p.policyName, description: p.policyType }));
  } else {
    const error = policies.status === 'failed' ? policies.error : undefined;
    deps.log.warn(`Could not read the app policies of ${who}: ${error ? describeError(error) : 'unknown error'}`);
    title = `Could not read attached policies (${error?.code ?? 'unknown'}) — showing the system policies`;
    names = SYSTEM_APP_POLICIES.map((name) => ({ label: name, description: 'System' }));
  }
  const picked = await vscode.window.showQuickPick(names, { title, placeHolder: 'Policies to detach', canPickMany: true });
  return picked && picked.length > 0 ? picked.map((p) => p.label) : undefined;
}
