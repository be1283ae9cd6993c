// The two revocations, shared by tree menus, the Command Palette and programmatic callers: one in-flight call per
// target, the row shows what is happening, and the affected rows reload afterwards.

import { CloudError, describeError, type Acknowledged, type PolicyChangeResult } from '../cloud';
import { identityKey } from '../settings/profiles';
import type { ProfileSession } from '../profiles/profileSessions';
import type { CommandDeps } from './deps';
import { InFlightCalls } from './inFlight';
import type { BucketTarget, PolicyTarget } from './targets';

export interface RevocationOptions {
  readonly signal?: AbortSignal;
  /** False during a bulk run, which reloads once at the end instead of once per target. */
  readonly refresh?: boolean;
}

export interface Started<T> {
  readonly promise: Promise<T>;
  /** True when an identical call was already in flight and this one joined it. */
  readonly joined: boolean;
}

export function sessionFor(deps: Pick<CommandDeps, 'sessions'>, profile: string): ProfileSession {
  const session = deps.sessions.get(profile);
  if (!session) {
    throw new CloudError({ kind: 'invalid-input', code: 'UnknownProfile', message: `Profile "${profile}" is not configured.`, retryable: false });
  }
  return session;
}

/** Client construction fails before any call (and so before any CallRecord): say so in the log ourselves. */
function client<T>(deps: Pick<CommandDeps, 'log'>, make: () => T): T {
  try {
    return make();
  } catch (e) {
    deps.log.error(`Not sent: ${describeError(e)}`);
    throw e;
  }
}

export function unbindKey(target: BucketTarget): string {
  return InFlightCalls.key(target.profile, 'UnbindOutputBucket', target.bucket);
}

export function detachKey(target: PolicyTarget): string {
  return InFlightCalls.key(target.profile, 'DetachAppPolicyFromIdentity', `${identityKey(target.identity)}:${[...target.policyNames].sort().join(',')}`);
}

export function unbindBucket(deps: CommandDeps, target: BucketTarget, options: RevocationOptions = {}): Started<Acknowledged> {
  return deps.inFlight.run(unbindKey(target), async () => {
    const session = sessionFor(deps, target.profile);
    const mps = client(deps, () => session.mps());
    const rowId = `profile/${target.profile}/buckets/${target.bucket}`;
    deps.tree.setBusy(rowId, 'unbinding…');
    try {
      return await mps.unbindOutputBucket(target.bucket, { signal: options.signal });
    } finally {
      deps.tree.setBusy(rowId, undefined);
      if (options.refresh !== false) deps.tree.refreshBuckets(target.profile);
    }
  });
}

export function detachPolicies(deps: CommandDeps, target: PolicyTarget, options: RevocationOptions = {}): Started<PolicyChangeResult> {
  return deps.inFlight.run(detachKey(target), async () => {
    const session = sessionFor(deps, target.profile);
    const vod = client(deps, () => session.vod());
    const identityRow = `profile/${target.profile}/identities/${identityKey(target.identity)}`;
    const rows = [identityRow, ...target.policyNames.map((name) => `${identityRow}/${name}`)];
    for (const row of rows) deps.tree.setBusy(row, 'detaching…');
    try {
      return await vod.detachAppPolicyFromIdentity(target.identity, target.policyNames, { signal: options.signal });
    } finally {
      for (const row of rows) deps.tree.setBusy(row, undefined);
      if (options.refresh !== false) deps.tree.refreshPolicies(target.profile, target.identity);
    }
  });
}
