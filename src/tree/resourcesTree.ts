// The Resources view's data: profiles from user settings, bucket bindings from one ListAllMediaBucket per profile
// per refresh, and an identity's app policies when its row is expanded. Nothing loads before the view asks.

import * as vscode from 'vscode';
import type { AppPolicyList, MediaBucketList } from '../cloud';
import type { AccessKeyStore } from '../credentials/accessKeyStore';
import type { ProfileSessions } from '../profiles/profileSessions';
import type { ProfileSettings } from '../settings/profileSettings';
import { identityKey, type Profile, type ProfileIdentity } from '../settings/profiles';
import { bucketBinding } from './bucketBinding';
import { ListingCache, type Listing } from './listingCache';
import {
  AppPolicyNode,
  BucketGroupNode,
  IdentityGroupNode,
  IdentityNode,
  MessageNode,
  OutputBucketNode,
  ProfileNode,
  type AnyResourceNode,
} from './nodes';
import { failureLabel, treeItemFor, type RowState } from './resourceItems';

export const RESOURCES_VIEW_ID = 'alicloudMedia.resources';

export interface ResourcesTreeSources {
  readonly settings: ProfileSettings;
  readonly accessKeys: AccessKeyStore;
  readonly sessions: ProfileSessions;
}

function policiesKey(profile: string, identity: ProfileIdentity): string {
  return `${profile}|${identityKey(identity)}`;
}

