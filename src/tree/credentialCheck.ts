// Whether a profile has a usable AccessKey, asked once per profile until credentials or settings change, so
// rendering many rows never reads the keychain many times. No VS Code import.

import type { Profile } from '../settings/profiles';

export interface CredentialPresence {
  has(profile: Profile): Promise<boolean>;
}

export class CredentialCheck {
  private readonly known = new Map<string, Promise<boolean>>();

  constructor(private readonly store: CredentialPresence) {}

  has(profile: Profile): Promise<boolean> {
    let known = this.known.get(profile.name);
    if (!known) {
      known = this.store.has(profile).catch(() => false);
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
