// Whether a profile has a usable AccessKey, asked once per profile until credentials or settings change, so
// rendering many rows never reads the keychain many times. No VS Code import.

import type { CredentialStatus } from '../credentials/credentialLookup';
import type { Profile } from '../settings/profileConfig';

export interface CredentialPresence {
  status(profile: Profile): Promise<CredentialStatus>;
}

export class CredentialCheck {
  private readonly known = new Map<string, Promise<CredentialStatus>>();

  constructor(private readonly store: CredentialPresence) {}

  /** Whether calls for the profile have credentials to sign with. */
  async has(profile: Profile): Promise<boolean> {
    return (await this.status(profile)).state === 'ready';
  }

  status(profile: Profile): Promise<CredentialStatus> {
    let known = this.known.get(profile.name);
    if (!known) {
      known = this.store.status(profile).catch((): CredentialStatus => ({ state: 'missing' }));
      this.known.set(profile.name, known);
    }
    return known;
  }

  forget(profile: string): void {
    this.known.delete(profile);
  }

  forgetAll(): void {
    this.known.clear();
  }
}
