// alicloudMedia.findAccessToApp — the incident question "who can touch this app?": pick a VOD application (by name,
// from ListAppInfo), then every RAM user and role of the account is asked about it (src/cloud/accessScan.ts) at
// ListAppPoliciesForIdentity's QPS, with cancellable progress. The findings land in the tree as "Access to <app>",
// where Detach App Policy… works on them as on configured identities.
// Programmatic: { profile, appId } → FindAccessResult (no prompt, no notification; the tree group still appears).
//
// What is recorded: the directory and application listings like every call; of the per-identity listings only the
// failures (each with its code and RequestId), plus one summary in the log. See ProfileSession.scanVod for why.

import * as vscode from 'vscode';
import { describeError, describeWho, toCloudError, validateAppId, type AppInfo, type CloudError } from '../cloud';
import { isPartial, scanAppAccess, type AccessScanResult } from '../cloud/accessScan';
import { inertItem, inertText } from '../inertText';
import { scanProgressText } from '../profiles/accessScans';
import { siteOf } from '../cloud/sites';
import type { Profile } from '../settings/profileConfig';
import type { ProfileSession } from '../profiles/profileSessions';
import { isResourceNode } from '../tree/nodes';
import type { CommandDeps } from './deps';
import { notify } from './notify';
import { refuseUnlessAppAdministrator } from './appAdministratorCheck';
import { ProgressStatus } from './progressStatus';
import { profileFor } from './pickers';
import type { CommandHandlers } from './commandHandlers';
import { failed, invalidArgument, resultError, type Failed, type ResultError } from './results';
import { ramResultFields, ramSummaryLines, withRamGrantees, type RamGranteeFields } from './findRamAccess';
import { profileArgument } from './commandArgs';

export interface FoundIdentityResult {
  readonly identityType: string;
  /** What VOD was asked with: a UserId, or a role name. */
  readonly identityName: string;
  readonly userName?: string;
  readonly policyNames: readonly string[];
  readonly requestId: string;
}

export interface FindAccessResult {
  /** True only when every identity of the directory was asked and answered. */
  readonly ok: boolean;
  readonly profile: string;
  readonly appId: string;
  readonly appName: string;
  readonly total: number;
  readonly scanned: number;
  readonly cancelled: boolean;
  readonly seconds: number;
  readonly found: readonly FoundIdentityResult[];
  readonly failures: readonly { identityType: string; identityName: string; userName?: string; error: ResultError }[];
  readonly directoryFailures: readonly { action: string; error: ResultError }[];
  /** Identities whose access comes from RAM policies, and RAM reads that failed (#20). */
  readonly ramGrants?: RamGranteeFields['ramGrants'];
  readonly ramFailures?: RamGranteeFields['ramFailures'];
}

interface ChosenApp {
  readonly appId: string;
  readonly appName: string;
}

export function findAccessToAppCommand(deps: CommandDeps): CommandHandlers {
  return {
    caller: async (arg) => {
      const profile = profileArgument(deps.settings, arg.profile);
      if ('error' in profile) return profile;
      const problem = validateAppId(arg.appId);
      if (problem) return invalidArgument(problem);
      const refused = await refuseUnlessAppAdministrator(deps, profile, false);
      if (refused) return refused;
      const app = await appNamed(deps, profile, arg.appId as string);
      if ('ok' in app) return app;
      return findAccess(deps, profile, app, false);
    },
    ui: async (arg) => {
      const profile = await profileFor(deps, arg, vscode.l10n.t('Find Access to App'));
      if (!profile || (await refuseUnlessAppAdministrator(deps, profile, true))) return undefined;
      // From a result group: the same app again.
      const again = isResourceNode(arg) && arg.kind === 'accessScan' ? deps.scans.get(profile.name, arg.appId) : undefined;
      const app = again ? { appId: again.appId, appName: again.appName } : await pickApp(deps, profile);
      if (!app) return undefined;
      return findAccess(deps, profile, app, true);
    },
  };
}

/** For a caller that gave only the id: the app's name from ListAppInfo; an id the account does not have is refused. */
async function appNamed(deps: CommandDeps, profile: Profile, appId: string): Promise<ChosenApp | Failed> {
  let apps: readonly AppInfo[];
  try {
    apps = (await vodOf(deps, profile).listAppInfo()).apps;
  } catch (e) {
    // Without ListAppInfo the scan still answers the question; the group is then named by the id.
    deps.log.warn(vscode.l10n.t('Find Access to App: could not read the name of {0} [profile {1}]: {2}', appId, profile.name, describeError(e)));
    return { appId, appName: appId };
  }
  const app = apps.find((a) => a.appId === appId);
  if (!app) return invalidArgument(`Profile ${profile.name}'s account has no VOD application ${appId} (ListAppInfo lists ${apps.length}).`, 'UnknownApp');
  return { appId, appName: app.appName || appId };
}

