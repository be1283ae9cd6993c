// The Resources view's data provider: profiles from user settings, bucket bindings and app policies from the
// shared listings (one ListAllMediaBucket per profile per refresh, an identity's policies when its row expands).
// Nothing loads before the view asks. Row state lives in small pieces beside it: busyRows, credentialCheck,
// nodeCache; this file only decides which rows exist and when they change.

import * as vscode from 'vscode';
import { VOD_REGIONS, type CloudError, type MediaBucketType } from '../cloud';
import { configuredByUserId, isUnresolvedUser } from '../profiles/identityResolver';
import type { AccessKeyStore } from '../credentials/accessKeyStore';
import { sourceOf } from '../credentials/sources';
import type { CacheOwner } from '../profiles/cacheOwner';
import type { Listing } from '../profiles/listingCache';
import type { ProfileSessions } from '../profiles/profileSessions';
import type { ResourceListings } from '../profiles/resourceListings';
import { foundKey, type AccessScanChange, type AccessScans } from '../profiles/accessScans';
import { accessScanView } from './lazyAccessScanView';
import type { ProfileSettings } from '../settings/profileSettings';
import { bucketsOf, type Profile, type ProfileIdentity } from '../settings/profileConfig';
import { BUCKET_KINDS } from './bucketKinds';
import { bucketBinding } from './bucketBinding';
import { BusyRows } from './busyRows';
import type { CredentialCheck } from './credentialCheck';
import type { NodeCache } from './nodeCache';
import {
  AccessScanNode,
  AppPolicyNode,
  FoundIdentityNode,
  FoundPolicyNode,
  BucketGroupNode,
  IdentityGroupNode,
  IdentityNode,
  MessageNode,
  BucketNode,
  ProfileNode,
  rowIds,
  rowIdsOf,
  type AnyResourceNode,
} from './nodes';
import { failureLabel, treeItemFor } from './resourceItems';
import type { RowState } from './sharedRows';
import type { RowRef } from './rowRef';
import type { ResourcesTreeCaches } from './treeCaches';

export const RESOURCES_VIEW_ID = 'alicloudMedia.resources';

/** A scan settles about 100 identities a second; its row is redrawn at most this often. */
const PROGRESS_REDRAW_MS = 250;

export interface ResourcesTreeSources {
  readonly settings: ProfileSettings;
  readonly accessKeys: AccessKeyStore;
  readonly sessions: ProfileSessions;
  readonly listings: ResourceListings;
  /** Find Access to App results, shown under their profile. */
  readonly scans: AccessScans;
  /** What the rows render from; only `caches` clears them. */
  readonly treeCaches: ResourcesTreeCaches;
  /** Told of every event that makes something stale (settings, keys, Refresh, a mutation's rows); loaded then. */
  readonly caches: () => CacheOwner;
  /** For problems the tree shows that no call explains (each text is logged once). */
  readonly warnOnce: (text: string) => void;
}

