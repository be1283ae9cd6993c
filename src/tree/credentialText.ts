// How the profile row names the key its calls sign with. No VS Code import, so it is unit-tested.

import type { CredentialOrigin } from '../cloud';
import type { Profile } from '../settings/profiles';

/**
 * The profile row's credential: its source (`keychain`, `environment`, `aliyun-cli:dev`), the role it assumes, and
 * for temporary keys when they expire (local time, minutes).
 */
export function credentialText(profile: Profile, origin: CredentialOrigin | undefined): { short: string; line: string } {
  const configured =
    profile.credentialSource === 'aliyun-cli' ? `aliyun-cli:${profile.cliProfile ?? '(current)'}` : profile.credentialSource;
  const source = origin?.source ?? configured;
  const role = profile.assumeRole?.roleArn ?? origin?.roleArn;
  const roleName = role ? role.slice(role.lastIndexOf('/') + 1) : undefined;
  const expires = origin?.expiration ? new Date(origin.expiration) : undefined;
  const at = expires && !Number.isNaN(expires.getTime()) ? expires.toTimeString().slice(0, 5) : undefined;
  const short = [source === 'keychain' && !role && !at ? undefined : source, roleName ? `role ${roleName}` : undefined, at ? `expires ${at}` : undefined]
    .filter(Boolean)
    .join(' · ');
  const line =
    `AccessKey: ${source}` +
    (role ? `\nAssumes role: ${role}${origin?.sessionName ? ` (session ${origin.sessionName})` : ''}` : '') +
    (expires && at ? `\nTemporary key expires: ${expires.toISOString()}` : '');
  return { short, line };
}

