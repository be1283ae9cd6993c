// The extension's bulk path without the VS Code UI around it: the mutation pipeline's execution step
// (src/commands/mutations/sendMutationCalls.ts: runBulk at default concurrency, in-flight de-duplication, row busy
// state, one refresh at the end, the per-target report) for the same operation descriptions the commands use,
// through a ProfileSession built from a profile as the settings parser reads it, with the AccessKey in a
// SecretStorage-shaped store as "Set AccessKey…" leaves it. Left out: the modal, the progress notification, and
// the tree and log themselves (their hooks are no-ops here).
import type { Acknowledged, BulkOutcome, CallObserver, PolicyChangeResult } from '../src/cloud';
import { InFlightCalls } from '../src/commands/inFlight';
import { detachAppPolicy } from '../src/commands/mutations/detachAppPolicy';
import { sendMutationCalls, type ExecutionDeps } from '../src/commands/mutations/sendMutationCalls';
import type { Mutation } from '../src/commands/mutations/mutation';
import { unbindOutputBucket } from '../src/commands/mutations/unbindOutputBucket';
import type { BucketTarget, PolicyTarget } from '../src/commands/targets';
import type { ProfileIdentity } from '../src/settings/profileConfig';
import { emulatorSession } from '../test/support/emulatorProfile';
import { BENCH_KEY, BENCH_POLICY, BENCH_REGION } from './fixtures';

const PROFILE = 'bench';
/** alicloudMedia.requestTimeoutSeconds' default. */
const TIMEOUT_MS = 10_000;

/** What the bench reads of a run: every target's outcome, in target order. */
export interface BulkRun<T, R> {
  readonly outcomes: readonly BulkOutcome<T, R>[];
  readonly succeeded: number;
  readonly failed: number;
}

export interface ExtensionBulkPath {
  unbind(buckets: readonly string[]): Promise<BulkRun<BucketTarget, Acknowledged>>;
  detach(identities: readonly ProfileIdentity[]): Promise<BulkRun<PolicyTarget, PolicyChangeResult>>;
}

export function extensionBulkPath(endpoint: string, observer: CallObserver): ExtensionBulkPath {
  const session = emulatorSession({ endpoint, profile: PROFILE, region: BENCH_REGION, key: BENCH_KEY, observer, timeoutMs: TIMEOUT_MS });
  const noop = () => undefined;
  const deps: ExecutionDeps = { inFlight: new InFlightCalls(), tree: { markBusy: noop, refreshRows: noop }, log: { info: noop, warn: noop } };
  const run = async <T extends { profile: string }, R extends Acknowledged>(mutation: Mutation<T, R>, targets: T[]): Promise<BulkRun<T, R>> => {
    const { outcomes } = await sendMutationCalls(deps, mutation, session, { profile: PROFILE, targets, interactive: false, bulk: true });
    const count = (status: string) => outcomes.filter((o) => o.status === status).length;
    return { outcomes, succeeded: count('succeeded'), failed: count('failed') };
  };
  return {
    unbind: (buckets) => run(unbindOutputBucket, buckets.map((bucket) => ({ profile: PROFILE, bucket }))),
    detach: (identities) => run(detachAppPolicy, identities.map((identity) => ({ profile: PROFILE, identity, policyNames: [BENCH_POLICY] }))),
  };
}
