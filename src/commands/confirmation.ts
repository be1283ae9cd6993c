// The modal confirmation shown before a revocation. It names exactly what goes, from what, in which account,
// profile, region and at which endpoint — the endpoint matters most when a profile points at a test server, the
// account when two profiles look alike. No VS Code import.

import { describeIdentity, type AppIdentity } from '../cloud';
import { describeUndo, undoCaveat, type UndoPlan, type UndoableRecord } from '../history/undoPlan';

export interface Confirmation {
  readonly message: string;
  readonly detail: string;
  /** The button text; VS Code adds Cancel itself. */
  readonly accept: string;
}

export interface RevocationScope {
  readonly profile: string;
  readonly region: string;
  /** The account endpoint the request goes to, e.g. https://mts.cn-shanghai.aliyuncs.com or the override. */
  readonly endpoint: string;
  /** Whose key signs: STS GetCallerIdentity's answer, or why it is not known. */
  readonly account: AccountScope;
}

export type AccountScope =
  | { readonly accountId: string; readonly arn: string }
  | { readonly unknown: string };

/** `Account: 1234567890123456 as acs:ram::1234567890123456:user/ops`, or why it cannot be said. */
export function accountLine(account: AccountScope): string {
  return 'accountId' in account ? `Account: ${account.accountId} as ${account.arn}` : `Account: unknown — ${account.unknown}`;
}

/** Long selections are listed up to this many lines; the count in the message stays exact. */
const MAX_LISTED = 15;

function bulleted(lines: readonly string[]): string {
  const shown = lines.slice(0, MAX_LISTED).map((l) => `• ${l}`);
  if (lines.length > MAX_LISTED) shown.push(`… and ${lines.length - MAX_LISTED} more`);
  return shown.join('\n');
}

/** The lines every revocation and undo confirmation shows: where the change happens. */
export function scopeLines(scope: RevocationScope): string {
  return `${accountLine(scope.account)}\nProfile: ${scope.profile}\nRegion: ${scope.region}\nEndpoint: ${scope.endpoint}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function unbindConfirmation(scope: RevocationScope, buckets: readonly string[]): Confirmation {
  const what = buckets.length === 1 ? `output bucket "${buckets[0]}"` : plural(buckets.length, 'output bucket', 'output buckets');
  const list = buckets.length === 1 ? '' : `${bulleted(buckets)}\n\n`;
  return {
    message: `Unbind ${what} from MPS?`,
    detail:
      `${list}${scopeLines(scope)}\n\n` +
      `MPS will no longer write transcoding output to ${buckets.length === 1 ? 'this bucket' : 'these buckets'}. ` +
      'The buckets and their objects in OSS are not changed; binding again restores access.',
    accept: buckets.length === 1 ? 'Unbind' : `Unbind ${buckets.length}`,
  };
}

export interface IdentityPolicies {
  /** As VOD will be addressed, with the user's name when known (`RamUser alice (2037…0001)`). */
  readonly identity: AppIdentity;
  readonly policyNames: readonly string[];
}

export function detachConfirmation(scope: RevocationScope, groups: readonly IdentityPolicies[]): Confirmation {
  const count = groups.reduce((n, g) => n + g.policyNames.length, 0);
  const policies = plural(count, 'app policy', 'app policies');
  const only = groups.length === 1 ? groups[0] : undefined;
  const message = only
    ? `Detach ${count === 1 ? `app policy "${only.policyNames[0]}"` : policies} from ${describeIdentity(only.identity)}?`
    : `Detach ${policies} from ${groups.length} identities?`;
  const list = only
    ? `${bulleted(only.policyNames)}\n\nIdentity: ${describeIdentity(only.identity)}`
    : bulleted(groups.map((g) => `${describeIdentity(g.identity)}: ${g.policyNames.join(', ')}`));
  return {
    message,
    detail: `${list}\n${scopeLines(scope)}\n\nThe ${only ? 'identity loses' : 'identities lose'} these VOD permissions immediately.`,
    accept: count === 1 ? 'Detach' : `Detach ${count}`,
  };
}

/** The undo's modal: what is given back, what is not, and the same account and scope lines as a revocation's. */
export function undoConfirmation(record: UndoableRecord, plan: UndoPlan, scope: RevocationScope): Confirmation {
  return {
    message: `Undo ${record.action} of ${record.target}?`,
    detail:
      `${describeUndo(plan)}\n${undoCaveat(plan)}\n\n` +
      `${scopeLines(scope)}\n` +
      `AccessKey: ${plan.maskedAccessKeyId ?? '(unknown)'}\nOriginal RequestId: ${plan.requestId ?? '-'}`,
    accept: 'Undo',
  };
}

export interface UserIdRewrite {
  readonly userName: string;
  readonly userId: string;
}

/** Before Use RAM User IDs in Settings…: which names become which UserIds, and which stay as they are and why. */
export function rewriteConfirmation(
  profile: string,
  rewrites: readonly UserIdRewrite[],
  unresolved: readonly { readonly userName: string; readonly code: string }[],
): Confirmation {
  const lines = rewrites.map((r) => `${r.userName} → ${r.userId}`);
  const left = unresolved.length
    ? `\n\nNot changed (RAM could not say their UserId):\n${bulleted(unresolved.map((u) => `${u.userName}: ${u.code}`))}`
    : '';
  return {
    message: `Write the UserIds of ${plural(rewrites.length, 'RAM user', 'RAM users')} into profile ${profile}?`,
    detail:
      `${bulleted(lines)}${left}\n\n` +
      'VOD addresses RAM users by UserId. With the ids in the settings no GetUser call is needed, and a renamed or ' +
      'recreated user cannot be mistaken for another. Only alicloudMedia.profiles changes; nothing in the cloud does.',
    accept: rewrites.length === 1 ? 'Use UserId' : 'Use UserIds',
  };
}
