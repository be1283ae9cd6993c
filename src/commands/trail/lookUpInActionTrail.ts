// alicloudMedia.actionTrail — "Look Up in ActionTrail" on a Request History record (the row, its id, or a RequestId
// the history holds: a revocation's notification passes that): who made the call, when, from where, with which
// parameters, from the ActionTrail event with the record's RequestId. Searched around the record's time, narrowed to
// its action; "not yet" offers to look again, a record older than ActionTrail keeps is said so without a call.
// Programmatic: { recordId } or { requestId } (cachedOnly?: no call, only an event already found) →
// { ok, status, requestId, event?, details?, lookups, searched? }.

import * as vscode from 'vscode';
import { toCloudError } from '../../cloud';
import { invalidInputError } from '../../cloud/errors';
import { findRequestId, windowAround, type RequestIdResult } from '../../cloud/trailSearch';
import type { TrailEvent } from '../../cloud/trailEvents';
import { COMMANDS } from '../../commandIds';
import { resolveRecord } from '../../history/recordArgument';
import { inertText } from '../../inertText';
import type { HistoryRecord } from '../../records/historyRecord';
import type { CommandHandlers } from '../commandHandlers';
import type { CommandDeps } from '../deps';
import { notify } from '../notify';
import { failed, invalidArgument } from '../results';
import { eventDetails, eventLogLine, eventSummary, foundEvents, notifyTrailError, pagesText, trailLookup } from './trailLookups';

export function lookUpInActionTrailCommand(deps: CommandDeps): CommandHandlers {
  return {
    caller: async (arg) => {
      const record = await recordOf(deps, arg.recordId ?? arg.requestId);
      if (!record) return invalidArgument('Name a Request History record: { recordId } or { requestId } of a recorded call.', 'UnknownRecord');
      // { cachedOnly: true }: what is already known, without a call (the inspector asks this when it shows a record).
      if (arg.cachedOnly === true) {
        const known = record.requestId ? foundEvents.get(record.requestId) : undefined;
        return known ? resultOf({ status: 'cached', event: known }, record) : { ok: true, status: 'not-looked-up', requestId: record.requestId };
      }
      try {
        const lookup = await lookUp(deps, record);
        // The inspector's button comes this way too: what it shows, the log keeps.
        if (lookup.status === 'found' || lookup.status === 'cached') deps.log.info(eventLogLine(lookup.event));
        return resultOf(lookup, record);
      } catch (e) {
        return failed(e);
      }
    },
    ui: async (arg) => {
      const record = await recordOf(deps, arg);
      if (!record) {
        void deps.ui.showInformationMessage(vscode.l10n.t('Choose a record in the Request History to look up in ActionTrail.'));
        return undefined;
      }
      if (!record.requestId) {
        void deps.ui.showInformationMessage(vscode.l10n.t('There is no RequestId here: the call never reached Alibaba Cloud.'));
        return undefined;
      }
      await lookUpWithProgress(deps, record);
      return undefined;
    },
  };
}

async function recordOf(deps: CommandDeps, arg: unknown): Promise<HistoryRecord | undefined> {
  await deps.history.ready();
  const byId = resolveRecord(deps.history, arg);
  if (byId || typeof arg !== 'string') return byId;
  // A RequestId (what a revocation's notification knows): the newest record that has it.
  const requestId = arg.trim().toUpperCase();
  return deps.history.records().find((r) => r.requestId?.toUpperCase() === requestId);
}

type Lookup = RequestIdResult | { readonly status: 'cached'; readonly event: TrailEvent };

/** Throws the lookup's CloudError (or invalid-input: no profile, no RequestId). */
async function lookUp(deps: CommandDeps, record: HistoryRecord, signal?: AbortSignal, onPage?: (pages: number, events: number) => void): Promise<Lookup> {
  if (!record.requestId) throw invalidInputError(vscode.l10n.t('There is no RequestId here: the call never reached Alibaba Cloud.'));
  const cached = foundEvents.get(record.requestId);
  if (cached) return { status: 'cached', event: cached };
  const session = record.profile !== undefined ? deps.sessions.get(record.profile) : undefined;
  if (!session) {
    throw invalidInputError(vscode.l10n.t('Profile {0} is no longer configured: its key is needed to read ActionTrail.', record.profile ?? '-'));
  }
  const madeAt = Date.parse(record.time);
  const result = await findRequestId(trailLookup(session), {
    requestId: record.requestId,
    window: windowAround(madeAt),
    madeAt,
    now: Date.now(),
    attributes: [{ key: 'EventName', value: record.action }],
    ...(signal ? { signal } : {}),
    ...(onPage ? { onPage } : {}),
  });
  if (result.status === 'found') foundEvents.put(result.event);
  return result;
}

