// alicloudMedia.lookUpRequestId — "Look Up RequestId…" from the palette: any RequestId (a colleague's, a support
// ticket's), a time hint and optionally a service; a bounded, cancellable search with progress finds its event.
// Programmatic: { profile, requestId, hours? (1–2160, default 24), service? ('mps'|'vod'|'ram'|'sts') } →
// { ok, status, requestId, event?, details?, lookups, searched? }.

import * as vscode from 'vscode';
import { toCloudError } from '../../cloud';
import { invalidInputError } from '../../cloud/errors';
import { findRequestId, type RequestIdResult } from '../../cloud/trailSearch';
import { inertText } from '../../inertText';
import type { Profile } from '../../settings/profileConfig';
import type { CommandHandlers } from '../commandHandlers';
import type { CommandDeps } from '../deps';
import { pickProfile } from '../pickers';
import { failed, invalidArgument } from '../results';
import { lookupText } from './lookUpInActionTrail';
import { eventDetails, eventLogLine, eventSummary, foundEvents, notifyTrailError, pagesText, trailLookup } from './trailLookups';
import { profileArgument } from '../commandArgs';

/** ActionTrail's ServiceName of each product (its service codes, matched exactly). */
const SERVICE_NAMES = { mps: 'Mts', vod: 'vod', ram: 'Ram', sts: 'Sts' } as const;
type Service = keyof typeof SERVICE_NAMES;
const MAX_HOURS = 90 * 24;
/** A search by RequestId alone may read many pages: 40 is 20 seconds at ActionTrail's 2 queries a second. */
const MAX_PAGES = 40;
/** Alibaba RequestIds are UUID-like; anything else pasted by mistake (a URL, a sentence) is refused before a call. */
const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

interface Search {
  readonly profile: Profile;
  readonly requestId: string;
  readonly hours: number;
  readonly service?: Service;
}

export function lookUpRequestIdCommand(deps: CommandDeps): CommandHandlers {
  return {
    caller: async (arg) => {
      const profile = profileArgument(deps.settings, arg.profile);
      if ('error' in profile) return profile;
      const requestId = typeof arg.requestId === 'string' ? arg.requestId.trim() : '';
      if (!REQUEST_ID.test(requestId)) return invalidArgument('requestId must be 8 to 64 letters, digits and "-".');
      const hours = arg.hours === undefined ? 24 : arg.hours;
      if (typeof hours !== 'number' || !Number.isInteger(hours) || hours < 1 || hours > MAX_HOURS) return invalidArgument(`hours must be an integer from 1 to ${MAX_HOURS}.`);
      if (arg.service !== undefined && !(typeof arg.service === 'string' && arg.service in SERVICE_NAMES)) return invalidArgument('service must be one of mps, vod, ram, sts.');
      try {
        const result = await search(deps, { profile, requestId, hours, ...(arg.service ? { service: arg.service as Service } : {}) });
        const trace = { lookups: result.lookupRequestIds, ...(result.searched ? { searched: result.searched } : {}) };
        if (result.status === 'found') deps.log.info(eventLogLine(result.event));
        return result.status === 'found'
          ? { ok: true, status: 'found', requestId: result.event.requestId, event: result.event, details: eventDetails(result.event), ...trace }
          : { ok: true, status: result.status, requestId, ...trace };
      } catch (e) {
        return failed(e);
      }
    },
    ui: async () => {
      const title = vscode.l10n.t('Look Up RequestId in ActionTrail');
      const profile = await pickProfile(deps, title);
      if (!profile) return undefined;
      const requestId = (
        await deps.ui.showInputBox({
          title,
          prompt: vscode.l10n.t('A RequestId from a log, a colleague or a support ticket'),
          placeHolder: vscode.l10n.t('e.g. {0}', '4AEA0480-32F4-1656-92B3-F4D4CDE6BBB3'),
          validateInput: (v) => (REQUEST_ID.test(v.trim()) ? undefined : vscode.l10n.t('A RequestId is 8 to 64 letters, digits and "-".')),
        })
      )?.trim();
      if (!requestId) return undefined;
      const when = await deps.ui.showQuickPick(
        [
          { label: vscode.l10n.t('In the last hour'), hours: 1 },
          { label: vscode.l10n.t('In the last 24 hours'), hours: 24 },
          { label: vscode.l10n.t('In the last 7 days'), hours: 7 * 24 },
          { label: vscode.l10n.t('In the last 30 days'), hours: 30 * 24 },
          { label: vscode.l10n.t('In the last 90 days (everything ActionTrail keeps)'), hours: MAX_HOURS },
        ],
        { title, placeHolder: vscode.l10n.t('When was the call made? A shorter time is searched faster.') },
      );
      if (!when) return undefined;
      const service = await deps.ui.showQuickPick(
        [
          { label: vscode.l10n.t('Any service'), service: undefined },
          { label: 'MPS', service: 'mps' as const },
          { label: 'VOD', service: 'vod' as const },
          { label: 'RAM', service: 'ram' as const },
          { label: 'STS', service: 'sts' as const },
        ],
        { title, placeHolder: vscode.l10n.t('Which service was called?') },
      );
      if (!service) return undefined;
      await searchWithProgress(deps, { profile, requestId, hours: when.hours, ...(service.service ? { service: service.service } : {}) });
      return undefined;
    },
  };
}

