// Profile → cloud clients. Clients are made on first use and kept until the settings change, so a view that is
// never opened never builds one, and a changed endpoint or timeout always takes effect. No VS Code import.

import * as l10n from '@vscode/l10n';
import type { AssumedRoleCredentials, MpsClient, RamClient, StsClient, VodClient } from '../cloud/clients';
import type * as Admins from './appAdministrators';
import {
  resolveEndpoint,
  toCloudError,
  type AppIdentity,
  type CallObserver,
  type CallerIdentity,
  type CredentialOrigin,
  type CredentialProvider,
  type Product,
} from '../cloud';
import { CallerAccounts } from './callerAccount';
import { cloudClients } from './cloudClients';
import { IdentityResolver } from './identityResolver';
import { UserDirectory } from './userDirectory';
import type { Listing } from './listingCache';
import { credentialProviderFor, credentialRoute, lookupCredentials } from '../credentials/credentialLookup';
import type { SecretStore } from '../credentials/keychainSecrets';
import type { Profile } from '../settings/profileConfig';

export interface SessionSources {
  readonly profile: (name: string) => Profile | undefined;
  readonly secrets: SecretStore;
  readonly observer: CallObserver;
  readonly timeoutMs: () => number;
}

export class ProfileSession {
  private mpsClient: MpsClient | undefined;
  private vodClient: VodClient | undefined;
  private ramClient: RamClient | undefined;
  private stsClient: StsClient | undefined;
  /** Signs AssumeRole with the profile's own key; the other clients sign with the role's. */
  private roleStsClient: StsClient | undefined;
  /** The profile's own key (keychain, environment or aliyun CLI). */
  private readonly ownCredentials: CredentialProvider;
  /** What MPS, VOD, RAM and STS calls sign with: the own key, or the role's temporary key when assumeRole is set. */
  private readonly signing: CredentialProvider;
  /** Made on first use, so the role code loads only for profiles that assume one and only when they call. */
  private roleCredentials: AssumedRoleCredentials | undefined;
  private lastOrigin: CredentialOrigin | undefined;
  private scanVodClient: VodClient | undefined;
  /** Configured identities → what VOD is sent; the listings and the mutations both ask this one. */
  readonly identities: IdentityResolver;
  /** The account's RAM users by UserId: the names rows, confirmations and records show beside a UserId. */
  readonly users: UserDirectory;
  private readonly callers: CallerAccounts;
  /** RAM grants read for this session (profiles/ramGrantSession.ts, loaded lazily); Refresh forgets them. */
  declare ramGrants?: { forget(): void };

  constructor(
    readonly profile: Profile,
    private readonly sources: SessionSources,
  ) {
    this.users = new UserDirectory(() => this.ram());
    this.identities = new IdentityResolver(profile.name, () => this.ram(), this.users);
    this.callers = new CallerAccounts(() => this.sts().getCallerIdentity());
    this.ownCredentials = credentialProviderFor(profile, sources.secrets);
    const inner = (): CredentialProvider => this.role() ?? this.ownCredentials;
    // Remembers where the last key came from (not the key), so the profile row can name its source and expiry.
    this.signing = {
      getCredentials: async () => {
        const credentials = await inner().getCredentials();
        this.lastOrigin = credentials.origin;
        return credentials;
      },
      renew: async () => (await inner().renew?.()) ?? false,
    };
  }

  private role(): AssumedRoleCredentials | undefined {
    const role = this.profile.assumeRole;
    if (!role) return undefined;
    this.roleCredentials ??= new (cloudClients().AssumedRoleCredentials)(role, this.ownCredentials, (request) => this.roleSts().assumeRole(request));
    return this.roleCredentials;
  }

  /** Throws CloudError invalid-input when the profile's region or endpoint does not suit MPS. */
  mps(): MpsClient {
    this.mpsClient ??= new (cloudClients().MpsClient)(this.options('mps'));
    return this.mpsClient;
  }

  /** Throws CloudError invalid-input when the profile's region is not a VOD region (e.g. cn-qingdao). */
  vod(): VodClient {
    this.vodClient ??= new (cloudClients().VodClient)(this.options('vod'));
    return this.vodClient;
  }

  /**
   * VOD for Find Access to App: the same endpoint, key and pace as vod(), but its observer hears only calls that
   * did not succeed. A scan asks about every identity of the account (1,000+ listings); recorded one by one they
   * would push the user's revocations out of the Request History. Failures keep their record (code, RequestId),
   * and the scan logs one summary line and keeps each finding's RequestId itself.
   */
  scanVod(): VodClient {
    this.scanVodClient ??= new (cloudClients().VodClient)({ ...this.options('vod'), observer: failuresOnly(this.sources.observer) });
    return this.scanVodClient;
  }

  /** RAM is global: the region only has to be one a profile may name. */
  ram(): RamClient {
    this.ramClient ??= new (cloudClients().RamClient)(this.options('ram'));
    return this.ramClient;
  }

  sts(): StsClient {
    this.stsClient ??= new (cloudClients().StsClient)(this.options('sts'));
    return this.stsClient;
  }

