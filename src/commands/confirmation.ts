// The modal confirmation shown before a revocation. It names exactly what goes, from what, in which account,
// profile, region and at which endpoint — the endpoint matters most when a profile points at a test server, the
// account when two profiles look alike. No VS Code import: the sentences come in as ConfirmationWords, worded in
// the display language by confirmationWords.ts.

import { identityText, type AppIdentity } from '../cloud';
import type { UndoWords } from '../history/undoChecks';
import type { UndoPlan, UndoableRecord } from '../history/undoPlan';

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
  /** Where that key is read and the host its source contacts (`aliyun CLI profile ops (RamRoleArn) via sts…`). */
  readonly credentials?: string;
  /** The proxy the calls go through, when the extension chose one (`http://proxy:3128 (http.proxy)`). */
  readonly proxy?: string;
}

export type AccountScope =
  | { readonly accountId: string; readonly arn: string }
  | { readonly unknown: string };

/** Every sentence a confirmation is made of. Counts come in as numbers: languages differ in how they say them. */
export interface ConfirmationWords extends UndoWords {
  /** `Account: 1234567890123456 as acs:ram::…:user/ops` */
  account(accountId: string, arn: string): string;
  /** `Account: unknown — GetCallerIdentity failed: …` */
  accountUnknown(why: string): string;
  /** `Profile: p\nRegion: r\nEndpoint: e` */
  scope(profile: string, region: string, endpoint: string): string;
  /** `Credentials: aliyun CLI profile ops (RamRoleArn) via sts.cn-hangzhou.aliyuncs.com` */
  credentials(route: string): string;
  /** `Through proxy: http://proxy:3128 (http.proxy)` */
  proxy(route: string): string;
  /** The last line of a shortened list: `… and 25 more`. */
  andMore(count: number): string;
  /** `Detach app policy "X" from <who>?`, `Detach 2 app policies from <who>?` */
  detachQuestion(policyNames: readonly string[], who: string): string;
  detachFromManyQuestion(policies: number, identities: number): string;
  identityLine(who: string): string;
  detachEffect(identities: number): string;
  detachAccept(count: number): string;
  undoQuestion(action: string, target: string): string;
  undoKeyLines(maskedAccessKeyId: string | undefined, requestId: string | undefined): string;
  undoAccept(): string;
  rewriteQuestion(users: number, profile: string): string;
  rewriteNotChanged(): string;
  rewriteEffect(): string;
  rewriteAccept(count: number): string;
}

/** `Account: 1234567890123456 as acs:ram::1234567890123456:user/ops`, or why it cannot be said. */
export function accountLine(account: AccountScope, words: ConfirmationWords): string {
  return 'accountId' in account ? words.account(account.accountId, account.arn) : words.accountUnknown(account.unknown);
}

/** Long selections are listed up to this many lines; the count in the message stays exact. */
const MAX_LISTED = 15;

function bulleted(lines: readonly string[], words: ConfirmationWords): string {
  const shown = lines.slice(0, MAX_LISTED).map((l) => `• ${l}`);
  if (lines.length > MAX_LISTED) shown.push(words.andMore(lines.length - MAX_LISTED));
  return shown.join('\n');
}

/** The lines every revocation and undo confirmation shows: where the change happens. */
export function scopeLines(scope: RevocationScope, words: ConfirmationWords): string {
  const proxy = scope.proxy ? `\n${words.proxy(scope.proxy)}` : '';
  const credentials = scope.credentials ? `\n${words.credentials(scope.credentials)}` : '';
  return `${accountLine(scope.account, words)}\n${words.scope(scope.profile, scope.region, scope.endpoint)}${proxy}${credentials}`;
}

/** An unbind's own sentences (each bucket type says what MPS stops doing with it). */
export interface UnbindWords {
  /** `Unbind output bucket "x" from MPS?`, `Unbind 3 output buckets from MPS?` */
  question(buckets: readonly string[]): string;
  effect(count: number): string;
  accept(count: number): string;
}

export function unbindConfirmation(scope: RevocationScope, buckets: readonly string[], unbind: UnbindWords, words: ConfirmationWords): Confirmation {
  const list = buckets.length === 1 ? '' : `${bulleted(buckets, words)}\n\n`;
  return {
    message: unbind.question(buckets),
    detail: `${list}${scopeLines(scope, words)}\n\n${unbind.effect(buckets.length)}`,
    accept: unbind.accept(buckets.length),
  };
}

export interface IdentityPolicies {
  /** As VOD will be addressed, with the user's name when known (`RamUser alice (2037…0001)`). */
  readonly identity: AppIdentity;
  readonly policyNames: readonly string[];
}

export function detachConfirmation(scope: RevocationScope, groups: readonly IdentityPolicies[], words: ConfirmationWords): Confirmation {
  const count = groups.reduce((n, g) => n + g.policyNames.length, 0);
  const only = groups.length === 1 ? groups[0] : undefined;
  const message = only ? words.detachQuestion(only.policyNames, identityText(only.identity)) : words.detachFromManyQuestion(count, groups.length);
  const list = only
    ? `${bulleted(only.policyNames, words)}\n\n${words.identityLine(identityText(only.identity))}`
    : bulleted(groups.map((g) => `${identityText(g.identity)}: ${g.policyNames.join(', ')}`), words);
  return {
    message,
    detail: `${list}\n${scopeLines(scope, words)}\n\n${words.detachEffect(groups.length)}`,
    accept: words.detachAccept(count),
  };
}

/** What an undo gives back and what it cannot, in the operation's own words (RevocationOperation.undoWords). */
export interface UndoText {
  readonly what: string;
  readonly caveat: string;
}

/** The undo's modal: what is given back, what is not, and the same account and scope lines as a revocation's. */
export function undoConfirmation(record: UndoableRecord, plan: UndoPlan, scope: RevocationScope, words: ConfirmationWords, text: UndoText): Confirmation {
  return {
    message: words.undoQuestion(record.action, record.target),
    detail:
      `${text.what}\n${text.caveat}\n\n` +
      `${scopeLines(scope, words)}\n${words.undoKeyLines(plan.maskedAccessKeyId, plan.requestId)}`,
    accept: words.undoAccept(),
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
  words: ConfirmationWords,
): Confirmation {
  const lines = rewrites.map((r) => `${r.userName} → ${r.userId}`);
  const left = unresolved.length ? `\n\n${words.rewriteNotChanged()}\n${bulleted(unresolved.map((u) => `${u.userName}: ${u.code}`), words)}` : '';
  return {
    message: words.rewriteQuestion(rewrites.length, profile),
    detail: `${bulleted(lines, words)}${left}\n\n${words.rewriteEffect()}`,
    accept: words.rewriteAccept(rewrites.length),
  };
}