async function search(deps: CommandDeps, s: Search, signal?: AbortSignal, onPage?: (pages: number, events: number) => void): Promise<RequestIdResult> {
  const session = deps.sessions.get(s.profile.name);
  if (!session) throw invalidInputError(vscode.l10n.t('Profile {0} is no longer configured: its key is needed to read ActionTrail.', s.profile.name));
  const now = Date.now();
  const cached = foundEvents.get(s.requestId);
  if (cached) return { status: 'found', event: cached, pages: 0, lookupRequestIds: [] };
  const result = await findRequestId(trailLookup(session), {
    requestId: s.requestId,
    window: { start: now - s.hours * 3_600_000, end: now },
    now,
    maxPages: MAX_PAGES,
    // Without a call time, "not yet" can only mean the window reaches up to now: say so only for short windows.
    madeAt: s.hours <= 1 ? now : now - s.hours * 3_600_000,
    ...(s.service ? { attributes: [{ key: 'ServiceName' as const, value: SERVICE_NAMES[s.service] }] } : {}),
    ...(signal ? { signal } : {}),
    ...(onPage ? { onPage } : {}),
  });
  if (result.status === 'found') foundEvents.put(result.event);
  return result;
}

async function searchWithProgress(deps: CommandDeps, s: Search): Promise<void> {
  let result: RequestIdResult;
  try {
    result = await deps.ui.withProgress(
      { location: vscode.ProgressLocation.Notification, title: inertText(vscode.l10n.t('Looking up RequestId {0} in ActionTrail…', s.requestId)), cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        try {
          return await search(deps, s, controller.signal, (pages, events) => progress.report({ message: pagesText(pages, events) }));
        } finally {
          cancel.dispose();
        }
      },
    );
  } catch (e) {
    if (toCloudError(e).kind !== 'cancelled') await notifyTrailError(deps, e);
    return;
  }
  if (result.status === 'found') {
    deps.log.info(eventLogLine(result.event));
    const showLog = vscode.l10n.t('Show Log');
    if ((await deps.ui.showInformationMessage(inertText(vscode.l10n.t('ActionTrail: {0}. RequestId {1}', eventSummary(result.event), s.requestId)), showLog)) === showLog) deps.log.show();
    return;
  }
  const text = lookupText(result, { requestId: s.requestId, time: '-' });
  deps.log.info(text);
  void deps.ui.showWarningMessage(inertText(text));
}
