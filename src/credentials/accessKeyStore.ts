// Profile AccessKeys in VS Code's SecretStorage (the OS keychain on desktop). The only code that writes them.

import * as vscode from 'vscode';
import type { AccessKeyCredentials } from '../cloud';
import type { Profile } from '../settings/profileConfig';
import { credentialStatus, lookupCredentials, type CredentialStatus } from './credentialLookup';
import { profileOfSecretKey, secretKeyFor, serializeCredentials } from './keychainSecrets';

export class AccessKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  private readonly subscription: vscode.Disposable;
  /** Fires with the profile name whose AccessKey was stored or deleted (also by another window). */
  readonly onDidChange = this.changed.event;

  constructor(readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      const profile = profileOfSecretKey(e.key);
      if (profile !== undefined) this.changed.fire(profile);
    });
  }

  store(profileName: string, credentials: AccessKeyCredentials): Thenable<void> {
    return this.secrets.store(secretKeyFor(profileName), serializeCredentials(credentials));
  }

  delete(profileName: string): Thenable<void> {
    return this.secrets.delete(secretKeyFor(profileName));
  }

  /** Whether a call for this profile would have credentials (keychain entry or environment variables). */
  async has(profile: Profile): Promise<boolean> {
    return (await lookupCredentials(profile, this.secrets)) !== undefined;
  }

  /** Ready, missing or broken (an aliyun CLI profile that cannot be used says why). Never rejects. */
  status(profile: Profile): Promise<CredentialStatus> {
    return credentialStatus(profile, this.secrets);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
