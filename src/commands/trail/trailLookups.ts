// What the ActionTrail commands share: one LookupEvents client per profile session (built from the session's own
// client options, so it signs, paces, records and logs like every other call), the found events by RequestId, and
// how an event reads in the log, the inspector and messages. Loaded with the commands, never at activation.

import * as vscode from 'vscode';
import type { ActionTrailClient } from '../../cloud/actionTrail';
import { describeError, toCloudError, type CloudError } from '../../cloud';
import { describeActor, type TrailEvent } from '../../cloud/trailEvents';
import { TrailEventCache, type LookupPage } from '../../cloud/trailSearch';
import type { ProfileSession } from '../../profiles/profileSessions';
import { cloudClients } from '../../profiles/cloudClients';
import type { CommandDeps } from '../deps';
import { notify } from '../notify';
import { resultError } from '../results';

const clients = new WeakMap<ProfileSession, ActionTrailClient>();

/** An event never changes once ActionTrail wrote it: a second look at the same RequestId costs no call. */
export const foundEvents = new TrailEventCache();

/** LookupEvents for the session's profile. Throws CloudError invalid-input for a bad region or endpoint. */
export function trailLookup(session: ProfileSession): LookupPage {
  let client = clients.get(session);
  if (!client) {
    // Loaded with the other clients (pop-core), on first use.
    client = new (cloudClients().ActionTrailClient)(session.options('actiontrail'));
    clients.set(session, client);
  }
  const bound = client;
  return (query, options) => bound.lookupEvents(query, options);
}

/** The refusals people can act on: a key without `actiontrail:LookupEvents` is told which permission is missing. */
export function trailErrorText(err: CloudError): string {
  if (err.kind === 'permission') {
    return vscode.l10n.t('This AccessKey may not read ActionTrail: grant it {0} ({1}, RequestId {2}).', 'actiontrail:LookupEvents', err.code, err.requestId ?? '-');
  }
  return vscode.l10n.t('ActionTrail lookup failed: {0}', describeError(err));
}

export async function notifyTrailError(deps: CommandDeps, thrown: unknown): Promise<void> {
  const err = toCloudError(thrown);
  deps.log.warn(trailErrorText(err));
  await notify(deps, 'error', trailErrorText(err), resultError(err));
}

/** Label → value: what the inspector and the log show of an event. Values are the server's: shown as text. */
export function eventDetails(event: TrailEvent): [string, string][] {
  const id = event.identity;
  const rows: [string, string | undefined][] = [
    [vscode.l10n.t('Event'), event.eventName],
    ['RequestId', event.requestId],
    [vscode.l10n.t('Time'), event.eventTime],
    [vscode.l10n.t('Identity type'), id.type],
    [vscode.l10n.t('User or role'), id.userName],
    [vscode.l10n.t('Principal'), id.principalId],
    [vscode.l10n.t('Account'), id.accountId],
    [vscode.l10n.t('Session created'), id.sessionCreated],
    ['AccessKeyId', id.maskedAccessKeyId],
    [vscode.l10n.t('Source IP'), event.sourceIpAddress],
    [vscode.l10n.t('User agent'), event.userAgent],
    [vscode.l10n.t('Service'), event.serviceName],
    [vscode.l10n.t('Resource'), event.resourceName],
    [vscode.l10n.t('Error code'), event.errorCode],
    ...Object.entries(event.requestParameters).map(([name, value]): [string, string] => [vscode.l10n.t('Parameter {0}', name), value]),
  ];
  return rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '');
}

/** One log line in the log's `key value` layout, so `grep "RequestId X"` finds it next to the call's own line. */
export function eventLogLine(event: TrailEvent): string {
  const id = event.identity;
  return [
    `ActionTrail ${event.eventName}`,
    `RequestId ${event.requestId}`,
    `Time ${event.eventTime}`,
    `Identity ${id.type}`,
    id.userName ? `User ${JSON.stringify(id.userName)}` : '',
    id.principalId ? `Principal ${id.principalId}` : '',
    id.maskedAccessKeyId ? `AccessKeyId ${id.maskedAccessKeyId}` : '',
    event.sourceIpAddress ? `SourceIp ${event.sourceIpAddress}` : '',
    event.userAgent ? `UserAgent ${JSON.stringify(event.userAgent)}` : '',
    event.errorCode ? `Code ${event.errorCode}` : '',
    `Parameters ${JSON.stringify(event.requestParameters)}`,
  ].filter((s) => s !== '').join(' ');
}

/** `UnbindOutputBucket by ram-user bob (LTAI****abcd) at 2026-…Z from 203.0.113.5` */
export function eventSummary(event: TrailEvent): string {
  return vscode.l10n.t(
    '{0} by {1} ({2}) at {3} from {4}',
    event.eventName,
    describeActor(event.identity),
    event.identity.maskedAccessKeyId ?? '-',
    event.eventTime,
    event.sourceIpAddress ?? '-',
  );
}

/** `2 hours`, `35 minutes`, `3 days`: how long after a revocation something happened. */
export function durationText(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 90) return vscode.l10n.t('{0} min', minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return vscode.l10n.t('{0} h', hours);
  return vscode.l10n.t('{0} d', Math.round(hours / 24));
}

/** Progress of a paged search, for a notification: `3 lookups, 120 events read`. */
export function pagesText(pages: number, events: number): string {
  return vscode.l10n.t('{0} lookups, {1} events read', pages, events);
}
