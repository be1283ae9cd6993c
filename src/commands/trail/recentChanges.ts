// alicloudMedia.recentChanges — "Recent Changes…" on a bucket, identity or policy row: the write events ActionTrail
// holds on that resource in the last days, newest first, with who made each and its RequestId, and a call-out when
// one of our revocations (from the Request History) was undone by someone later: "BindOutputBucket by ram-user bob
// 2 h after your UnbindOutputBucket". The list is a quick pick; picking an event logs it in full.
// Programmatic: { profile, bucket } or { profile, identityType, identityName, policyName? }, days? (default 7) →
// { ok, resourceName, complete, events: [...], regrants: [...], lookups }.

import * as vscode from 'vscode';
import { IDENTITY_TYPES, describeWho, toCloudError } from '../../cloud';
import { invalidInputError } from '../../cloud/errors';
import { describeActor, type TrailEvent } from '../../cloud/trailEvents';
import { findRegrants, recentChanges, type ChangesResult, type OurRevocation, type Regrant } from '../../cloud/trailSearch';
import { inertItem, inertText } from '../../inertText';
import type { Profile, ProfileIdentity } from '../../settings/profileConfig';
import { isResourceNode } from '../../tree/nodes';
import type { CommandHandlers } from '../commandHandlers';
import type { CommandDeps } from '../deps';
import { failed, invalidArgument } from '../results';
import { durationText, eventLogLine, notifyTrailError, pagesText, trailLookup } from './trailLookups';
import { profileArgument } from '../commandArgs';

const DEFAULT_DAYS = 7;
const MAX_DAYS = 90;

/** What a row names: the resource ActionTrail calls it by, and for a policy row the policy to keep to. */
interface ChangedResource {
  readonly profile: Profile;
  /** What VOD and MPS events name it by (a bucket, a UserId, a role name). */
  readonly resourceName: string;
  /** What RAM's own events name a RAM user by (its login name), when known: its RAM changes are changes too. */
  readonly alsoNamed?: string;
  /** For people: `media-output-prod`, `RamUser alice (2037…0001)`. */
  readonly label: string;
  readonly policyName?: string;
}

export function recentChangesCommand(deps: CommandDeps): CommandHandlers {
  return {
    caller: async (arg) => {
      const profile = profileArgument(deps.settings, arg.profile);
      if ('error' in profile) return profile;
      const days = arg.days === undefined ? DEFAULT_DAYS : arg.days;
      if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_DAYS) return invalidArgument(`days must be an integer from 1 to ${MAX_DAYS}.`);
      try {
        let resource: ChangedResource;
        if (typeof arg.bucket === 'string' && arg.bucket) {
          resource = { profile, resourceName: arg.bucket, label: arg.bucket };
        } else {
          const identityType = IDENTITY_TYPES.find((t) => t === arg.identityType);
          if (!identityType || typeof arg.identityName !== 'string' || !arg.identityName) return invalidArgument('Name a bucket, or an identityType (RamUser or RamRole) and identityName.');
          resource = await identityResource(deps, profile, { identityType, identityName: arg.identityName, appId: '' }, typeof arg.policyName === 'string' ? arg.policyName : undefined);
        }
        const { changes, regrants } = await changesOf(deps, resource, days);
        return {
          ok: true,
          resourceName: resource.resourceName,
          complete: changes.complete,
          events: changes.events.map((e) => ({ requestId: e.requestId, eventName: e.eventName, eventTime: e.eventTime, who: describeActor(e.identity), maskedAccessKeyId: e.identity.maskedAccessKeyId, sourceIpAddress: e.sourceIpAddress })),
          regrants: regrants.map((r) => ({ revocationRequestId: r.revocation.requestId, grantRequestId: r.event.requestId, by: describeActor(r.event.identity), afterMs: r.afterMs, text: regrantText(r) })),
          lookups: changes.lookupRequestIds,
        };
      } catch (e) {
        return failed(e);
      }
    },
    ui: async (arg) => {
      if (!isResourceNode(arg)) return undefined;
      const profile = arg.profile && deps.settings.find(arg.profile.name);
      if (!profile) return undefined;
      try {
        const resource =
          arg.kind === 'bucket'
            ? { profile, resourceName: arg.bucket, label: arg.bucket }
            : arg.kind === 'identity'
              ? await identityResource(deps, profile, arg.identity)
              : arg.kind === 'appPolicy'
                ? await identityResource(deps, profile, arg.identity, arg.policy.policyName)
                : undefined;
        if (resource) await showChanges(deps, resource);
      } catch (e) {
        if (toCloudError(e).kind !== 'cancelled') await notifyTrailError(deps, e);
      }
      return undefined;
    },
  };
}

/** ActionTrail names a VOD identity as VOD does: a RAM user by its UserId, a role by its name. */
async function identityResource(deps: CommandDeps, profile: Profile, identity: ProfileIdentity, policyName?: string): Promise<ChangedResource> {
  const session = deps.sessions.get(profile.name);
  if (!session) throw invalidInputError(vscode.l10n.t('Profile {0} is no longer configured: its key is needed to read ActionTrail.', profile.name));
  const resolved = await session.identities.resolve(identity);
  const alsoNamed = !policyName && resolved.userName && resolved.userName !== resolved.identityName ? resolved.userName : undefined;
  return { profile, resourceName: resolved.identityName, label: describeWho(resolved), ...(alsoNamed ? { alsoNamed } : {}), ...(policyName ? { policyName } : {}) };
}

