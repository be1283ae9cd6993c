// alicloudMedia.revokeAllMediaAccess (#21) — the incident command: take everything one RAM user or role holds on
// VOD and MPS, show what was done, and keep it undoable. From an identity row (configured or found by Find Access)
// or the palette (the identity picked from the account):
//   plan (cloud/incidentPlan.ts, progress and Cancel) → a multi-select of every step (ticked except group
//   memberships) → the key's own identity needs a second warning → ONE modal (identity, account, endpoints, counts,
//   what remains, and that RAM writes are a bigger change) → the steps through the mutation pipeline
//   (sendMutationCalls, each action at its rate, one cancel for the run, a per-step report in the log) → verify
//   (everything read again) → a summary notification (Copy Request IDs, Show Log).
// Programmatic: { profile, identity: { identityType, identityName, appId? }, include?: { appPolicies?, ramPolicy?,
// groupMembership? }, dryRun?, acknowledgeOwnIdentity? } → { ok, plan, results, verify } (no prompt).

import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { describeError, maskAccessKeyId, toCloudError, validateIdentityName, type Acknowledged, type CloudError } from '../../cloud';
import { RUN_ACTION } from '../../history/undoPlan';
import { runStepParams } from '../../history/undoSet';
import {
  countSteps, isOwnIdentity, ownIdentityRefusal, planIncident, remainsAfter, tickedByDefault,
  type IncidentIdentity, type IncidentPlan, type IncidentStep, type IncidentStepKind,
} from '../../cloud/incidentPlan';
import { inertItem, inertText } from '../../inertText';
import type * as Admins from '../../profiles/appAdministrators';
import { ramGrantSession, ramIdentityOf, ramPictureOf } from '../../profiles/ramGrantSession';
import type { ProfileSession } from '../../profiles/profileSessions';
import type { ResolvedIdentity } from '../../profiles/identityResolver';
import type { Profile, ProfileIdentity } from '../../settings/profileConfig';
import { isResourceNode } from '../../tree/nodes';
import { pickIdentityName } from '../accountPickers';
import type { CommandHandlers } from '../commandHandlers';
import { confirmationWords } from '../confirmationWords';
import type { CommandDeps } from '../deps';
import { pickProfile } from '../pickers';
import { failed, invalidArgument, resultError, type BulkResult, type ResultError, type TargetOutcome } from '../results';
import { foundResolved } from '../targets';
import { detachAppPolicy } from '../mutations/detachAppPolicy';
import { accountScope } from '../mutations/mutationCommand';
import type { Mutation, MutationTarget } from '../mutations/mutation';
import { detachPolicyFromRole, detachPolicyFromUser, removeUserFromGroup } from '../mutations/ramGrantWrites';
import { sendMutationCalls } from '../mutations/sendMutationCalls';
import { countsText, remainText, stepDetail, stepText } from './incidentWords';
import { profileArgument } from '../commandArgs';

type Include = Partial<Record<IncidentStepKind, boolean>>;

/** A step as the bulk results name a target: which step, what it calls, in words. */
interface StepFields {
  readonly id: string;
  readonly kind: IncidentStepKind;
  readonly action: string;
  readonly text: string;
}

export type StepResult = TargetOutcome<StepFields>;

const ACTION_OF = (s: IncidentStep): string =>
  s.kind === 'appPolicies' ? 'DetachAppPolicyFromIdentity' : s.kind === 'groupMembership' ? 'RemoveUserFromGroup' : s.principal === 'User' ? 'DetachPolicyFromUser' : 'DetachPolicyFromRole';

function planFields(plan: IncidentPlan, selected?: ReadonlySet<string>) {
  return {
    identity: plan.identity,
    ownIdentity: plan.ownIdentity,
    appsRead: plan.appsRead,
    steps: plan.steps.map((s) => ({ ...s, action: ACTION_OF(s), text: stepText(s), ticked: selected ? selected.has(s.id) : tickedByDefault(s) })),
    remains: (selected ? remainsAfter(plan, selected) : plan.remains).map((r) => ({ kind: r.kind, text: remainText(r) })),
  };
}

