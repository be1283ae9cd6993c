// A profile pointed at a running emulator, as the settings parser reads it, with its AccessKey in a SecretStorage-
// shaped store as "Set AccessKey…" leaves it, and the sessions the extension builds from it. No VS Code: the
// sessions, their clients and the credential lookup are the extension's own and talk HTTP to the emulator.
import type { AccessKeyCredentials, CallObserver, CallRecord } from '../../src/cloud';
import { serializeCredentials, secretKeyFor, type SecretStore } from '../../src/credentials/keychainSecrets';
import { ProfileSessions } from '../../src/profiles/profileSessions';
import type { Profile } from '../../src/settings/profileConfig';
import { parseProfiles } from '../../src/settings/parseProfiles';

export interface EmulatorProfiles {
  readonly profiles: readonly Profile[];
  readonly secrets: SecretStore;
  readonly sessions: ProfileSessions;
  /** Every CallRecord the sessions' clients reported. */
  readonly records: CallRecord[];
}

/** The raw settings value (`alicloudMedia.profiles`) for profiles named `names`, each at `url` for every product. */
export function emulatorProfileSettings(url: string, names: readonly string[], extra: Record<string, unknown> = {}): Record<string, unknown>[] {
  return names.map((name) => ({ name, region: 'cn-shanghai', credentialSource: 'keychain', endpoints: { mps: url, vod: url, ram: url, sts: url }, ...extra }));
}

/** An in-memory SecretStore holding `keys` by profile name. */
export function secretStore(keys: Readonly<Record<string, AccessKeyCredentials>>): SecretStore & { readonly entries: Map<string, string> } {
  const entries = new Map(Object.entries(keys).map(([profile, key]) => [secretKeyFor(profile), serializeCredentials(key)]));
  return {
    entries,
    get: async (key) => entries.get(key),
    store: async (key, value) => void entries.set(key, value),
    delete: async (key) => void entries.delete(key),
  };
}

export function emulatorProfiles(raw: readonly Record<string, unknown>[], keys: Readonly<Record<string, AccessKeyCredentials>>): EmulatorProfiles {
  const parsed = parseProfiles(raw);
  if (parsed.problems.length > 0) throw new Error(`test profiles rejected: ${parsed.problems.join(' ')}`);
  const records: CallRecord[] = [];
  const observer: CallObserver = { onCall: (record) => records.push(record) };
  const secrets = secretStore(keys);
  const sessions = new ProfileSessions({
    profile: (name) => parsed.profiles.find((p) => p.name === name),
    secrets,
    observer,
    timeoutMs: () => 2000,
  });
  return { profiles: parsed.profiles, secrets, sessions, records };
}
