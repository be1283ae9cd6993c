// The extension's bulk path without the VS Code UI around it: the same runBulk call the Unbind/Detach commands
// make (default concurrency, refresh once at the end), over the same per-target functions (src/commands/
// revocations.ts: in-flight de-duplication, row busy state), through a ProfileSession built from a profile as
// the settings parser reads it, with the AccessKey in a SecretStorage-shaped store as "Set AccessKey…" leaves it.
// Left out: the progress notification, the tree (its busy/refresh hooks are no-ops here) and the log.
import { runBulk, type BulkReport, type CallObserver, type PolicyChangeResult, type Acknowledged } from '../src/cloud';
import type { CommandDeps } from '../src/commands/deps';
import { InFlightCalls } from '../src/commands/inFlight';
import { detachPolicies, unbindBucket } from '../src/commands/revocations';
import type { BucketTarget, PolicyTarget } from '../src/commands/targets';
import { serializeCredentials, secretKeyFor, type SecretStore } from '../src/credentials/storedCredentials';
import { ProfileSessions } from '../src/profiles/profileSessions';
import { parseProfiles, type Profile, type ProfileIdentity } from '../src/settings/profiles';
import { BENCH_KEY, BENCH_POLICY, BENCH_REGION } from './fixtures';

const PROFILE = 'bench';
/** alicloudMedia.requestTimeoutSeconds' default. */
const TIMEOUT_MS = 10_000;

export interface ExtensionBulkPath {
  unbind(buckets: readonly string[]): Promise<BulkReport<BucketTarget, Acknowledged>>;
  detach(identities: readonly ProfileIdentity[]): Promise<BulkReport<PolicyTarget, PolicyChangeResult>>;
}

export function extensionBulkPath(endpoint: string, observer: CallObserver): ExtensionBulkPath {
  const parsed = parseProfiles([{ name: PROFILE, region: BENCH_REGION, credentialSource: 'keychain', endpoints: { mps: endpoint, vod: endpoint } }]);
  const profile: Profile | undefined = parsed.profiles[0];
  if (!profile) throw new Error(`bench profile rejected: ${parsed.problems.join(' ')}`);
  const stored = new Map<string, string>([[secretKeyFor(PROFILE), serializeCredentials(BENCH_KEY)]]);
  const secrets: SecretStore = {
    get: async (key) => stored.get(key),
    store: async (key, value) => void stored.set(key, value),
    delete: async (key) => void stored.delete(key),
  };
  const sessions = new ProfileSessions({ profile: (name) => (name === PROFILE ? profile : undefined), secrets, observer, timeoutMs: () => TIMEOUT_MS });
  const noop = () => undefined;
  const deps = {
    sessions,
    inFlight: new InFlightCalls(),
    tree: { setBusy: noop, refreshBuckets: noop, refreshPolicies: noop },
    log: { error: noop, warn: noop, info: noop },
  } as unknown as CommandDeps;
  return {
    unbind: (buckets) =>
      runBulk<BucketTarget, Acknowledged>(
        buckets.map((bucket) => ({ profile: PROFILE, bucket })),
        (target, signal) => unbindBucket(deps, target, { signal, refresh: false }).promise,
      ),
    detach: (identities) =>
      runBulk<PolicyTarget, PolicyChangeResult>(
        identities.map((identity) => ({ profile: PROFILE, identity, policyNames: [BENCH_POLICY] })),
        (target, signal) => detachPolicies(deps, target, { signal, refresh: false }).promise,
      ),
  };
}