export function revokeAllMediaAccessCommand(deps: CommandDeps): CommandHandlers {
  return {
    caller: async (arg) => {
      const profile = profileArgument(deps.settings, arg.profile);
      if ('error' in profile) return profile;
      const id = arg.identity as Record<string, unknown> | undefined;
      const identityType = id?.identityType;
      if (identityType !== 'RamUser' && identityType !== 'RamRole') return invalidArgument('Argument "identity.identityType" must be "RamUser" or "RamRole".');
      const problem = validateIdentityName(identityType, id?.identityName);
      if (problem) return invalidArgument(problem);
      const include = (typeof arg.include === 'object' && arg.include !== null ? arg.include : {}) as Include;
      const identity: ProfileIdentity = { identityType, identityName: id?.identityName as string, appId: typeof id?.appId === 'string' ? id.appId : 'app-1000000' };
      const session = deps.sessions.get(profile.name);
      if (!session) return invalidArgument(`Profile "${profile.name}" is not configured.`, 'UnknownProfile');
      let planned: { plan: IncidentPlan; resolved: ResolvedIdentity };
      try {
        planned = await makePlan(session, identity, undefined);
      } catch (e) {
        return failed(e);
      }
      const { plan } = planned;
      const selected = new Set(plan.steps.filter((s) => include[s.kind] ?? tickedByDefault(s)).map((s) => s.id));
      if (arg.dryRun === true) return { ok: true, dryRun: true, profile: profile.name, plan: planFields(plan, selected) };
      if (ownIdentityRefusal(plan, arg.acknowledgeOwnIdentity === true) === 'refuse') {
        return { ...invalidArgument('This is the identity of the key that signs the run: it may lose its own access mid-run. Pass acknowledgeOwnIdentity: true to go on.', 'OwnIdentity'), plan: planFields(plan, selected) };
      }
      const run = await runSteps(deps, session, profile, planned, selected, undefined);
      return { ...run, plan: planFields(plan, selected) };
    },
    ui: async (arg) => {
      const chosen = await chooseIdentity(deps, arg);
      if (!chosen) return undefined;
      const { profile, identity, resolved } = chosen;
      const session = deps.sessions.get(profile.name);
      if (!session) return undefined;
      const planned = await deps.ui.withProgress(
        { location: vscode.ProgressLocation.Notification, title: inertText(vscode.l10n.t('Planning Revoke All Media Access for {0}…', identity.identityName)), cancellable: true },
        async (progress, token) => {
          const ac = new AbortController();
          const sub = token.onCancellationRequested(() => ac.abort());
          try {
            return await makePlan(session, identity, ac.signal, resolved, (done, total) => progress.report({ message: vscode.l10n.t('{0} of {1} VOD applications', done, total) }));
          } catch (e) {
            const err = toCloudError(e);
            if (err.kind !== 'cancelled') void deps.ui.showErrorMessage(inertText(vscode.l10n.t('Could not plan: {0}', describeError(err))));
            return undefined;
          } finally {
            sub.dispose();
          }
        },
      );
      if (!planned) return undefined;
      const { plan } = planned;
      const who = whoText(planned.resolved);
      if (plan.steps.length === 0) {
        const lines = plan.remains.map(remainText);
        void deps.ui.showWarningMessage(inertText(lines.length ? vscode.l10n.t('Nothing to revoke was found for {0}, but not everything was seen: {1}', who, lines.join('; ')) : vscode.l10n.t('Nothing to revoke was found for {0}.', who)));
        return { ok: true, profile: profile.name, plan: planFields(plan), results: [] };
      }
      const picked = await deps.ui.showQuickPick(
        plan.steps.map((s) => inertItem({ label: stepText(s), detail: stepDetail(s), picked: tickedByDefault(s), step: s })),
        { canPickMany: true, title: inertText(vscode.l10n.t('Revoke All Media Access: {0} (profile {1})', who, profile.name)), placeHolder: vscode.l10n.t('Every step found; group memberships are unticked: they take the group\'s other policies too'), ignoreFocusOut: true },
      );
      if (!picked || picked.length === 0) return undefined;
      const selected = new Set(picked.map((p) => p.step.id));
      if (plan.ownIdentity) {
        const goOn = vscode.l10n.t('Revoke My Own Access');
        const answer = await deps.ui.showWarningMessage(
          inertText(vscode.l10n.t('{0} is the identity of the AccessKey this profile signs with.', who)),
          { modal: true, detail: vscode.l10n.t('The key may lose its own access mid-run: later steps, the check afterwards and the undo may then be refused. Use another profile\'s key unless you mean to lock this key out.') },
          goOn,
        );
        if (answer !== goOn) return undefined;
      }
      const steps = plan.steps.filter((s) => selected.has(s.id));
      const scope = await accountScope(session);
      const products = [...new Set(steps.map((s): 'vod' | 'ram' => (s.kind === 'appPolicies' ? 'vod' : 'ram')))];
      const endpoints = products.map((p) => session.endpoint(p));
      const proxies = [...new Set(products.flatMap((p) => session.proxy(p) ?? []))];
      const remains = remainsAfter(plan, selected);
      const accept = vscode.l10n.t('Revoke {0} Steps', steps.length);
      const detail = [
        vscode.l10n.t('Profile: {0}, region {1}', profile.name, profile.region),
        'accountId' in scope ? vscode.l10n.t('Account: {0} as {1}', scope.accountId, scope.arn) : vscode.l10n.t('Account: not known ({0})', scope.unknown),
        vscode.l10n.t('Endpoints: {0}', endpoints.join(', ')),
        ...proxies.map((proxy) => confirmationWords.proxy(proxy)),
        confirmationWords.credentials(await session.credentialRoute()),
        '',
        countsText(countSteps(steps)),
        ...steps.map((s) => `• ${stepText(s)}`),
        '',
        steps.some((s) => s.kind !== 'appPolicies')
          ? vscode.l10n.t('RAM writes are a bigger change than an app-policy detach: they change what this identity may do in every service the policy or group covers, account-wide, not only in VOD applications.')
          : '',
        remains.length ? vscode.l10n.t('Still remains afterwards:') : vscode.l10n.t('Nothing seen remains afterwards (see the README for what cannot be seen).'),
        ...remains.map((r) => `• ${remainText(r)}`),
      ].filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== '')).join('\n');
      const answer = await deps.ui.showWarningMessage(inertText(vscode.l10n.t('Revoke all media access of {0}?', who)), { modal: true, detail: inertText(detail) }, accept);
      if (answer !== accept) return undefined;

      const run = await deps.ui.withProgress(
        { location: vscode.ProgressLocation.Notification, title: inertText(vscode.l10n.t('Revoking media access of {0} (profile {1})', who, profile.name)), cancellable: true },
        async (progress, token) => {
          const ac = new AbortController();
          const sub = token.onCancellationRequested(() => ac.abort());
          try {
            return await runSteps(deps, session, profile, planned, selected, ac.signal, (done, total) => progress.report({ message: vscode.l10n.t('{0} of {1} steps', done, total) }));
          } finally {
            sub.dispose();
          }
        },
      );
      await notifyRun(deps, who, profile.name, run);
      return { ...run, plan: planFields(plan, selected) };
    },
  };
}

