// Profile → cloud clients. Clients are made on first use and kept until the settings change, so a view that is
// never opened never builds one, and a changed endpoint or timeout always takes effect. No VS Code import.

import type { MpsClient, VodClient } from '../cloud/clients';
import { resolveEndpoint, type CallObserver, type Product } from '../cloud';
import { cloudClients } from './cloudClients';
import { credentialProviderFor, lookupCredentials, type SecretStore } from '../credentials/storedCredentials';
import type { Profile } from '../settings/profiles';

export interface SessionSources {
  readonly profile: (name: string) => Profile | undefined;
  readonly secrets: SecretStore;
  readonly observer: CallObserver;
  readonly timeoutMs: () => number;
}

export class ProfileSession {
  private mpsClient: MpsClient | undefined;
  private vodClient: VodClient | undefined;

  constructor(
    readonly profile: Profile,
    private readonly sources: SessionSources,
  ) {}

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

  /** The endpoint requests go to, for confirmations and tooltips; throws like the client constructors. */
  endpoint(product: Product): string {
    return resolveEndpoint(product, this.profile.region, this.profile.endpoints[product]);
  }

  /** The AccessKeyId the profile would sign with now (undo compares it with the revocation's), if any. */
  async accessKeyId(): Promise<string | undefined> {
    return (await lookupCredentials(this.profile, this.sources.secrets))?.accessKeyId;
  }

  private options(product: Product) {
    return {
      region: this.profile.region,
      endpoint: this.profile.endpoints[product],
      credentials: credentialProviderFor(this.profile, this.sources.secrets),
      profile: this.profile.name,
      observer: this.sources.observer,
      timeoutMs: this.sources.timeoutMs(),
    };
  }
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

  /** After the profile's key changed: its clients (and the credentials their channels remember) are dropped. */
  forget(name: string): void {
    this.sessions.delete(name);
  }

  clear(): void {
    this.sessions.clear();
  }
}
