// The one spelling of an identity for people, used in rows, records, the log, confirmations and notifications.
//
// VOD addresses a RAM user by its UserId (digits) and a role by its name. People know users by login name, so a
// user is shown with both once both are known: `RamUser alice (2037…0001) in app-1000000`. A user configured by
// UserId alone shows the full id; one configured by name and not yet resolved shows the name alone.

import * as l10n from '@vscode/l10n';
import type { AppIdentity } from './types';

/** A RAM UserId: what VOD expects as IdentityName for RamUser. */
export function isRamUserId(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,64}$/.test(value);
}

/** `2037164829300001` → `2037…0001`: enough to tell users apart at a glance; records keep the full id. */
export function shortUserId(userId: string): string {
  return userId.length > 10 ? `${userId.slice(0, 4)}…${userId.slice(-4)}` : userId;
}

/** `RamUser alice (2037…0001)`, `RamUser 2037164829300001`, `RamUser alice`, `RamRole transcoder`. */
export function describeWho(identity: Partial<AppIdentity> | undefined): string {
  const type = identity?.identityType ?? '?';
  const name = identity?.identityName ?? '?';
  if (type !== 'RamUser') return `${type} ${name}`;
  const userName = identity?.userName;
  if (userName && isRamUserId(name) && userName !== name) return `${type} ${userName} (${shortUserId(name)})`;
  return `${type} ${userName ?? name}`;
}

/** `RamUser alice (2037…0001) in app-1000000`, or without the app when none is sent. */
export function describeIdentity(identity: Partial<AppIdentity> | undefined, appId: string | undefined = identity?.appId): string {
  const who = describeWho(identity);
  return appId ? `${who} in ${appId}` : who;
}

/**
 * describeIdentity for people, in the display language (`RamUser alice (2037…0001)（应用 app-1000000）`): rows,
 * confirmations, pickers and notifications. Records, request targets and results keep describeIdentity's form,
 * which is data and must not depend on the language of the window that wrote it.
 */
export function identityText(identity: Partial<AppIdentity> | undefined, appId: string | undefined = identity?.appId): string {
  const who = describeWho(identity);
  return appId ? l10n.t('{0} in {1}', who, appId) : who;
}