function whoText(r: ResolvedIdentity): string {
  if (r.identityType === 'RamRole') return vscode.l10n.t('RAM role {0}', r.identityName);
  return r.userName && r.userName !== r.identityName ? vscode.l10n.t('RAM user {0} ({1})', r.userName, r.identityName) : vscode.l10n.t('RAM user {0}', r.identityName);
}

/** A row (configured or found identity) or the palette: profile, then type, then the identity from the account. */
async function chooseIdentity(deps: CommandDeps, arg: unknown): Promise<{ profile: Profile; identity: ProfileIdentity; resolved?: ResolvedIdentity } | undefined> {
  if (isResourceNode(arg) && (arg.kind === 'identity' || arg.kind === 'foundIdentity')) {
    const profile = deps.settings.find(arg.profile.name);
    if (!profile) return undefined;
    return { profile, identity: arg.identity, ...(arg.kind === 'foundIdentity' ? { resolved: foundResolved(arg.found) } : {}) };
  }
  const profile = await pickProfile(deps, vscode.l10n.t('Revoke All Media Access'));
  if (!profile) return undefined;
  const type = await deps.ui.showQuickPick([
    { label: vscode.l10n.t('RAM user'), value: 'RamUser' as const },
    { label: vscode.l10n.t('RAM role'), value: 'RamRole' as const },
  ], { title: vscode.l10n.t('Revoke All Media Access (profile {0})', profile.name) });
  if (!type) return undefined;
  const name = await pickIdentityName(deps, profile, type.value, vscode.l10n.t('Revoke All Media Access (profile {0})', profile.name));
  return name ? { profile, identity: { identityType: type.value, identityName: name, appId: 'app-1000000' } } : undefined;
}