function resultOf(lookup: Lookup, record: HistoryRecord) {
  const trace = lookup.status === 'cached' ? { lookups: [] as readonly string[] } : { lookups: lookup.lookupRequestIds, ...(lookup.searched ? { searched: lookup.searched } : {}) };
  if (lookup.status === 'found' || lookup.status === 'cached') {
    return { ok: true, status: 'found', requestId: lookup.event.requestId, event: lookup.event, details: eventDetails(lookup.event), ...trace };
  }
  return { ok: true, status: lookup.status, requestId: record.requestId, message: lookupText(lookup, record), ...trace };
}

async function lookUpWithProgress(deps: CommandDeps, record: HistoryRecord): Promise<void> {
  const requestId = record.requestId as string;
  let lookup: Lookup;
  try {
    lookup = await deps.ui.withProgress(
      { location: vscode.ProgressLocation.Notification, title: inertText(vscode.l10n.t('Looking up RequestId {0} in ActionTrail…', requestId)), cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        try {
          return await lookUp(deps, record, controller.signal, (pages, events) => progress.report({ message: pagesText(pages, events) }));
        } finally {
          cancel.dispose();
        }
      },
    );
  } catch (e) {
    if (toCloudError(e).kind === 'cancelled') return;
    await notifyTrailError(deps, e);
    return;
  }
  await showLookup(deps, record, lookup);
}

async function showLookup(deps: CommandDeps, record: HistoryRecord, lookup: Lookup): Promise<void> {
  const requestId = record.requestId as string;
  if (lookup.status === 'found' || lookup.status === 'cached') {
    deps.log.info(eventLogLine(lookup.event));
    const inspect = vscode.l10n.t('Show in Inspector');
    const showLog = vscode.l10n.t('Show Log');
    const picked = await deps.ui.showInformationMessage(inertText(vscode.l10n.t('ActionTrail: {0}. RequestId {1}', eventSummary(lookup.event), requestId)), inspect, showLog);
    if (picked === inspect) await vscode.commands.executeCommand(COMMANDS.openRequestInspector, record.id);
    if (picked === showLog) deps.log.show();
    return;
  }
  const text = lookupText(lookup, record);
  deps.log.info(`${text} RequestId ${requestId}`);
  if (lookup.status === 'not-yet') {
    const again = vscode.l10n.t('Look Again');
    if ((await deps.ui.showInformationMessage(inertText(text), again)) === again) await lookUpWithProgress(deps, record);
    return;
  }
  await notify(deps, lookup.status === 'too-old' ? 'info' : 'warning', text);
}

/** What a search that did not find the event says, in words people can act on. */
export function lookupText(lookup: Exclude<RequestIdResult, { status: 'found' }>, record: { readonly requestId?: string; readonly time: string }): string {
  const requestId = record.requestId ?? '-';
  switch (lookup.status) {
    case 'not-yet':
      return vscode.l10n.t('ActionTrail has no event for RequestId {0} yet: events appear some minutes after a call. Look again in a few minutes.', requestId);
    case 'too-old':
      return vscode.l10n.t('RequestId {0} was made at {1}, longer ago than the 90 days ActionTrail keeps events: nothing was looked up.', requestId, record.time);
    case 'not-found':
      return vscode.l10n.t('ActionTrail has no event for RequestId {0} between {1} and {2} ({3} lookups).', requestId, lookup.searched?.start ?? '-', lookup.searched?.end ?? '-', lookup.pages);
    case 'incomplete':
      return vscode.l10n.t('Stopped after {0} lookups without finding RequestId {1} between {2} and {3}: the rest of that time was not searched.', lookup.pages, requestId, lookup.searched?.start ?? '-', lookup.searched?.end ?? '-');
  }
}
