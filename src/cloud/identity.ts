// The one spelling of an identity for people, used in records, the log, confirmations and notifications.

import type { AppIdentity } from './types';

/** `RamUser:alice (app-1000000)`, or without the app when none is sent. */
export function describeIdentity(identity: Partial<AppIdentity> | undefined, appId: string | undefined = identity?.appId): string {
  const who = `${identity?.identityType ?? '?'}:${identity?.identityName ?? '?'}`;
  return appId ? `${who} (${appId})` : who;
}
