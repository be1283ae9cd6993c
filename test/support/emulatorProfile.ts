// Profiles pointed at a running emulator, as the settings parser reads them, with their AccessKeys in a
// SecretStorage-shaped store as "Set AccessKey…" leaves them, and the sessions the extension builds from them. No
// VS Code: the sessions, their clients and the credential lookup are the extension's own and talk HTTP to the
// emulator. The unit and contract tests and the bench all build their sessions here.
import type { AccessKeyCredentials, CallObserver, CallRecord } from '../../src/cloud';
import { serializeCredentials, secretKeyFor, type SecretStore } from '../../src/credentials/keychainSecrets';
import { ProfileSessions, type ProfileSession } from '../../src/profiles/profileSessions';
import type { Profile } from '../../src/settings/profileConfig';
import { parseProfiles } from '../../src/settings/parseProfiles';

export interface EmulatorProfiles {
  readonly profiles: readonly Profile[];
  readonly secrets: SecretStore;
  readonly sessions: ProfileSessions;
  /** Every CallRecord the sessions' clients reported. */
  readonly records: CallRecord[];
}

export interface SessionOptions {
  /** Also told of every call (and retry), after `records` has it. */
  readonly observer?: CallObserver;
  /** The call timeout the sessions' clients use; 2 s unless given. */
  readonly timeoutMs?: number;
}

/** The raw settings value (`alicloudMedia.profiles`) for profiles named `names`, each at `url` for every product. */
export function emulatorProfileSettings(url: string, names: readonly string[], extra: Record<string, unknown> = {}): Record<string, unknown>[] {
  return names.map((name) => ({ name, region: 'cn-shanghai', credentialSource: 'keychain', endpoints: { mps: url, vod: url, ram: url, sts: url, actiontrail: url }, ...extra }));
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

export function emulatorProfiles(
  raw: readonly Record<string, unknown>[],
  keys: Readonly<Record<string, AccessKeyCredentials>>,
  options: SessionOptions = {},
): EmulatorProfiles {
  const parsed = parseProfiles(raw);
  if (parsed.problems.length > 0) throw new Error(`test profiles rejected: ${parsed.problems.join(' ')}`);
  const records: CallRecord[] = [];
  const also = options.observer;
  const observer: CallObserver = {
    onCall: (record) => {
      records.push(record);
      also?.onCall(record);
    },
    ...(also?.onRetry ? { onRetry: also.onRetry.bind(also) } : {}),
  };
  const secrets = secretStore(keys);
  const timeoutMs = options.timeoutMs ?? 2000;
  const sessions = new ProfileSessions({
    profile: (name) => parsed.profiles.find((p) => p.name === name),
    secrets,
    observer,
    timeoutMs: () => timeoutMs,
  });
  return { profiles: parsed.profiles, secrets, sessions, records };
}

export interface EmulatorSessionOptions extends SessionOptions {
  readonly endpoint: string;
  readonly profile: string;
  readonly region: string;
  readonly key: AccessKeyCredentials;
}

/** The session of one keychain profile whose every endpoint is the emulator at `endpoint`. */
export function emulatorSession(o: EmulatorSessionOptions): ProfileSession {
  const raw = emulatorProfileSettings(o.endpoint, [o.profile], { region: o.region });
  const session = emulatorProfiles(raw, { [o.profile]: o.key }, o).sessions.get(o.profile);
  if (!session) throw new Error(`profile ${o.profile} has no session`);
  return session;
}
