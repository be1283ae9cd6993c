// alicloudMedia.unbindOutputBucket — from bucket rows (one or many selected), the Command Palette, or code:
//   executeCommand('alicloudMedia.unbindOutputBucket', { profile, bucket })    → UnbindResult
//   executeCommand('alicloudMedia.unbindOutputBucket', { profile, buckets })   → BulkUnbindResult
// Programmatic calls never prompt; UI calls always confirm in a modal first.

import * as vscode from 'vscode';
import { describeError, runBulk, type Acknowledged } from '../cloud';
import { isResourceNode } from '../tree/nodes';
import { bulkReportLines, bulkSummary } from './bulkSummary';
import { parseUnbindArgument } from './commandArgs';
import { unbindConfirmation } from './confirmation';
import type { CommandDeps } from './deps';
import { notify } from './notify';
import { pickBuckets, pickProfile } from './pickers';
import { failed, resultError, type BulkUnbindResult, type UnbindResult } from './results';
import { sessionFor, unbindBucket, unbindKey } from './revocations';
import { bucketTargetsOf, effectiveSelection, profilesOf, type BucketTarget } from './targets';

export function registerUnbindOutputBucket(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('alicloudMedia.unbindOutputBucket', (arg?: unknown, selected?: unknown) =>
      arg === undefined || isResourceNode(arg) ? unbindFromUi(deps, arg, selected) : unbindForCaller(deps, arg),
    ),
  );
}

async function unbindForCaller(deps: CommandDeps, arg: unknown): Promise<UnbindResult | BulkUnbindResult> {
  const parsed = parseUnbindArgument(arg, deps.settings.profiles().map((p) => p.name));
  if (!parsed.ok) return failed(parsed.error);
  const request = parsed.value;
  if (request.kind === 'bulk') return runBulkUnbind(deps, request.profile, request.targets);
  const { profile, bucket } = request.target;
  try {
    const result = await unbindBucket(deps, request.target).promise;
    return { ok: true, profile, bucket, requestId: result.requestId };
  } catch (e) {
    return { ...failed(e), profile, bucket };
  }
}

async function unbindFromUi(deps: CommandDeps, node: unknown, selected: unknown): Promise<void> {
  let targets = bucketTargetsOf(effectiveSelection(node, selected));
  if (targets.length === 0) {
    const profile = await pickProfile(deps, 'Unbind Output Bucket');
    if (!profile) return;
    const buckets = await pickBuckets(deps, profile, `Unbind output buckets of ${profile.name}`, true);
    if (!buckets) return;
    targets = buckets.map((bucket) => ({ profile: profile.name, bucket }));
  }
  const profiles = profilesOf(targets);
  if (profiles.length !== 1) {
    void vscode.window.showWarningMessage('Select buckets of one profile at a time: each profile has its own account and endpoint.');
    return;
  }
  const profileName = profiles[0] as string;
  const running = targets.filter((t) => deps.inFlight.has(unbindKey(t)));
  if (running.length > 0) {
    void vscode.window.showInformationMessage(`Unbinding ${running.map((t) => t.bucket).join(', ')} is already in progress.`);
    return;
  }

  let endpoint: string;
  let session;
  try {
    session = sessionFor(deps, profileName);
    endpoint = session.endpoint('mps');
  } catch (e) {
    await notify(deps, 'error', `Cannot unbind: ${describeError(e)}`);
    return;
  }
  const buckets = targets.map((t) => t.bucket);
  const confirmation = unbindConfirmation({ profile: profileName, region: session.profile.region, endpoint }, buckets);
  const answer = await vscode.window.showWarningMessage(confirmation.message, { modal: true, detail: confirmation.detail }, confirmation.accept);
  if (answer !== confirmation.accept) return;

  if (targets.length === 1) {
    const target = targets[0] as BucketTarget;
    try {
      const result = await unbindBucket(deps, target).promise;
      await notify(deps, 'info', `Unbound output bucket "${target.bucket}" (profile ${profileName}). RequestId ${result.requestId}`, result.requestId);
    } catch (e) {
      const error = resultError(e);
      await notify(deps, 'error', `Could not unbind "${target.bucket}": ${describeError(e)}`, error.requestId);
    }
    return;
  }

  const report = await runBulkUnbind(deps, profileName, targets, true);
  const firstFailure = report.results.find((r) => r.status === 'failed');
  const summary = bulkSummary(report, { done: 'Unbound', nouns: 'buckets' });
  await notify(deps, report.ok ? 'info' : report.succeeded > 0 ? 'warning' : 'error', summary, firstFailure?.error?.requestId);
}

/** One UnbindOutputBucket per bucket through the core's bulk runner; the profile's list reloads once at the end. */
async function runBulkUnbind(deps: CommandDeps, profile: string, targets: BucketTarget[], withProgress = false): Promise<BulkUnbindResult> {
  const run = (signal?: AbortSignal, onSettled?: (done: number, total: number) => void) =>
    runBulk<BucketTarget, Acknowledged>(targets, (target, s) => unbindBucket(deps, target, { signal: s, refresh: false }).promise, {
      signal,
      onSettled: (_outcome, done, total) => onSettled?.(done, total),
    });

  const report = withProgress
    ? await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Unbinding ${targets.length} output buckets (profile ${profile})`, cancellable: true },
        (progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          return run(controller.signal, (done, total) => progress.report({ increment: 100 / total, message: `${done} of ${total}` }));
        },
      )
    : await run();
  deps.tree.refreshBuckets(profile);

  const result: BulkUnbindResult = {
    ok: report.failed === 0 && report.skipped === 0,
    profile,
    cancelled: report.cancelled,
    succeeded: report.succeeded,
    failed: report.failed,
    skipped: report.skipped,
    results: report.outcomes.map((o) =>
      o.status === 'succeeded'
        ? { bucket: o.target.bucket, status: o.status, requestId: o.result.requestId }
        : o.status === 'failed'
          ? { bucket: o.target.bucket, status: o.status, error: resultError(o.error), ...(o.error.requestId ? { requestId: o.error.requestId } : {}) }
          : { bucket: o.target.bucket, status: o.status },
    ),
  };
  const lines = bulkReportLines(
    `${bulkSummary(report, { done: 'Unbound', nouns: 'buckets' })} [profile ${profile}]`,
    report.outcomes.map((o) => ({
      target: o.target.bucket,
      status: o.status,
      ...(o.status === 'succeeded' ? { requestId: o.result.requestId } : {}),
      ...(o.status === 'failed' ? { error: describeError(o.error) } : {}),
    })),
  );
  deps.log[result.ok ? 'info' : 'warn'](lines.join('\n'));
  return result;
}