async function pickApp(deps: CommandDeps, profile: Profile): Promise<ChosenApp | undefined> {
  const title = vscode.l10n.t('Find Access to App (profile {0})', profile.name);
  let apps: readonly AppInfo[] | undefined;
  let problem: CloudError | undefined;
  try {
    const vod = vodOf(deps, profile);
    apps = (await deps.ui.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading VOD applications…') }, () => vod.listAppInfo())).apps;
  } catch (e) {
    problem = toCloudError(e);
  }
  if (!apps) {
    // VOD unreachable for this profile (a region without VOD, an invalid endpoint): nothing can be scanned.
    if (problem?.kind === 'invalid-input') {
      await notify(deps, 'error', vscode.l10n.t('Cannot find access in profile {0}: {1}', profile.name, describeError(problem)));
      return undefined;
    }
    // ListAppInfo alone may be denied: the id can still be typed.
    const appId = await deps.ui.showInputBox({
      title,
      prompt: inertText(vscode.l10n.t('Could not list the VOD applications ({0}). Type the application ID to scan.', problem?.code ?? 'unknown')),
      value: 'app-',
      ignoreFocusOut: true,
      validateInput: (v) => validateAppId(v),
    });
    return appId ? { appId, appName: appId } : undefined;
  }
  if (apps.length === 0) {
    void deps.ui.showInformationMessage(vscode.l10n.t("Profile {0}'s account has no VOD applications.", profile.name));
    return undefined;
  }
  const picked = await deps.ui.showQuickPick(
    // Names and descriptions are the server's; the quick pick would draw `$(icon)` in them.
    apps.map((a) => inertItem({ label: a.appName || a.appId, description: a.appId, detail: [a.type, a.status, a.description].filter(Boolean).join(' · ') || undefined, app: a })),
    { title, placeHolder: vscode.l10n.t('VOD application: every RAM user and role is asked which policies it holds there'), matchOnDescription: true, matchOnDetail: true },
  );
  return picked ? { appId: picked.app.appId, appName: picked.app.appName || picked.app.appId } : undefined;
}

function vodOf(deps: CommandDeps, profile: Profile) {
  const session = deps.sessions.get(profile.name);
  if (!session) throw toCloudError(new Error(`Profile "${profile.name}" is no longer configured.`));
  return session.vod();
}

async function findAccess(deps: CommandDeps, profile: Profile, app: ChosenApp, interactive: boolean): Promise<FindAccessResult | Failed | undefined> {
  const session = deps.sessions.get(profile.name);
  let clients;
  try {
    if (!session) throw new Error(`Profile "${profile.name}" is no longer configured.`);
    const ram = session.ram();
    // The scan's ListUsers is the whole user list: kept, it names UserId rows without another walk.
    clients = {
      ram: { listUsers: (options: Parameters<typeof ram.listUsers>[0]) => session.users.listAfresh(options), listRoles: (options: Parameters<typeof ram.listRoles>[0]) => ram.listRoles(options) },
      vod: session.scanVod(),
    };
  } catch (e) {
    deps.log.error(vscode.l10n.t('Not sent: Find Access to App {0} [profile {1}]: {2}', app.appId, profile.name, describeError(e)));
    if (interactive) await notify(deps, 'error', vscode.l10n.t('Cannot find access to {0}: {1}', app.appName, describeError(e)));
    return failed(e);
  }
  if (deps.scans.isRunning(profile.name, app.appId)) {
    // The caller's message stays English, as the programmatic API's messages do; the person reads it localized.
    if (interactive) void deps.ui.showInformationMessage(inertText(vscode.l10n.t('Find Access to {0} is already running in profile {1}.', app.appName, profile.name)));
    return invalidArgument(`Find Access to ${app.appName} is already running in profile ${profile.name}.`, 'ScanInProgress');
  }

  const run = deps.scans.start(profile.name, app.appId, app.appName);
  // The one place progress goes: the tree group, and for a person the notification and the status-bar item below.
  let onProgress = (done: number, total: number) => run.progress(done, total);
  // Then who holds VOD through RAM policies: a few paced account-wide reads, not another walk.
  const scan = async () => withRamGrantees(session as ProfileSession, await scanAppAccess(clients, app.appId, { signal: run.signal, onProgress: (done, total) => onProgress(done, total) }), run.signal);
  const result = interactive
    ? await deps.ui.withProgress(
        // A progress notification reads links in its title like any notification: the app's name is the server's.
        { location: vscode.ProgressLocation.Notification, title: inertText(vscode.l10n.t('Finding access to {0} (profile {1})', app.appName, profile.name)), cancellable: true },
        async (progress, token) => {
          const cancel = token.onCancellationRequested(() => deps.scans.cancel(profile.name, app.appId));
          // The notification can be hidden; the status-bar item stays in sight until the scan ends, and a click cancels.
          const status = new ProgressStatus(vscode.l10n.t('Finding access to {0}', app.appName), () => deps.scans.cancel(profile.name, app.appId));
          const toStore = onProgress;
          let shown = 0;
          onProgress = (done, total) => {
            toStore(done, total);
            status.report(done, total);
            const percent = total > 0 ? (100 * done) / total : 0;
            progress.report({ message: scanProgressText(done, total), increment: percent - shown });
            shown = percent;
          };
          try {
            return await scan();
          } finally {
            cancel.dispose();
            status.dispose();
          }
        },
      )
    : await scan();
  // False when the group was dismissed (or rescanned) meanwhile: the log keeps the summary of the calls made, but
  // the notification would point at a group that is gone or shows another scan.
  const shown = run.finish(result);

  const partial = isPartial(result);
  deps.log[partial ? 'warn' : 'info'](summaryLines(profile.name, app, result));
  if (interactive && shown) {
    const firstFailure = result.failures[0]?.error ?? result.directoryFailures[0]?.error;
    void notify(deps, partial ? 'warning' : 'info', vscode.l10n.t('{0} See "Access to {1}" in profile {2}.', scanNotice(app, result, partial), app.appName, profile.name), { ...firstFailure, site: siteOf(profile) });
  }
  return toResult(profile.name, app, result);
}

/** The notification's first sentence: how many hold policies, and how much of the directory was asked. */
function scanNotice(app: ChosenApp, r: AccessScanResult, partial: boolean): string {
  const n = r.found.length;
  const found = n === 1 ? vscode.l10n.t('1 identity holds policies in {0}', app.appName) : vscode.l10n.t('{0} identities hold policies in {1}', n, app.appName);
  if (!partial) return vscode.l10n.t('{0} (asked all {1} RAM users and roles).', found, r.total);
  return r.cancelled
    ? vscode.l10n.t('{0} — partial: asked {1} of {2} RAM users and roles (cancelled).', found, r.scanned, r.total)
    : vscode.l10n.t('{0} — partial: asked {1} of {2} RAM users and roles, {3} failed.', found, r.scanned, r.total, r.failures.length + r.directoryFailures.length);
}

/** One summary for the log: the findings with the RequestId that showed them, then what could not be learnt. */
function summaryLines(profile: string, app: ChosenApp, r: AccessScanResult): string[] {
  const tail = [
    ...(r.cancelled ? [vscode.l10n.t('cancelled')] : []),
    ...(r.failures.length ? [vscode.l10n.t('{0} failed', r.failures.length)] : []),
    ...r.directoryFailures.map((d) => vscode.l10n.t({ message: '{0} failed', args: [d.action], comment: ['{0} is an API action: ListUsers or ListRoles'] })),
  ];
  const head = vscode.l10n.t(
    'Find Access to App {0} ({1}) [profile {2}]: asked {3} of {4} RAM users and roles in {5} s (ListAppPoliciesForIdentity; successful listings are not recorded one by one): {6} hold policies',
    app.appName, app.appId, profile, r.scanned, r.total, r.seconds.toFixed(1), r.found.length,
  );
  return [
    head + tail.map((t) => `, ${t}`).join(''),
    ...r.found.map((f) => `  ${describeWho(f.identity)}: ${f.policies.map((p) => p.policyName).join(', ')} RequestId ${f.requestId}`),
    ...r.failures.map((f) => `  ${vscode.l10n.t('{0}: failed — {1}', describeWho(f.identity), describeError(f.error))}`),
    ...r.directoryFailures.map((d) => `  ${vscode.l10n.t('{0}: failed — {1}', d.action, describeError(d.error))}`),
    ...ramSummaryLines(r.ram),
  ];
}

function toResult(profile: string, app: ChosenApp, r: AccessScanResult): FindAccessResult {
  const who = (i: { identityType: string; identityName: string; userName?: string }) => ({
    identityType: i.identityType,
    identityName: i.identityName,
    ...(i.userName ? { userName: i.userName } : {}),
  });
  return {
    ok: !isPartial(r),
    profile,
    appId: app.appId,
    appName: app.appName,
    total: r.total,
    scanned: r.scanned,
    cancelled: r.cancelled,
    seconds: Math.round(r.seconds * 1000) / 1000,
    found: r.found.map((f) => ({ ...who(f.identity), policyNames: f.policies.map((p) => p.policyName), requestId: f.requestId })),
    failures: r.failures.map((f) => ({ ...who(f.identity), error: resultError(f.error) })),
    directoryFailures: r.directoryFailures.map((d) => ({ action: d.action, error: resultError(d.error) })),
    ...ramResultFields(r.ram),
  };
}