/** Everything read fresh (an incident must not act on a picture from before it began), then planned. */
async function makePlan(
  session: ProfileSession,
  identity: ProfileIdentity,
  signal: AbortSignal | undefined,
  known?: ResolvedIdentity,
  onProgress?: (done: number, total: number) => void,
): Promise<{ plan: IncidentPlan; resolved: ResolvedIdentity }> {
  const resolved = known ?? (await session.identities.named(identity));
  ramGrantSession(session).forget();
  const ram = ramIdentityOf(resolved);
  const incident: IncidentIdentity = { identityType: resolved.identityType, identityName: resolved.identityName, ...(ram ? { ramName: ram.name } : {}) };
  const refusal = await (require('../../profiles/appAdministrators') as typeof Admins).appAdministratorRefusalFor(session);
  const caller = await session.caller();
  const arn = caller?.status === 'loaded' ? caller.value.arn : undefined;
  const reads = ramGrantSession(session).reads;
  const plan = await planIncident({
    appAdministrator: { administrator: !refusal, ...(refusal ? { reason: describeError(refusal) } : {}) },
    listApps: async (s) => (await session.vod().listAppInfo({}, { signal: s })).apps,
    listAppPolicies: async (appId, s) => (await session.scanVod().listAppPoliciesForIdentity({ identityType: resolved.identityType, identityName: resolved.identityName, appId }, { signal: s })).policies,
    ramPicture: () => ramPictureOf(session, resolved),
    groupPolicies: async (g) => (await reads.listPoliciesFor('Group', g)).policies,
  }, incident, { ...(signal ? { signal } : {}), ownIdentity: isOwnIdentity(arn, incident), ...(onProgress ? { onProgress } : {}) });
  return { plan, resolved };
}

/** The run's result has the revocations' bulk shape, plus what the read after it found. */
type RunResult = BulkResult<StepFields> & {
  readonly verify?: { readonly accessRemains: boolean; readonly through: readonly string[]; readonly error?: ResultError };
};

/**
 * Runs the selected steps kind by kind — VOD app policies, then RAM detaches, then memberships (the key's own
 * access, if it is the target, goes last) — each through the pipeline's execution, under one cancel.
 */