export class ResourcesTree implements vscode.TreeDataProvider<AnyResourceNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AnyResourceNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  private readonly credentials: CredentialCheck;
  private readonly busy = new BusyRows();
  /** Read by the lazily loaded RAM grant rows (ramGrantRows.ts) too. */
  readonly nodes: NodeCache;
  private readonly caches: () => CacheOwner;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly rowState: RowState;
  /** getChildren calls in progress; see redrawWhenIdle. */
  private loading = 0;
  private readonly redraws = new Set<string>();
  /** The account each profile row shows, once STS has answered for its current key. */
  private readonly callerShown: ResourcesTreeCaches['callerShown'];
  /** Scan groups with a progress redraw pending. */
  private readonly progressRedraws = new Set<string>();

  constructor(readonly sources: ResourcesTreeSources) {
    ({ credentials: this.credentials, nodes: this.nodes, callerShown: this.callerShown } = sources.treeCaches);
    this.caches = sources.caches;
    this.rowState = {
      binding: (node) => bucketBinding(sources.listings.peekBuckets(node.profile.name), node.type, node.bucket),
      busy: (node) => this.busy.label(node.id),
      identity: (node) => sources.sessions.get(node.profile.name)?.identities.peek(node.identity),
      naming: (node) => (configuredByUserId(node.identity) ? sources.sessions.get(node.profile.name)?.users.naming(node.identity.identityName) : undefined),
      caller: (profile) => this.callerShown.get(profile.name),
      signing: (profile) => sources.sessions.get(profile.name)?.signingOrigin(),
      scan: (node) => sources.scans.get(node.profile.name, node.appId),
      found: (node) => sources.scans.get(node.profile.name, node.identity.appId)?.found.get(foundKey(node.identity)),
      configured: (node) => node.profile.identities.some((i) => {
        const sent = sources.sessions.get(node.profile.name)?.identities.peek(i) ?? i;
        return sent.identityType === node.identity.identityType && sent.identityName === node.identity.identityName && i.appId === node.identity.appId;
      }),
      endpoint: (profile, product) => {
        try {
          return sources.sessions.get(profile.name)?.endpoint(product) ?? vscode.l10n.t('(unknown)');
        } catch {
          return vscode.l10n.t('(none: {0} is not a {1} region)', profile.region, product.toUpperCase());
        }
      },
    };
    this.subscriptions.push(
      sources.settings.onDidChange(() => {
        this.caches().settingsChanged();
        this.changed.fire(undefined);
      }),
      sources.accessKeys.onDidChange((profile) => {
        this.caches().keyChanged(profile);
        this.redrawProfile(profile);
      }),
      sources.scans.onDidChange((change) => this.scanChanged(change)),
    );
  }

  getTreeItem(node: AnyResourceNode): vscode.TreeItem {
    return treeItemFor(node, this.rowState);
  }

  getParent(node: AnyResourceNode): AnyResourceNode | undefined {
    switch (node.kind) {
      case 'profile':
        return undefined;
      case 'bucketGroup':
      case 'identityGroup':
        return this.nodes.get(rowIds.profile(node.profile.name));
      case 'bucket':
        return this.nodes.get(rowIds.bucketGroup(node.profile.name, node.type));
      case 'identity':
        return this.nodes.get(rowIds.identityGroup(node.profile.name));
      case 'appPolicy':
        return this.nodes.get(rowIds.identity(node.profile.name, node.identity));
      case 'accessScan':
        return this.nodes.get(rowIds.profile(node.profile.name));
      case 'foundIdentity':
        return this.nodes.get(rowIds.accessScan(node.profile.name, node.identity.appId));
      case 'foundPolicy':
        return this.nodes.get(rowIds.foundIdentity(node.profile.name, node.identity));
      case 'message':
        return undefined;
    }
  }

  async getChildren(node?: AnyResourceNode): Promise<AnyResourceNode[]> {
    this.loading++;
    try {
      return await this.childrenOf(node);
    } finally {
      this.loading--;
      if (this.loading === 0 && this.redraws.size > 0) setTimeout(() => this.redrawNow(), 0);
    }
  }

  private async childrenOf(node?: AnyResourceNode): Promise<AnyResourceNode[]> {
    if (!node) return this.rootRows();
    switch (node.kind) {
      case 'profile':
        return this.profileRows(node.profile);
      case 'bucketGroup':
        return this.bucketRows(node.profile, node.type);
      case 'identityGroup':
        return this.identityRows(node.profile);
      case 'identity':
        // RAM grants beside the app policies, by code loaded on first expand (esbuild.js LAZY_BUNDLES).
        return (require('./ramGrantRows') as typeof import('./ramGrantRows')).ramRows(this, node.profile, node.identity, await this.policyRows(node.profile, node.identity));
      case 'accessScan': {
        const entry = this.sources.scans.get(node.profile.name, node.appId);
        return entry ? accessScanView().scanChildren(entry, node.profile, (n) => this.nodes.intern(n)) : [];
      }
      case 'foundIdentity':
        return this.foundPolicyRows(node);
      case 'bucket':
      case 'appPolicy':
      case 'foundPolicy':
      case 'message':
        return [];
    }
  }

  // ------------------------------------------------------------------------------------------------ rows

  private rootRows(): AnyResourceNode[] {
    const { profiles, problems } = this.sources.settings.current();
    void vscode.commands.executeCommand('setContext', 'alicloudMedia.profileProblems', problems.length > 0);
    // No rows at all lets the view's welcome content (Add Profile) show.
    if (profiles.length === 0) return [];
    const rows: AnyResourceNode[] = profiles.map((p) => this.nodes.intern(new ProfileNode(p)));
    if (problems.length > 0) {
      const label =
        problems.length === 1
          ? vscode.l10n.t('1 problem in alicloudMedia.profiles — show log')
          : vscode.l10n.t('{0} problems in alicloudMedia.profiles — show log', problems.length);
      rows.push(this.nodes.intern(new MessageNode('settings/problems', 'warning', label, 'showLog', undefined, problems.join('\n'))));
    }
    return rows;
  }

  private async profileRows(profile: Profile): Promise<AnyResourceNode[]> {
    const rows: AnyResourceNode[] = [];
    const status = await this.credentials.status(profile);
    if (status.state === 'broken') rows.push(this.brokenCredentialsRow(profile, status.error));
    else if (status.state === 'missing') rows.push(this.noCredentialsRow(profile));
    else void this.showAccount(profile);
    rows.push(
      this.nodes.intern(new BucketGroupNode(profile, 'Output')),
      this.nodes.intern(new BucketGroupNode(profile, 'Input')),
      this.nodes.intern(new IdentityGroupNode(profile)),
    );
    for (const scan of this.sources.scans.of(profile.name)) rows.push(this.nodes.intern(new AccessScanNode(profile, scan.appId)));
    return rows;
  }

  /** Asks STS once per key (the session remembers) and redraws the profile row when the answer is new. */
  private async showAccount(profile: Profile): Promise<void> {
    const caller = await this.sources.sessions.get(profile.name)?.caller();
    if (!caller || caller.status === 'loading' || this.callerShown.get(profile.name) === caller) return;
    this.callerShown.set(profile.name, caller);
    if (caller.status === 'failed') this.sources.warnOnce(vscode.l10n.t('Could not read the account of profile {0}: GetCallerIdentity failed: {1}.', profile.name, caller.error.code));
    this.redrawWhenIdle(rowIds.profile(profile.name));
  }

  /**
   * Redraws a row whose look changed (the account, a resolved UserId) once no getChildren is in progress. Changing
   * a row while VS Code is still loading rows under it makes VS Code ask for the same children twice at once, and
   * the expanded rows then stay empty.
   */
  redrawWhenIdle(id: string): void {
    this.redraws.add(id);
    if (this.loading === 0) setTimeout(() => this.redrawNow(), 0);
  }

  private redrawNow(): void {
    if (this.loading > 0) return;
    const ids = [...this.redraws];
    this.redraws.clear();
    for (const id of ids) this.fire(id);
  }

  /** An aliyun CLI profile that cannot be used: one row says which file, profile and mode, and what is wrong. */
  private brokenCredentialsRow(profile: Profile, error: CloudError): MessageNode {
    const id = rowIds.message(rowIds.profile(profile.name), 'credentials');
    this.sources.warnOnce(vscode.l10n.t('Profile {0}: {1}', profile.name, error.message));
    return this.nodes.intern(new MessageNode(id, 'error', error.message, 'showLog', profile, error.message, error.requestId));
  }

  /** The profile's credential source says what is missing and what clicking the row does. */
  private noCredentialsRow(profile: Profile): MessageNode {
    const id = rowIds.message(rowIds.profile(profile.name), 'credentials');
    const row = sourceOf(profile).missingRow(profile);
    return this.nodes.intern(new MessageNode(id, row.severity, row.label, row.action, profile, row.tooltip));
  }

  private async bucketRows(profile: Profile, type: MediaBucketType): Promise<AnyResourceNode[]> {
    const group = rowIds.bucketGroup(profile.name, type);
    const buckets = bucketsOf(profile, type);
    if (buckets.length === 0) {
      const kind = BUCKET_KINDS[type];
      return [this.nodes.intern(new MessageNode(rowIds.message(group, 'empty'), 'info', kind.add(), kind.addAction, profile))];
    }
    const rows: AnyResourceNode[] = [];
    // Without credentials the states stay "unknown": a list call would only fail.
    if (await this.credentials.has(profile)) {
      const listing = await this.withViewProgress(this.sources.listings.bucketsOf(profile.name));
      if (listing.status === 'failed') rows.push(this.failureRow(rowIds.message(group, 'error'), vscode.l10n.t('buckets'), listing, profile));
    }
    for (const bucket of buckets) rows.push(this.nodes.intern(new BucketNode(profile, type, bucket)));
    return rows;
  }

  private identityRows(profile: Profile): AnyResourceNode[] {
    const group = rowIds.identityGroup(profile.name);
    if (profile.identities.length === 0) {
      return [this.nodes.intern(new MessageNode(rowIds.message(group, 'empty'), 'info', vscode.l10n.t('Add Identity…'), 'addIdentity', profile))];
    }
    // Said once here (and once in the log), instead of one failed listing per identity row.
    if (!(VOD_REGIONS as readonly string[]).includes(profile.region)) {
      // The log says what the row's tooltip says.
      const text = vscode.l10n.t(
        '{0} has no VOD: the {1} configured identities of profile {2} cannot be listed or revoked. Use a VOD region ({3}).',
        profile.region, profile.identities.length, profile.name, VOD_REGIONS.join(', '),
      );
      this.sources.warnOnce(text);
      const label = vscode.l10n.t('{0} has no VOD — show log', profile.region);
      return [this.nodes.intern(new MessageNode(rowIds.message(group, 'noVod'), 'warning', label, 'showLog', profile, text))];
    }
    const rows = profile.identities.map((identity) => this.nodes.intern(new IdentityNode(profile, identity)));
    if (profile.identities.some(configuredByUserId)) void this.nameUsers(profile, rows);
    return rows;
  }

  /**
   * Users configured by UserId are named from the account's user list (one ListUsers walk per session); their rows
   * are redrawn when it answers, with the name or, in the tooltip, why there is none. Without credentials there is
   * nobody to ask.
   */
  private async nameUsers(profile: Profile, rows: readonly AnyResourceNode[]): Promise<void> {
    const users = this.sources.sessions.get(profile.name)?.users;
    if (!users || !(await this.credentials.has(profile))) return;
    if (!users.unsettled()) return;
    await this.withViewProgress(users.load());
    for (const row of rows) this.redrawWhenIdle(row.id);
  }

  private async policyRows(profile: Profile, identity: ProfileIdentity): Promise<AnyResourceNode[]> {
    const base = rowIds.identity(profile.name, identity);
    if (!(await this.credentials.has(profile))) return [this.noCredentialsRow(profile)];
    const resolver = this.sources.sessions.get(profile.name)?.identities;
    const known = resolver?.peek(identity);
    const listing = await this.withViewProgress(this.sources.listings.policiesOf(profile.name, identity));
    // The row's label gains the UserId once RAM has said it.
    if (!known && resolver?.peek(identity)) this.redrawWhenIdle(base);
    if (listing.status === 'failed' && isUnresolvedUser(listing.error)) return [this.unresolvedRow(rowIds.message(base, 'error'), identity, listing.error, profile)];
    if (listing.status === 'failed') return [this.failureRow(rowIds.message(base, 'error'), vscode.l10n.t('app policies'), listing, profile)];
    if (listing.status !== 'loaded') return [];
    if (listing.value.policies.length === 0) {
      return [this.nodes.intern(new MessageNode(rowIds.message(base, 'empty'), 'info', vscode.l10n.t('No app policies attached'), 'showLog', profile))];
    }
    return listing.value.policies.map((policy) => this.nodes.intern(new AppPolicyNode(profile, identity, policy)));
  }

  /**
   * A found identity's policies: what the scan saw, until a detach or a refresh marks them stale; then read again
   * through the shared listings (a normal, recorded ListAppPoliciesForIdentity), as a configured identity's are.
   */
  private async foundPolicyRows(node: FoundIdentityNode): Promise<AnyResourceNode[]> {
    const { profile, identity } = node;
    const scans = this.sources.scans;
    const key = foundKey(identity);
    if (scans.get(profile.name, identity.appId)?.stale.has(key)) {
      const listing = await this.withViewProgress(this.sources.listings.policiesOf(profile.name, identity));
      if (listing.status === 'failed') return [this.failureRow(rowIds.message(node.id, 'error'), vscode.l10n.t('app policies'), listing, profile)];
      if (listing.status === 'loaded') {
        scans.updatePolicies(profile.name, identity.appId, key, listing.value.policies, listing.value.requestId);
        this.redrawWhenIdle(node.id);
      }
    }
    const found = scans.get(profile.name, identity.appId)?.found.get(key);
    if (!found || found.policies.length === 0) {
      return [this.nodes.intern(new MessageNode(rowIds.message(node.id, 'empty'), 'info', vscode.l10n.t('No app policies left in {0}', identity.appId), 'showLog', profile))];
    }
    return found.policies.map((policy) => this.nodes.intern(new FoundPolicyNode(profile, found.identity, policy)));
  }

  /** Progress redraws at most a few times a second; a group added or removed redraws its profile. */
  private scanChanged(change: AccessScanChange): void {
    if (!change.appId) return;
    if (change.what === 'added' || change.what === 'removed') {
      this.redrawWhenIdle(rowIds.profile(change.profile));
      return;
    }
    const id = rowIds.accessScan(change.profile, change.appId);
    if (change.what !== 'progress') {
      this.redrawWhenIdle(id);
      return;
    }
    if (this.progressRedraws.has(id)) return;
    this.progressRedraws.add(id);
    setTimeout(() => {
      this.progressRedraws.delete(id);
      this.redrawWhenIdle(id);
    }, PROGRESS_REDRAW_MS);
  }

  /** `what` is already in the display language: "buckets", "app policies". */
  private failureRow(id: string, what: string, listing: Listing<unknown>, profile: Profile): MessageNode {
    const error = listing.status === 'failed' ? listing.error : undefined;
    if (!error) return this.nodes.intern(new MessageNode(id, 'error', vscode.l10n.t('Failed to load {0} — show log', what), 'showLog', profile));
    const { label, tooltip } = failureLabel(what, error);
    return this.nodes.intern(new MessageNode(id, 'error', label, 'showLog', profile, tooltip, error.requestId));
  }

  /** A RAM user whose name could not be turned into its UserId: VOD was not asked, and the fix is in the settings. */
  private unresolvedRow(id: string, identity: ProfileIdentity, error: CloudError, profile: Profile): MessageNode {
    const label = vscode.l10n.t('Cannot find the UserId of "{0}": {1} — configure the UserId', identity.identityName, error.code);
    return this.nodes.intern(new MessageNode(id, 'error', label, 'openSettings', profile, error.message, error.requestId));
  }

  private withViewProgress<T>(work: Promise<T>): Promise<T> {
    return Promise.resolve(vscode.window.withProgress({ location: { viewId: RESOURCES_VIEW_ID } }, () => work));
  }

  // ------------------------------------------------------------------------------------------------ changes

  /** Everything: settings re-read, listings and credential checks forgotten. */
  refreshAll(): void {
    this.caches().refreshEverything();
    this.changed.fire(undefined);
  }

  /** A row's subtree (the Refresh inline action), or everything. */
  refresh(node: AnyResourceNode | undefined): void {
    if (!node) return this.refreshAll();
    switch (node.kind) {
      case 'profile':
        return this.refreshProfile(node.profile.name);
      case 'bucketGroup':
      case 'bucket':
        return this.reloadBuckets(node.profile.name);
      case 'identityGroup':
        this.caches().refreshIdentities(node.profile.name, node.profile.identities);
        this.fire(node.id);
        return;
      case 'identity':
      case 'appPolicy':
      case 'foundIdentity':
      case 'foundPolicy':
        return this.reloadPolicies(node.profile.name, node.identity);
      case 'accessScan':
        this.caches().refreshScan(node.profile.name, node.appId);
        this.fire(node.id);
        return;
      case 'message':
        return this.refreshAll();
    }
  }

  refreshProfile(profileName: string): void {
    this.caches().refreshProfile(profileName);
    this.redrawProfile(profileName);
  }

  private redrawProfile(profileName: string): void {
    if (!this.fire(rowIds.profile(profileName))) this.changed.fire(undefined);
  }

  /**
   * After a change to the cloud: the listings behind these rows are read again, once per profile for buckets (one
   * ListAllMediaBucket answers every bucket row) and once per identity for policies.
   */
  refreshRows(refs: readonly RowRef[]): void {
    const bucketProfiles = new Set<string>();
    const identities = new Map<string, { profile: string; identity: ProfileIdentity }>();
    for (const ref of refs) {
      if (ref.kind === 'bucket') bucketProfiles.add(ref.profile);
      else identities.set(rowIds.identity(ref.profile, ref.identity), ref);
    }
    for (const profile of bucketProfiles) this.reloadBuckets(profile);
    for (const { profile, identity } of identities.values()) this.reloadPolicies(profile, identity);
  }

  /** One listing answers both bucket groups: both are read again. */
  private reloadBuckets(profile: string): void {
    this.caches().refreshBuckets(profile);
    this.fire(rowIds.bucketGroup(profile, 'Output'));
    this.fire(rowIds.bucketGroup(profile, 'Input'));
  }

  private reloadPolicies(profile: string, identity: ProfileIdentity): void {
    const foundToo = this.caches().refreshPolicies(profile, identity);
    this.fire(rowIds.identity(profile, identity));
    if (foundToo) this.fire(rowIds.foundIdentity(profile, identity));
  }

  /** Shows "unbinding…" / "detaching…" on the rows of a target, or clears it with undefined. */
  markBusy(ref: RowRef, label: string | undefined): void {
    for (const id of rowIdsOf(ref)) {
      if (label) this.busy.mark(id, label);
      else this.busy.unmark(id);
      this.fire(id);
    }
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
