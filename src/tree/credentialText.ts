// How the profile row names the key its calls sign with. No VS Code import, so it is unit-tested; its words follow
// the display language through @vscode/l10n. The source (`keychain`, `aliyun-cli:dev`) and the ARN stay as they are.

import * as l10n from '@vscode/l10n';
import type { CredentialOrigin } from '../cloud';
import { sourceOf } from '../credentials/sources';
import type { Profile } from '../settings/profileConfig';

/**
 * The profile row's contextValue: `profile.storesKey` where Set AccessKey… and Clear AccessKey apply (package.json's
 * menus match it), `profile` elsewhere, so they are never offered where a stored key would be read by nothing.
 */
export function profileContextValue(profile: Profile): 'profile' | 'profile.storesKey' {
  return sourceOf(profile).canStoreKey ? 'profile.storesKey' : 'profile';
}

/**
 * The profile row's credential: its source (`keychain`, `environment`, `aliyun-cli:dev`), the role it assumes, and
 * for temporary keys when they expire (local time, minutes).
 */
export function credentialText(profile: Profile, origin: CredentialOrigin | undefined): { short: string; line: string } {
  const source = origin?.source ?? sourceOf(profile).shown(profile);
  const role = profile.assumeRole?.roleArn ?? origin?.roleArn;
  const roleName = role ? role.slice(role.lastIndexOf('/') + 1) : undefined;
  const expires = origin?.expiration ? new Date(origin.expiration) : undefined;
  const at = expires && !Number.isNaN(expires.getTime()) ? expires.toTimeString().slice(0, 5) : undefined;
  const short = [source === 'keychain' && !role && !at ? undefined : source, roleName ? l10n.t('role {0}', roleName) : undefined, at ? l10n.t('expires {0}', at) : undefined]
    .filter(Boolean)
    .join(' · ');
  const assumes = role && (origin?.sessionName ? l10n.t('Assumes role: {0} (session {1})', role, origin.sessionName) : l10n.t('Assumes role: {0}', role));
  const line = [l10n.t('AccessKey: {0}', source), assumes, expires && at ? l10n.t('Temporary key expires: {0}', expires.toISOString()) : undefined].filter(Boolean).join('\n');
  return { short, line };
}