async function runSteps(
  deps: CommandDeps,
  session: ProfileSession,
  profile: Profile,
  planned: { plan: IncidentPlan; resolved: ResolvedIdentity },
  selected: ReadonlySet<string>,
  signal: AbortSignal | undefined,
  onStep?: (done: number, total: number) => void,
): Promise<RunResult> {
  const steps = planned.plan.steps.filter((s) => selected.has(s.id));
  const started = Date.now();
  const row = session.profile.identities.find((i) => i.identityType === planned.resolved.identityType
    && (i.identityName === planned.resolved.identityName || i.identityName === planned.resolved.userName));
  const results: StepResult[] = [];
  let done = 0;
  const group = async <T extends MutationTarget>(kind: IncidentStepKind, mutation: (s: IncidentStep) => Mutation<T, Acknowledged>, target: (s: IncidentStep) => T) => {
    const mine = steps.filter((s) => s.kind === kind);
    // One execution per action, so each is paced at its own rate and logged as its own per-target report.
    const byAction = new Map<string, IncidentStep[]>();
    for (const s of mine) byAction.set(ACTION_OF(s), [...(byAction.get(ACTION_OF(s)) ?? []), s]);
    for (const list of byAction.values()) {
      const m = mutation(list[0] as IncidentStep);
      const execution = await sendMutationCalls(deps, m, session, { profile: profile.name, targets: list.map(target), interactive: false, bulk: true }, {
        ...(signal ? { signal } : {}),
        onSettled: () => onStep?.(++done, steps.length),
      });
      execution.outcomes.forEach((o, i) => {
        const s = list[i] as IncidentStep;
        const base = { id: s.id, kind: s.kind, action: ACTION_OF(s), text: stepText(s) };
        if (o.status === 'succeeded') results.push({ ...base, status: 'succeeded', requestId: o.result.requestId });
        else if (o.status === 'failed') {
          const error = resultError(o.error);
          results.push({ ...base, status: 'failed', error, ...(error.requestId ? { requestId: error.requestId } : {}) });
        } else results.push({ ...base, status: 'skipped' });
      });
    }
  };
  const vodIdentity = { identityType: planned.resolved.identityType, identityName: planned.resolved.identityName };
  await group('appPolicies', () => detachAppPolicy as unknown as Mutation<MutationTarget, Acknowledged>, (s) => {
    const step = s as Extract<IncidentStep, { kind: 'appPolicies' }>;
    const identity: ProfileIdentity = { ...vodIdentity, appId: step.appId };
    return { profile: profile.name, identity, policyNames: step.policyNames, resolved: { ...planned.resolved, appId: step.appId } } as MutationTarget;
  });
  await group('ramPolicy', (s) => ((s as Extract<IncidentStep, { kind: 'ramPolicy' }>).principal === 'User' ? detachPolicyFromUser : detachPolicyFromRole) as unknown as Mutation<MutationTarget, Acknowledged>, (s) => {
    const step = s as Extract<IncidentStep, { kind: 'ramPolicy' }>;
    return { profile: profile.name, principal: step.principal, name: step.principalName, policyType: step.policyType, policyName: step.policyName, ...(row ? { row } : {}) } as MutationTarget;
  });
  await group('groupMembership', () => removeUserFromGroup as unknown as Mutation<MutationTarget, Acknowledged>, (s) => {
    const step = s as Extract<IncidentStep, { kind: 'groupMembership' }>;
    return { profile: profile.name, userName: step.userName, groupName: step.groupName, ...(row ? { row } : {}) } as MutationTarget;
  });
  const order = new Map(steps.map((s, i) => [s.id, i]));
  results.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const count = (st: StepResult['status']) => results.filter((r) => r.status === st).length;
  const cancelled = signal?.aborted === true;
  const verify = await verifyAfter(session, planned.resolved);
  deps.tree.refreshRows(row ? [{ kind: 'identity', profile: profile.name, identity: row }] : []);
  const summary = vscode.l10n.t('Revoke All Media Access of {0} [profile {1}]: {2} of {3} steps succeeded, {4} failed, {5} not sent{6}', whoText(planned.resolved), profile.name,
    count('succeeded'), steps.length, count('failed'), count('skipped'), cancelled ? vscode.l10n.t(' (cancelled)') : '');
  const lines = [summary, ...results.map((r) => `  ${r.status.toUpperCase()} ${r.action} ${r.text}${r.requestId ? ` RequestId ${r.requestId}` : ''}${r.error ? ` ${r.error.code}: ${r.error.message}` : ''}`),
    verify.error ? vscode.l10n.t('  Verify: could not read the identity again: {0}', verify.error.message)
      : verify.accessRemains ? vscode.l10n.t('  Verify: access remains through {0}', verify.through.join('; ')) : vscode.l10n.t('  Verify: no VOD or MPS access seen through app policies or RAM')];
  deps.log[count('failed') + count('skipped') === 0 ? 'info' : 'warn'](lines);
  await recordRun(deps, session, planned.resolved, results, started, cancelled);
  return { ok: count('failed') === 0 && count('skipped') === 0 && !verify.accessRemains, profile: profile.name, cancelled, succeeded: count('succeeded'), failed: count('failed'), skipped: count('skipped'), results, verify };
}

