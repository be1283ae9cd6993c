// alicloudMedia.detachAppPolicy — from identity rows (pick its policies), policy rows (one or many selected), the
// Command Palette, or code:
//   executeCommand('alicloudMedia.detachAppPolicy', { profile, identityType, identityName, appId?, policyNames })
//   → DetachResult
// Selected policies are grouped per identity: one DetachAppPolicyFromIdentity call each (PolicyNames is a list).

import * as vscode from 'vscode';
import { describeError, runBulk, type PolicyChangeResult } from '../cloud';
import { isResourceNode } from '../tree/nodes';
import { bulkReportLines, bulkSummary } from './bulkSummary';
import { parseDetachArgument } from './commandArgs';
import { detachConfirmation } from './confirmation';
import type { CommandDeps } from './deps';
import { notify } from './notify';
import { pickIdentities, pickPolicies, pickProfile } from './pickers';
import { detachSucceeded, failed, resultError, type DetachResult } from './results';
import { detachKey, detachPolicies, sessionFor } from './revocations';
import { describePolicyTarget, effectiveSelection, policySelectionOf, profilesOf, type PolicyTarget } from './targets';

export function registerDetachAppPolicy(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('alicloudMedia.detachAppPolicy', (arg?: unknown, selected?: unknown) =>
      arg === undefined || isResourceNode(arg) ? detachFromUi(deps, arg, selected) : detachForCaller(deps, arg),
    ),
  );
}

async function detachForCaller(deps: CommandDeps, arg: unknown): Promise<DetachResult> {
  const parsed = parseDetachArgument(arg, deps.settings.profiles().map((p) => p.name));
  if (!parsed.ok) return failed(parsed.error);
  const target = parsed.value;
  const fields = {
    profile: target.profile,
    identityType: target.identity.identityType,
    identityName: target.identity.identityName,
    appId: target.identity.appId,
    policyNames: target.policyNames,
  };
  try {
    return { ...fields, ...detachSucceeded(await detachPolicies(deps, target).promise) };
  } catch (e) {
    return { ...fields, ...failed(e) };
  }
}

async function chooseTargets(deps: CommandDeps, node: unknown, selected: unknown): Promise<PolicyTarget[] | undefined> {
  const selection = policySelectionOf(effectiveSelection(node, selected));
  const targets = [...selection.targets];
  let identities = selection.identities.map((n) => ({ profile: n.profile, identity: n.identity }));
  if (targets.length === 0 && identities.length === 0) {
    const profile = await pickProfile(deps, 'Detach App Policy');
    if (!profile) return undefined;
    const picked = await pickIdentities(deps, profile, `Detach app policies in ${profile.name}`, false);
    if (!picked) return undefined;
    identities = picked.map((identity) => ({ profile, identity }));
  }
  for (const { profile, identity } of identities) {
    const policyNames = await pickPolicies(deps, profile, identity);
    if (!policyNames) return undefined;
    targets.push({ profile: profile.name, identity, policyNames });
  }
  return targets;
}

async function detachFromUi(deps: CommandDeps, node: unknown, selected: unknown): Promise<void> {
  const targets = await chooseTargets(deps, node, selected);
  if (!targets || targets.length === 0) return;
  const profiles = profilesOf(targets);
  if (profiles.length !== 1) {
    void vscode.window.showWarningMessage('Select policies of one profile at a time: each profile has its own account and endpoint.');
    return;
  }
  const profileName = profiles[0] as string;
  if (targets.some((t) => deps.inFlight.has(detachKey(t)))) {
    void vscode.window.showInformationMessage('Detaching these policies is already in progress.');
    return;
  }
  let endpoint: string;
  let region: string;
  try {
    const session = sessionFor(deps, profileName);
    endpoint = session.endpoint('vod');
    region = session.profile.region;
  } catch (e) {
    await notify(deps, 'error', `Cannot detach: ${describeError(e)}`);
    return;
  }
  const confirmation = detachConfirmation({ profile: profileName, region, endpoint }, targets);
  const answer = await vscode.window.showWarningMessage(confirmation.message, { modal: true, detail: confirmation.detail }, confirmation.accept);
  if (answer !== confirmation.accept) return;

  if (targets.length === 1) return detachOne(deps, targets[0] as PolicyTarget);
  return detachMany(deps, profileName, targets);
}

async function detachOne(deps: CommandDeps, target: PolicyTarget): Promise<void> {
  const who = `${target.identity.identityType} "${target.identity.identityName}"`;
  try {
    const result = await detachPolicies(deps, target).promise;
    const detached = target.policyNames.filter((n) => !result.nonExistPolicyNames.includes(n) && !result.failedPolicyNames.includes(n));
    let message = `Detached ${detached.length ? detached.join(', ') : 'nothing'} from ${who}.`;
    if (result.nonExistPolicyNames.length) message += ` Not attached: ${result.nonExistPolicyNames.join(', ')}.`;
    if (result.failedPolicyNames.length) message += ` Failed: ${result.failedPolicyNames.join(', ')}.`;
    await notify(deps, result.failedPolicyNames.length ? 'warning' : 'info', `${message} RequestId ${result.requestId}`, result.requestId);
  } catch (e) {
    await notify(deps, 'error', `Could not detach from ${who}: ${describeError(e)}`, resultError(e).requestId);
  }
}

/** One call per identity through the core's bulk runner, with a cancellable progress notification. */
async function detachMany(deps: CommandDeps, profileName: string, targets: PolicyTarget[]): Promise<void> {
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Detaching app policies from ${targets.length} identities (profile ${profileName})`, cancellable: true },
    (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return runBulk<PolicyTarget, PolicyChangeResult>(targets, (t, signal) => detachPolicies(deps, t, { signal, refresh: false }).promise, {
        signal: controller.signal,
        onSettled: (_o, done, total) => progress.report({ increment: 100 / total, message: `${done} of ${total}` }),
      });
    },
  );
  for (const target of targets) deps.tree.refreshPolicies(target.profile, target.identity);

  // An identity whose call succeeded but listed FailedPolicyNames still counts as a partial failure for people.
  const partial = report.outcomes.filter((o) => o.status === 'succeeded' && o.result.failedPolicyNames.length > 0).length;
  const summary = bulkSummary(report, { done: 'Detached policies from', nouns: 'identities' }) + (partial ? ` (${partial} with failed policy names)` : '');
  const lines = bulkReportLines(
    `${summary} [profile ${profileName}]`,
    report.outcomes.map((o) => ({
      target: `${describePolicyTarget(o.target)} ${o.target.policyNames.join(',')}`,
      status: o.status,
      ...(o.status === 'succeeded'
        ? { requestId: `${o.result.requestId}${o.result.failedPolicyNames.length ? ` FailedPolicyNames [${o.result.failedPolicyNames.join(', ')}]` : ''}` }
        : {}),
      ...(o.status === 'failed' ? { error: describeError(o.error) } : {}),
    })),
  );
  const clean = report.failed === 0 && report.skipped === 0 && partial === 0;
  deps.log[clean ? 'info' : 'warn'](lines.join('\n'));
  const firstFailure = report.outcomes.find((o) => o.status === 'failed');
  await notify(
    deps,
    clean ? 'info' : report.succeeded > 0 ? 'warning' : 'error',
    summary,
    firstFailure?.status === 'failed' ? firstFailure.error.requestId : undefined,
  );
}