async function changesOf(deps: CommandDeps, resource: ChangedResource, days: number, signal?: AbortSignal, onPage?: (pages: number, events: number) => void): Promise<{ changes: ChangesResult; regrants: Regrant[] }> {
  const session = deps.sessions.get(resource.profile.name);
  if (!session) throw invalidInputError(vscode.l10n.t('Profile {0} is no longer configured: its key is needed to read ActionTrail.', resource.profile.name));
  const lookup = trailLookup(session);
  const search = (resourceName: string) => recentChanges(lookup, { resourceName, days, now: Date.now(), ...(signal ? { signal } : {}), ...(onPage ? { onPage } : {}) });
  const byName = await search(resource.resourceName);
  // The same RAM user under its login name (RAM's own events) is searched too, and merged.
  const found = resource.alsoNamed ? mergeChanges(byName, await search(resource.alsoNamed)) : byName;
  const events = resource.policyName ? found.events.filter((e) => (e.requestParameters.PolicyNames ?? '').split(',').map((s) => s.trim()).includes(resource.policyName!)) : found.events;
  const changes = { ...found, events };
  await deps.history.ready();
  return { changes, regrants: findRegrants(events, ourRevocations(deps, resource)) };
}

/** Two searches as one: newest first, each event once, complete only when both were. */
function mergeChanges(a: ChangesResult, b: ChangesResult): ChangesResult {
  const events = [...new Map([...a.events, ...b.events].map((e) => [e.eventId ?? e.requestId, e])).values()];
  events.sort((x, y) => Date.parse(y.eventTime) - Date.parse(x.eventTime));
  return { ...a, events, complete: a.complete && b.complete, tooOld: a.tooOld && b.tooOld, pages: a.pages + b.pages, lookupRequestIds: [...a.lookupRequestIds, ...b.lookupRequestIds] };
}

/** Our successful revocations of this resource, as the Request History holds them. */
function ourRevocations(deps: CommandDeps, resource: ChangedResource): OurRevocation[] {
  return deps.history
    .records()
    .filter((r) => r.outcome === 'succeeded' && r.requestId && r.profile === resource.profile.name)
    .filter((r) => (r.params.Bucket ?? r.params.IdentityName) === resource.resourceName)
    .filter((r) => r.action === 'UnbindOutputBucket' || r.action === 'UnbindInputBucket' || r.action === 'DetachAppPolicyFromIdentity')
    .map((r) => ({
      action: r.action,
      requestId: r.requestId as string,
      time: r.time,
      ...(r.params.PolicyNames ? { policyNames: r.params.PolicyNames.split(',').map((s) => s.trim()) } : {}),
    }));
}

/** `BindOutputBucket by ram-user bob 2 h after your UnbindOutputBucket (RequestId …)` */
export function regrantText(regrant: Regrant): string {
  return vscode.l10n.t(
    '{0} by {1} {2} after your {3} (RequestId {4})',
    regrant.event.eventName,
    describeActor(regrant.event.identity),
    durationText(regrant.afterMs),
    regrant.revocation.action,
    regrant.revocation.requestId,
  );
}

async function showChanges(deps: CommandDeps, resource: ChangedResource): Promise<void> {
  const days = DEFAULT_DAYS;
  const { changes, regrants } = await deps.ui.withProgress(
    { location: vscode.ProgressLocation.Notification, title: inertText(vscode.l10n.t('Reading ActionTrail for changes to {0}…', resource.label)), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      try {
        return await changesOf(deps, resource, days, controller.signal, (pages, events) => progress.report({ message: pagesText(pages, events) }));
      } finally {
        cancel.dispose();
      }
    },
  );
  const head = changes.complete
    ? vscode.l10n.t('{0} changes to {1} in the last {2} days (profile {3})', changes.events.length, resource.label, days, resource.profile.name)
    : vscode.l10n.t('{0} changes to {1} in the last {2} days (profile {3}); stopped after {4} lookups, older changes were not read', changes.events.length, resource.label, days, resource.profile.name, changes.pages);
  deps.log.info([head, ...regrants.map((r) => regrantText(r)), ...changes.events.map(eventLogLine)]);
  for (const r of regrants) void deps.ui.showWarningMessage(inertText(regrantText(r)));
  if (changes.events.length === 0) {
    void deps.ui.showInformationMessage(inertText(changes.complete ? vscode.l10n.t('ActionTrail shows no changes to {0} in the last {1} days.', resource.label, days) : head));
    return;
  }
  const regranting = new Set(regrants.map((r) => r.event.requestId));
  const items = changes.events.map((event) =>
    inertItem({
      label: `${regranting.has(event.requestId) ? '⚠ ' : ''}${event.eventName}${event.errorCode ? ` (${event.errorCode})` : ''}`,
      description: `${describeActor(event.identity)} · ${event.eventTime}`,
      detail: vscode.l10n.t('RequestId {0} · AccessKeyId {1} · from {2}', event.requestId, event.identity.maskedAccessKeyId ?? '-', event.sourceIpAddress ?? '-'),
      event,
    }),
  );
  const picked = await deps.ui.showQuickPick(items, { title: inertText(head), matchOnDescription: true, matchOnDetail: true });
  if (picked) showEvent(deps, picked.event);
}

function showEvent(deps: CommandDeps, event: TrailEvent): void {
  deps.log.info(eventLogLine(event));
  deps.log.show();
}