/**
 * The run's one history entry (#21): who, and its steps by RequestId in run order (each step keeps its own record,
 * with its RequestId, outcome and signer). Undo on it undoes the set (commands/incident/undoRun.ts).
 */
async function recordRun(deps: CommandDeps, session: ProfileSession, who: ResolvedIdentity, results: readonly StepResult[], started: number, cancelled: boolean): Promise<void> {
  const requestIds = results.flatMap((r) => (r.requestId ? [r.requestId] : []));
  if (requestIds.length === 0) return;
  const account = await accountScope(session);
  const accessKeyId = await session.accessKeyId().catch(() => undefined);
  const failedSteps = results.filter((r) => r.status !== 'succeeded').length;
  await deps.history.add({
    id: randomUUID(),
    time: new Date(started).toISOString(),
    product: 'ram',
    action: RUN_ACTION,
    region: session.profile.region,
    endpoint: session.endpoint('ram'),
    profile: session.profile.name,
    ...('accountId' in account ? { account: account.accountId } : {}),
    target: whoText(who),
    params: { IdentityType: who.identityType, IdentityName: who.identityName, ...(who.userName ? { UserName: who.userName } : {}), ...runStepParams(requestIds) },
    ...(accessKeyId ? { maskedAccessKeyId: maskAccessKeyId(accessKeyId) } : {}),
    outcome: failedSteps === 0 ? 'succeeded' : 'failed',
    latencyMs: Date.now() - started,
    attempts: 0,
    ...(failedSteps > 0 ? { error: { kind: cancelled ? 'cancelled' : 'server', code: cancelled ? 'Cancelled' : 'StepsFailed', message: `${failedSteps} of ${results.length} steps did not succeed` } } : {}),
  });
}

/** The identity read again after the run: what would still be planned, and what could not be evaluated. */
async function verifyAfter(session: ProfileSession, resolved: ResolvedIdentity): Promise<NonNullable<RunResult['verify']>> {
  try {
    const { plan } = await makePlan(session, { identityType: resolved.identityType, identityName: resolved.identityName, appId: resolved.appId }, undefined, resolved);
    const through = [...plan.steps.map(stepText), ...plan.remains.map(remainText)];
    return { accessRemains: through.length > 0, through };
  } catch (e) {
    const err: CloudError = toCloudError(e);
    return { accessRemains: true, through: [], error: resultError(err) };
  }
}

async function notifyRun(deps: CommandDeps, who: string, profile: string, run: RunResult): Promise<void> {
  const ids = run.results.flatMap((r) => (r.requestId ? [r.requestId] : []));
  const copy = vscode.l10n.t('Copy Request IDs');
  const log = vscode.l10n.t('Show Log');
  const head = vscode.l10n.t('Revoke All Media Access of {0} (profile {1}): {2} succeeded, {3} failed, {4} not sent.', who, profile, run.succeeded, run.failed, run.skipped);
  const tail = run.verify?.error ? vscode.l10n.t('Could not check afterwards: {0}', run.verify.error.message)
    : run.verify?.accessRemains ? vscode.l10n.t('Access remains through: {0}', run.verify.through.join('; ')) : vscode.l10n.t('No VOD or MPS access seen afterwards through app policies or RAM.');
  const show = run.failed + run.skipped > 0 ? deps.ui.showErrorMessage : run.verify?.accessRemains ? deps.ui.showWarningMessage : deps.ui.showInformationMessage;
  const picked = await show(inertText(`${head} ${tail}`), ...(ids.length ? [copy] : []), log);
  if (picked === copy) await vscode.env.clipboard.writeText(ids.join('\n'));
  if (picked === log) deps.log.show();
}