export class ResourcesTree implements vscode.TreeDataProvider<AnyResourceNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AnyResourceNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  private readonly buckets = new ListingCache<MediaBucketList>();
  private readonly policies = new ListingCache<AppPolicyList>();
  private readonly credentials = new Map<string, Promise<boolean>>();
  private readonly busyRows = new Map<string, string>();
  /** Same id → same object, so single rows can be refreshed and menus get stable nodes. */
  private readonly nodes = new Map<string, AnyResourceNode>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly rowState: RowState;

  constructor(private readonly sources: ResourcesTreeSources) {
    this.rowState = {
      binding: (node) => bucketBinding(this.buckets.peek(node.profile.name), node.bucket),
      busy: (node) => this.busyRows.get(node.id),
      endpoint: (profile, product) => {
        try {
          return sources.sessions.get(profile.name)?.endpoint(product) ?? '(unknown)';
        } catch {
          return `(none: ${profile.region} is not a ${product.toUpperCase()} region)`;
        }
      },
    };
    this.subscriptions.push(
      sources.settings.onDidChange(() => this.refreshAll()),
      sources.accessKeys.onDidChange((profile) => this.refreshProfile(profile)),
    );
  }

  getTreeItem(node: AnyResourceNode): vscode.TreeItem {
    return treeItemFor(node, this.rowState);
  }

  getParent(node: AnyResourceNode): AnyResourceNode | undefined {
    if (node instanceof ProfileNode) return undefined;
    if (node instanceof BucketGroupNode || node instanceof IdentityGroupNode) return this.nodes.get(`profile/${node.profile.name}`);
    if (node instanceof OutputBucketNode) return this.nodes.get(`profile/${node.profile.name}/buckets`);
    if (node instanceof IdentityNode) return this.nodes.get(`profile/${node.profile.name}/identities`);
    if (node instanceof AppPolicyNode) return this.nodes.get(`profile/${node.profile.name}/identities/${identityKey(node.identity)}`);
    return undefined;
  }

  async getChildren(node?: AnyResourceNode): Promise<AnyResourceNode[]> {
    if (!node) return this.rootRows();
    if (node instanceof ProfileNode) return this.profileRows(node.profile);
    if (node instanceof BucketGroupNode) return this.bucketRows(node.profile);
    if (node instanceof IdentityGroupNode) return this.identityRows(node.profile);
    if (node instanceof IdentityNode) return this.policyRows(node.profile, node.identity);
    return [];
  }

  // ------------------------------------------------------------------------------------------------ rows

  private rootRows(): AnyResourceNode[] {
    const { profiles, problems } = this.sources.settings.current();
    void vscode.commands.executeCommand('setContext', 'alicloudMedia.hasProfiles', profiles.length > 0);
    void vscode.commands.executeCommand('setContext', 'alicloudMedia.profileProblems', problems.length > 0);
    // No rows at all lets the view's welcome content (Add Profile) show.
    if (profiles.length === 0) return [];
    const rows: AnyResourceNode[] = profiles.map((p) => this.intern(new ProfileNode(p)));
    if (problems.length > 0) {
      const label = problems.length === 1 ? '1 problem in alicloudMedia.profiles — show log' : `${problems.length} problems in alicloudMedia.profiles — show log`;
      rows.push(this.intern(new MessageNode('settings/problems', 'warning', label, 'showLog', undefined, problems.join('\n'))));
    }
    return rows;
  }

  private async profileRows(profile: Profile): Promise<AnyResourceNode[]> {
    const rows: AnyResourceNode[] = [];
    if (!(await this.hasCredentials(profile))) {
      rows.push(this.noCredentialsRow(profile));
    }
    rows.push(this.intern(new BucketGroupNode(profile)), this.intern(new IdentityGroupNode(profile)));
    return rows;
  }

  private noCredentialsRow(profile: Profile): MessageNode {
    const environment = profile.credentialSource === 'environment';
    return this.intern(
      environment
        ? new MessageNode(`profile/${profile.name}/credentials`, 'warning', 'No AccessKey in the environment', 'showLog', profile,
            'This profile reads ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (or the aliyun CLI / Terraform spellings) from the environment VS Code was started in.')
        : new MessageNode(`profile/${profile.name}/credentials`, 'info', 'Set AccessKey…', 'setCredentials', profile,
            `No AccessKey is stored for profile ${profile.name}. Click to set one; it is kept in VS Code's secret storage.`),
    );
  }

  private async bucketRows(profile: Profile): Promise<AnyResourceNode[]> {
    if (profile.outputBuckets.length === 0) {
      return [this.intern(new MessageNode(`profile/${profile.name}/buckets/empty`, 'info', 'Add Output Bucket…', 'addOutputBucket', profile))];
    }
    const rows: AnyResourceNode[] = [];
    // Without credentials the states stay "unknown": a list call would only fail.
    if (await this.hasCredentials(profile)) {
      const listing = await this.withViewProgress(this.buckets.load(profile.name, () => this.listBuckets(profile)));
      if (listing.status === 'failed') rows.push(this.failureRow(`profile/${profile.name}/buckets/error`, 'buckets', listing, profile));
    }
    for (const bucket of profile.outputBuckets) rows.push(this.intern(new OutputBucketNode(profile, bucket)));
    return rows;
  }

  private identityRows(profile: Profile): AnyResourceNode[] {
    if (profile.identities.length === 0) {
      return [this.intern(new MessageNode(`profile/${profile.name}/identities/empty`, 'info', 'Add Identity…', 'addIdentity', profile))];
    }
    return profile.identities.map((identity) => this.intern(new IdentityNode(profile, identity)));
  }

  private async policyRows(profile: Profile, identity: ProfileIdentity): Promise<AnyResourceNode[]> {
    const base = `profile/${profile.name}/identities/${identityKey(identity)}`;
    if (!(await this.hasCredentials(profile))) return [this.noCredentialsRow(profile)];
    const listing = await this.withViewProgress(
      this.policies.load(policiesKey(profile.name, identity), () => this.listPolicies(profile, identity)),
    );
    if (listing.status === 'failed') return [this.failureRow(`${base}/error`, 'app policies', listing, profile)];
    if (listing.status !== 'loaded') return [];
    if (listing.value.policies.length === 0) {
      return [this.intern(new MessageNode(`${base}/empty`, 'info', 'No app policies attached', 'showLog', profile))];
    }
    return listing.value.policies.map((policy) => this.intern(new AppPolicyNode(profile, identity, policy)));
  }

  private failureRow(id: string, what: string, listing: Listing<unknown>, profile: Profile): MessageNode {
    const error = listing.status === 'failed' ? listing.error : undefined;
    if (!error) return this.intern(new MessageNode(id, 'error', `Failed to load ${what} — show log`, 'showLog', profile));
    const { label, tooltip } = failureLabel(what, error);
    // A fresh node each time: the label changes with the error.
    const node = new MessageNode(id, 'error', label, 'showLog', profile, tooltip, error.requestId);
    this.nodes.set(id, node);
    return node;
  }

  // ------------------------------------------------------------------------------------------------ loading

  private listBuckets(profile: Profile): Promise<MediaBucketList> {
    return Promise.resolve().then(() => this.session(profile).mps().listAllMediaBuckets());
  }

  private listPolicies(profile: Profile, identity: ProfileIdentity): Promise<AppPolicyList> {
    return Promise.resolve().then(() => this.session(profile).vod().listAppPoliciesForIdentity(identity));
  }

  private session(profile: Profile) {
    const session = this.sources.sessions.get(profile.name);
    if (!session) throw new Error(`Profile "${profile.name}" is no longer configured.`);
    return session;
  }

  private hasCredentials(profile: Profile): Promise<boolean> {
    let known = this.credentials.get(profile.name);
    if (!known) {
      known = this.sources.accessKeys.has(profile).catch(() => false);
      this.credentials.set(profile.name, known);
    }
    return known;
  }

  private withViewProgress<T>(work: Promise<T>): Promise<T> {
    return Promise.resolve(vscode.window.withProgress({ location: { viewId: RESOURCES_VIEW_ID } }, () => work));
  }

  private intern<T extends AnyResourceNode>(node: T): T {
    const existing = this.nodes.get(node.id);
    if (existing && existing.kind === node.kind && sameProfile(existing, node)) return existing as T;
    this.nodes.set(node.id, node);
    return node;
  }

  // ------------------------------------------------------------------------------------------------ refresh

  /** Everything: settings re-read, listings and credential checks forgotten. */
  refreshAll(): void {
    this.buckets.forgetAll();
    this.policies.forgetAll();
    this.credentials.clear();
    this.nodes.clear();
    this.sources.sessions.clear();
    this.changed.fire(undefined);
  }

  refresh(node: AnyResourceNode | undefined): void {
    if (!node) return this.refreshAll();
    if (node instanceof ProfileNode) return this.refreshProfile(node.profile.name);
    if (node instanceof BucketGroupNode || node instanceof OutputBucketNode) return this.refreshBuckets(node.profile.name);
    if (node instanceof IdentityGroupNode) {
      for (const identity of node.profile.identities) this.policies.forget(policiesKey(node.profile.name, identity));
      this.fire(node.id);
      return;
    }
    if (node instanceof IdentityNode || node instanceof AppPolicyNode) return this.refreshPolicies(node.profile.name, node.identity);
    this.refreshAll();
  }

  refreshProfile(profileName: string): void {
    this.buckets.forget(profileName);
    const profile = this.sources.settings.find(profileName);
    for (const identity of profile?.identities ?? []) this.policies.forget(policiesKey(profileName, identity));
    this.credentials.delete(profileName);
    if (!this.fire(`profile/${profileName}`)) this.changed.fire(undefined);
  }

  /** After an unbind: one new list call for the profile, then every bucket row shows the new state. */
  refreshBuckets(profileName: string): void {
    this.buckets.forget(profileName);
    this.fire(`profile/${profileName}/buckets`);
  }

  refreshPolicies(profileName: string, identity: ProfileIdentity): void {
    this.policies.forget(policiesKey(profileName, identity));
    this.fire(`profile/${profileName}/identities/${identityKey(identity)}`);
  }

  /** Shows "unbinding…" / "detaching…" on a row, or clears it with undefined. */
  setBusy(nodeId: string, label: string | undefined): void {
    if (label) this.busyRows.set(nodeId, label);
    else this.busyRows.delete(nodeId);
    this.fire(nodeId);
  }

  /** Policies currently shown for an identity, when loaded: the detach picker's first choice. */
  knownPolicies(profileName: string, identity: ProfileIdentity): Listing<AppPolicyList> | undefined {
    return this.policies.peek(policiesKey(profileName, identity));
  }

  bucketListing(profileName: string): Listing<MediaBucketList> | undefined {
    return this.buckets.peek(profileName);
  }

  private fire(id: string): boolean {
    const node = this.nodes.get(id);
    if (node) this.changed.fire(node);
    return node !== undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function sameProfile(a: AnyResourceNode, b: AnyResourceNode): boolean {
  return ('profile' in a ? a.profile : undefined) === ('profile' in b ? b.profile : undefined);
}
