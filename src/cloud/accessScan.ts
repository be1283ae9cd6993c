// "Which RAM users and roles hold app X?" No API answers that (the RAM/VOD notes): the only way is to page through
// ListUsers and ListRoles and ask ListAppPoliciesForIdentity about each identity. This runs that walk for one
// app: directory first (both listings, each failure kept), then one listing per identity through runBulk, which
// keeps enough calls queued while the clients' rate limiter paces them at the action's QPS. Progress is reported
// in one place (`onProgress`), cancellation stops new calls, and whatever was learnt before a cancel or a failure
// is returned with what is missing. Never rejects. No VS Code import.
//
// VOD is asked about a RAM user by its UserId, which comes from ListUsers' answer: a UserId that is not digits
// (a broken or hostile answer) is not passed on, since VOD would read it as someone else or as a login name. That
// user gets a failure row (the listing's RequestId, kind bad-response) and nothing is sent for it.

import * as l10n from '@vscode/l10n';
import { runBulk, DEFAULT_BULK_CONCURRENCY } from './bulk';
import { CloudError, toCloudError } from './errors';
import { isRamUserId } from './identity';
import type { AppIdentity, AppPolicy, AppPolicyList, CallOptions, IdentityType, RamRoleList, RamUserList } from './types';
import type { RamGranteeResult } from './ramGrants';

/** The reads the scan needs: RAM's two directory listings and VOD's per-identity policy listing. */
export interface AccessScanClients {
  readonly ram: {
    listUsers(options?: CallOptions & { pageSize?: number }): Promise<RamUserList>;
    listRoles(options?: CallOptions & { pageSize?: number }): Promise<RamRoleList>;
  };
  readonly vod: {
    listAppPoliciesForIdentity(identity: AppIdentity, options?: CallOptions): Promise<AppPolicyList>;
  };
}

/** One identity of the directory, as VOD is asked about it (a RAM user by UserId, a role by name). */
export interface ScannedIdentity {
  readonly identityType: IdentityType;
  /** The UserId for RamUser, the role name for RamRole: what VOD receives. */
  readonly identityName: string;
  readonly appId: string;
  /** RamUser: the login name, for people. */
  readonly userName?: string;
  readonly displayName?: string;
}

export interface FoundAccess {
  readonly identity: ScannedIdentity;
  readonly policies: readonly AppPolicy[];
  /** The listing that found them: what an audit note cites. */
  readonly requestId: string;
}

export interface ScanFailure {
  readonly identity: ScannedIdentity;
  readonly error: CloudError;
}

export interface DirectoryFailure {
  readonly action: 'ListUsers' | 'ListRoles';
  readonly error: CloudError;
}

export interface AccessScanResult {
  readonly appId: string;
  /** Identities the directory listings returned (users + roles). */
  readonly total: number;
  /** Identities whose listing settled (found, empty or failed). */
  readonly scanned: number;
  /** Identities holding at least one policy in the app, in directory order (users by name, then roles). */
  readonly found: readonly FoundAccess[];
  readonly failures: readonly ScanFailure[];
  /** A directory listing that failed: its identities were never scanned. */
  readonly directoryFailures: readonly DirectoryFailure[];
  /** Stopped by the signal before every identity had been asked. */
  readonly cancelled: boolean;
  readonly seconds: number;
  /** Who may act in the app through RAM policies (commands/findRamAccess.ts adds it after the walk). */
  readonly ram?: RamGranteeResult;
}

export interface AccessScanOptions {
  readonly signal?: AbortSignal;
  /** After the directory is read (0 of total) and after each identity settles. Exceptions are swallowed. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Calls kept queued for the limiter; default runBulk's. */
  readonly concurrency?: number;
}

/** The result is partial when any identity went unasked or unanswered. */
export function isPartial(result: AccessScanResult): boolean {
  return (result.ram?.gaps.length ?? 0) > 0 || result.cancelled || result.failures.length > 0 || result.directoryFailures.length > 0 || result.scanned < result.total;
}

/** MaxItems for the directory listings: RAM's documented maximum. */
export const DIRECTORY_PAGE_SIZE = 1000;

export async function scanAppAccess(clients: AccessScanClients, appId: string, options: AccessScanOptions = {}): Promise<AccessScanResult> {
  const started = performance.now();
  const { signal } = options;
  const report = (done: number, total: number) => {
    try {
      options.onProgress?.(done, total);
    } catch {
      // Progress reporting must not break the scan.
    }
  };

  // RAM's largest page: a directory of 1,204 identities is three calls, not thirteen at ListUsers' low QPS.
  const list = { pageSize: DIRECTORY_PAGE_SIZE, ...(signal ? { signal } : {}) };
  const [users, roles] = await Promise.allSettled([clients.ram.listUsers(list), clients.ram.listRoles(list)]);
  const directoryFailures: DirectoryFailure[] = [];
  const identities: ScannedIdentity[] = [];
  /** Users whose UserId VOD must not receive, with why: settled as failures without a call. */
  const refused = new Map<ScannedIdentity, CloudError>();
  if (users.status === 'fulfilled') {
    for (const u of users.value.users) {
      const identity: ScannedIdentity = { identityType: 'RamUser', identityName: u.userId, appId, userName: u.userName, ...(u.displayName ? { displayName: u.displayName } : {}) };
      identities.push(identity);
      if (!isRamUserId(u.userId)) refused.set(identity, notDigitsError(u.userName, users.value.requestId));
    }
  } else directoryFailures.push({ action: 'ListUsers', error: toCloudError(users.reason) });
  if (roles.status === 'fulfilled') {
    for (const r of roles.value.roles) identities.push({ identityType: 'RamRole', identityName: r.roleName, appId });
  } else directoryFailures.push({ action: 'ListRoles', error: toCloudError(roles.reason) });

  const total = identities.length;
  report(0, total);
  const ask = (identity: ScannedIdentity, s: AbortSignal) => {
    const problem = refused.get(identity);
    return problem ? Promise.reject(problem) : clients.vod.listAppPoliciesForIdentity(identity, { signal: s });
  };
  const bulk = await runBulk(identities, ask, {
    ...(signal ? { signal } : {}),
    concurrency: options.concurrency ?? DEFAULT_BULK_CONCURRENCY,
    onSettled: (_o, done) => report(done, total),
  });

  const found: FoundAccess[] = [];
  const failures: ScanFailure[] = [];
  let scanned = 0;
  for (const o of bulk.outcomes) {
    // Never asked, or cut short by the cancel (runBulk skips those too): no answer about that identity.
    if (o.status === 'skipped') continue;
    if (o.status === 'failed') {
      scanned++;
      failures.push({ identity: o.target, error: o.error });
      continue;
    }
    scanned++;
    // The listing is per app already; a server that answered for other apps too must not widen the result.
    const policies = o.result.policies.filter((p) => p.appId === appId);
    if (policies.length > 0) found.push({ identity: o.target, policies, requestId: o.result.requestId });
  }
  const cancelled = (signal?.aborted ?? false) && (scanned < total || directoryFailures.some((f) => f.error.kind === 'cancelled'));
  return { appId, total, scanned, found, failures, directoryFailures, cancelled, seconds: (performance.now() - started) / 1000 };
}

function notDigitsError(userName: string, requestId: string): CloudError {
  return new CloudError({
    kind: 'bad-response',
    code: 'InvalidResponse',
    message: l10n.t('ListUsers answered a UserId for RAM user "{0}" that is not digits; VOD was not asked about this user.', userName),
    requestId,
    retryable: false,
  });
}
