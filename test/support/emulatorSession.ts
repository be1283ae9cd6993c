// A ProfileSession (src/profiles/profileSessions.ts) whose endpoints are one emulator, built from a profile as the
// settings parser reads it, with the AccessKey in a SecretStorage-shaped store as "Set AccessKey…" leaves it: what
// the bench and the mutation pipeline's contract tests drive without VS Code.
import type { AccessKeyCredentials, CallObserver } from '../../src/cloud';
import { serializeCredentials, secretKeyFor, type SecretStore } from '../../src/credentials/keychainSecrets';
import { ProfileSessions, type ProfileSession } from '../../src/profiles/profileSessions';
import type { Profile } from '../../src/settings/profileConfig';
import { parseProfiles } from '../../src/settings/parseProfiles';

export interface EmulatorSessionOptions {
  readonly endpoint: string;
  readonly profile: string;
  readonly region: string;
  readonly key: AccessKeyCredentials;
  readonly observer: CallObserver;
  readonly timeoutMs: number;
}

export function emulatorSession(o: EmulatorSessionOptions): ProfileSession {
  const endpoints = { mps: o.endpoint, vod: o.endpoint, ram: o.endpoint, sts: o.endpoint };
  const parsed = parseProfiles([{ name: o.profile, region: o.region, credentialSource: 'keychain', endpoints }]);
  const profile: Profile | undefined = parsed.profiles[0];
  if (!profile) throw new Error(`profile rejected: ${parsed.problems.join(' ')}`);
  const stored = new Map<string, string>([[secretKeyFor(o.profile), serializeCredentials(o.key)]]);
  const secrets: SecretStore = {
    get: async (key) => stored.get(key),
    store: async (key, value) => void stored.set(key, value),
    delete: async (key) => void stored.delete(key),
  };
  const sessions = new ProfileSessions({ profile: (name) => (name === o.profile ? profile : undefined), secrets, observer: o.observer, timeoutMs: () => o.timeoutMs });
  const session = sessions.get(o.profile);
  if (!session) throw new Error('the profile has no session');
  return session;
}