  /** The STS client AssumeRole goes through: the profile's STS endpoint, signed with the profile's own key. */
  private roleSts(): StsClient {
    this.roleStsClient ??= new (cloudClients().StsClient)({ ...this.options('sts'), credentials: this.ownCredentials });
    return this.roleStsClient;
  }

  /** Where the key of the last call came from (source, role, expiry), once a call has been made. */
  signingOrigin(): CredentialOrigin | undefined {
    return this.lastOrigin;
  }

  /**
   * Who the profile's current AccessKey is (STS GetCallerIdentity, asked once per AccessKeyId). Undefined when no
   * AccessKey is configured. Never rejects: a failure is a `failed` listing with the error.
   */
  async caller(): Promise<Listing<CallerIdentity> | undefined> {
    const accessKeyId = await this.accessKeyId();
    if (!accessKeyId) return undefined;
    try {
      this.sts();
    } catch (e) {
      return { status: 'failed', error: toCloudError(e) };
    }
    return this.callers.of(accessKeyId);
  }

  /** What caller() would settle to now, without asking. */
  peekCaller(accessKeyId: string): Listing<CallerIdentity> | undefined {
    return this.callers.peek(accessKeyId);
  }

  /** A refresh forgets what RAM and STS said, so a renamed user or a changed key is read again. */
  forgetDirectory(): void {
    this.users.forget();
    this.identities.forget();
    this.callers.forget();
    this.ramGrants?.forget();
  }

  /** The endpoint requests go to, for confirmations and tooltips; throws like the client constructors. */
  endpoint(product: Product): string {
    return resolveEndpoint(product, this.profile.region, this.profile.endpoints[product]);
  }

  /** For the confirmation: the proxy calls to `product` go through when the extension chose one (http.proxySupport on). */
  proxy(product: Product): string | undefined {
    return cloudClients().proxyFor(this.endpoint(product));
  }

  /**
   * For the confirmation: what the profile's key is read from and the host that source contacts, then the role it
   * assumes and the STS endpoint it asks. Throws the source's CloudError (a refused host) before anything is sent.
   */
  async credentialRoute(): Promise<string> {
    const route = await credentialRoute(this.profile, this.sources.secrets);
    const role = this.profile.assumeRole;
    if (!role) return route;
    return l10n.t('{0}, then role {1} via {2}', route, role.roleArn.slice(role.roleArn.lastIndexOf('/') + 1), new URL(this.endpoint('sts')).host);
  }

  /** The AccessKeyId the profile would sign with now (undo compares it with the revocation's), if any. */
  async accessKeyId(): Promise<string | undefined> {
    try {
      // With a role, the key that signs is the role's: asking for it may assume the role (a recorded call).
      if (this.profile.assumeRole) return (await this.signing.getCredentials()).accessKeyId;
      const credentials = await lookupCredentials(this.profile, this.sources.secrets);
      if (credentials) this.lastOrigin = credentials.origin;
      return credentials?.accessKeyId;
    } catch {
      // A source that cannot be used has no key; its own error row and the call's record say why.
      return undefined;
    }
  }

  /** What every client of this session is built with; lazily loaded readers (RAM grants, ActionTrail) build theirs from it. */
  options(product: Product) {
    return {
      region: this.profile.region,
      endpoint: this.profile.endpoints[product],
      credentials: this.signing,
      profile: this.profile.name,
      // Every record names the account its key belongs to, once STS has said (undo compares it).
      account: (accessKeyId: string) => this.callers.accountId(accessKeyId),
      observer: this.sources.observer,
      timeoutMs: this.sources.timeoutMs(),
      // Another identity's app policies are read only with an app administrator's key (decided on first use).
      beforePolicyListing: (identity: AppIdentity) => (require('./appAdministrators') as typeof Admins).checkPolicyListing(this, identity),
    };
  }
}

/** Forwards the records of calls that failed (or whose outcome is unknown), and every retry notice. */
function failuresOnly(observer: CallObserver): CallObserver {
  return {
    onCall: (record) => {
      if (record.outcome === 'failed' || record.outcome === 'unknown') observer.onCall(record);
    },
    onRetry: (info) => observer.onRetry?.(info),
  };
}

export class ProfileSessions {
  private readonly sessions = new Map<string, ProfileSession>();

  constructor(private readonly sources: SessionSources) {}

  get(name: string): ProfileSession | undefined {
    const profile = this.sources.profile(name);
    if (!profile) return undefined;
    let session = this.sessions.get(name);
    // A new Profile object means the settings were re-read: build fresh clients.
    if (!session || session.profile !== profile) {
      session = new ProfileSession(profile, this.sources);
      this.sessions.set(name, session);
    }
    return session;
  }

  /** The session already made for the profile, if any: forgetting what it knows must not make one. */
  peek(name: string): ProfileSession | undefined {
    return this.sessions.get(name);
  }

  /** After the profile's key changed: its clients (and the credentials their channels remember) are dropped. */
  forget(name: string): void {
    this.sessions.delete(name);
  }

  clear(): void {
    this.sessions.clear();
  }
}
