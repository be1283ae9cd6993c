// The request history in a real extension host: every call the extension makes is recorded, a recorded
// revocation can be undone (and the undo is recorded too), and records export to JSON without secrets.
// The extension talks to the emulator started here; credentials come from the environment of this process,
// which is the extension host's.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../emulator/server';
import { userDataDir } from './support/harness';
import { exportRecords, latestRecord, type ExportedRecord } from './support/historyRecords';
import { waitFor } from '../support/wait';

const EXTENSION_ID = 'alicloud-media-tools.alicloud-media-access';
const PROFILE = 'history-it';

/** The programmatic form of Undo: a plain object, so nothing is prompted. */
function undoRecord(recordId: string): Thenable<{ ok: boolean; action?: string; requestId?: string; reason?: string }> {
  return vscode.commands.executeCommand('alicloudMedia.undo', { recordId });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('request history', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  const savedEnv = { id: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID, secret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET };

  before(async () => {
    emulator = await startEmulator({ port: 0, quiet: true, qpsLimits: false });
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = DEMO_ACCESS_KEY.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = DEMO_ACCESS_KEY.accessKeySecret;
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await setHistoryProfile({ mps: emulator.url, vod: emulator.url, ram: emulator.url, sts: emulator.url });
  });

  function setHistoryProfile(endpoints: { mps: string; vod: string; ram: string; sts: string }): Thenable<void> {
    return vscode.workspace
      .getConfiguration('alicloudMedia')
      .update('profiles', [{ name: PROFILE, region: 'cn-shanghai', credentialSource: 'environment', endpoints }], vscode.ConfigurationTarget.Global);
  }

  after(async () => {
    await vscode.workspace.getConfiguration('alicloudMedia').update('profiles', undefined, vscode.ConfigurationTarget.Global);
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = savedEnv.id;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = savedEnv.secret;
    if (savedEnv.id === undefined) delete process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    if (savedEnv.secret === undefined) delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    await emulator?.close();
  });

  it('records a successful revocation with its RequestId', async () => {
    const result = await vscode.commands.executeCommand<{ ok: boolean; requestId?: string }>(
      'alicloudMedia.unbindOutputBucket', { profile: PROFILE, bucket: 'media-output-archive' },
    );
    assert.equal(result?.ok, true, JSON.stringify(result));
    const record = await latestRecord((r) => r.requestId === result.requestId);
    assert.equal(record.action, 'UnbindOutputBucket');
    assert.equal(record.target, 'media-output-archive');
    assert.equal(record.outcome, 'succeeded');
  });

  it('persists records as lines appended to a journal in the extension\'s global storage', async () => {
    const journal = path.join(userDataDir(), 'User', 'globalStorage', EXTENSION_ID, 'request-history.jsonl');
    const result = await vscode.commands.executeCommand<{ ok: boolean; requestId?: string }>(
      'alicloudMedia.unbindOutputBucket', { profile: PROFILE, bucket: 'media-output-demo' },
    );
    assert.equal(result?.ok, true, JSON.stringify(result));
    const line = await waitFor(
      () => {
        const text = fs.existsSync(journal) ? fs.readFileSync(journal, 'utf8') : '';
        return text.split('\n').find((l) => l.includes(`"${result.requestId}"`));
      },
      `a journal line with ${result.requestId}`,
      5000,
      50,
    );
    const stored = JSON.parse(line) as ExportedRecord;
    assert.equal(stored.action, 'UnbindOutputBucket');
    assert.equal(stored.target, 'media-output-demo');
  });

  it('records a failed call with its HTTP status', async () => {
    emulator.setFault('UnbindOutputBucket', { kind: 'status-without-code', status: 404, times: 5 });
    try {
      const result = await vscode.commands.executeCommand<{ ok: boolean }>(
        'alicloudMedia.unbindOutputBucket', { profile: PROFILE, bucket: 'media-output-demo' },
      );
      assert.equal(result?.ok, false);
    } finally {
      emulator.clearFaults();
    }
    const record = await latestRecord((r) => r.outcome === 'failed' && r.target === 'media-output-demo');
    assert.equal(record.action, 'UnbindOutputBucket');
    assert.equal(record.error?.httpStatus, 404);
  });

  it('undoes an unbind: the bucket is bound again and the undo is recorded', async () => {
    const unbind = await vscode.commands.executeCommand<{ ok: boolean; requestId?: string }>(
      'alicloudMedia.unbindOutputBucket', { profile: PROFILE, bucket: 'media-output-thumbs' },
    );
    assert.equal(unbind?.ok, true, JSON.stringify(unbind));
    assert.equal(emulator.state.isBound('media-output-thumbs'), false);
    const record = await latestRecord((r) => r.requestId === unbind.requestId);

    const undo = await undoRecord(record.id);
    assert.equal(undo?.ok, true, undo?.reason);
    assert.equal(undo.action, 'BindOutputBucket');
    assert.equal(emulator.state.isBound('media-output-thumbs'), true);
    const recorded = await latestRecord((r) => r.requestId === undo.requestId);
    assert.equal(recorded.action, 'BindOutputBucket');

    // The revocation now carries the undo's RequestId, and a second undo is refused without sending anything.
    const marked = await latestRecord((r) => r.id === record.id);
    assert.equal(marked.undoneBy?.requestId, undo.requestId);
    const binds = emulator.requests().filter((r) => r.action === 'BindOutputBucket').length;
    const again = await undoRecord(record.id);
    assert.equal(again.ok, false);
    assert.match(String(again.reason), new RegExp(`already undone.*${undo.requestId}`));
    assert.equal(emulator.requests().filter((r) => r.action === 'BindOutputBucket').length, binds, 'nothing was sent');
  });

  it('refuses to undo once the profile sends elsewhere, naming both endpoints, and sends nothing', async () => {
    const unbind = await vscode.commands.executeCommand<{ ok: boolean; requestId?: string }>(
      'alicloudMedia.unbindOutputBucket', { profile: PROFILE, bucket: 'media-output-thumbs' },
    );
    assert.equal(unbind?.ok, true, JSON.stringify(unbind));
    const record = await latestRecord((r) => r.requestId === unbind.requestId);
    const elsewhere = emulator.url.replace('127.0.0.1', 'localhost');
    await setHistoryProfile({ mps: elsewhere, vod: emulator.url, ram: emulator.url, sts: emulator.url });
    try {
      const received = emulator.stats().received;
      const undo = await undoRecord(record.id);
      assert.equal(undo.ok, false);
      assert.match(String(undo.reason), new RegExp(`now sends to ${escapeRegExp(elsewhere)}.*went to ${escapeRegExp(emulator.url)}`));
      assert.equal(emulator.stats().received, received);
      assert.equal(emulator.state.isBound('media-output-thumbs'), false);
    } finally {
      await setHistoryProfile({ mps: emulator.url, vod: emulator.url, ram: emulator.url, sts: emulator.url });
    }
    assert.equal((await undoRecord(record.id)).ok, true, 'with the endpoint back, the undo goes through');
  });

  it('refuses an undo that another window overtook (a later change of the same bucket in the shared journal), and sends nothing', async () => {
    const unbind = await vscode.commands.executeCommand<{ ok: boolean; requestId?: string }>(
      'alicloudMedia.unbindOutputBucket', { profile: PROFILE, bucket: 'media-output-thumbs' },
    );
    assert.equal(unbind?.ok, true, JSON.stringify(unbind));
    const record = await latestRecord((r) => r.requestId === unbind.requestId);
    // Another window (an extension host of its own over the same global storage) bound the bucket since: its line.
    const journal = path.join(userDataDir(), 'User', 'globalStorage', EXTENSION_ID, 'request-history.jsonl');
    const otherRequestId = '0D5B4B5F-0000-4000-8000-0000000000AA';
    const later = { ...record, id: `other-window-${Date.now()}`, time: new Date(Date.parse(record.time) + 1000).toISOString(), action: 'BindOutputBucket', requestId: otherRequestId };
    fs.appendFileSync(journal, `\n${JSON.stringify(later)}\n`);
    const binds = emulator.requests().filter((r) => r.action === 'BindOutputBucket').length;
    const undo = await undoRecord(record.id);
    assert.equal(undo.ok, false);
    assert.match(String(undo.reason), new RegExp(`BindOutputBucket .*${otherRequestId}`));
    assert.equal(emulator.requests().filter((r) => r.action === 'BindOutputBucket').length, binds, 'nothing was sent');
    assert.equal(emulator.state.isBound('media-output-thumbs'), false);
  });

  it('undoes a detach by reattaching only the policies that were really detached', async () => {
    const role = { type: 'RamRole' as const, name: 'TranscodeRole', appId: 'app-1000000' };
    const detach = await vscode.commands.executeCommand<{ ok: boolean; requestId?: string; nonExistPolicyNames?: string[]; failedPolicyNames?: string[] }>(
      'alicloudMedia.detachAppPolicy',
      { profile: PROFILE, identityType: 'RamRole', identityName: 'TranscodeRole', appId: 'app-1000000', policyNames: ['VODAppReadOnlyAccess', 'VODAppFullAccess'] },
    );
    assert.equal(detach?.ok, true, JSON.stringify(detach));
    assert.deepEqual(detach.nonExistPolicyNames, ['VODAppFullAccess']);
    assert.ok(!emulator.state.policiesOf(role).includes('VODAppReadOnlyAccess'));
    const record = await latestRecord((r) => r.requestId === detach.requestId);

    const undo = await undoRecord(record.id);
    assert.equal(undo?.ok, true, undo?.reason);
    assert.equal(undo.action, 'AttachAppPolicyToIdentity');
    const attach = await latestRecord((r) => r.requestId === undo.requestId);
    assert.equal(attach.params.PolicyNames, 'VODAppReadOnlyAccess', 'only the detached name is reattached');
    assert.ok(emulator.state.policiesOf(role).includes('VODAppReadOnlyAccess'));
    assert.ok(!emulator.state.policiesOf(role).includes('VODAppFullAccess'));
  });

  it('refuses to undo what is not a successful revocation', async () => {
    const bind = await latestRecord((r) => r.action === 'BindOutputBucket');
    const undo = await undoRecord(bind.id);
    assert.equal(undo?.ok, false);
    assert.match(String(undo.reason), /not a revocation/);
    const unknown = await undoRecord('no-such-record');
    assert.equal(unknown?.ok, false);
  });

  it('exports the requested records in the requested order, without secrets', async () => {
    const all = (await exportRecords()).records;
    assert.ok(all.length >= 3);
    const chosen = [all[2].id, all[0].id];
    const { text, records } = await exportRecords(chosen);
    assert.deepEqual(records.map((r) => r.id), chosen);
    assert.ok(!text.includes(DEMO_ACCESS_KEY.accessKeySecret), 'the secret is never exported');
    assert.ok(!text.includes(DEMO_ACCESS_KEY.accessKeyId), 'the AccessKeyId is only exported masked');
  });

  it('keeps a RAM user name that starts with LTAI as it is (only AccessKeyIds are masked)', async () => {
    const name = 'LTAIopsAdmin2024';
    const detach = await vscode.commands.executeCommand<{ ok: boolean; requestId?: string }>(
      'alicloudMedia.detachAppPolicy',
      { profile: PROFILE, identityType: 'RamUser', identityName: name, appId: 'app-1000000', policyNames: ['VODAppReadOnlyAccess'] },
    );
    assert.ok(detach, 'the command answered');
    // A name is resolved with RAM GetUser before VOD is asked; that record carries the name, unmasked.
    const record = await latestRecord((r) => r.action === 'GetUser' && r.params.UserName?.startsWith('LTAI'));
    assert.equal(record.params.UserName, name);
    assert.ok(record.target.includes(name), record.target);
  });

  it('records every call of a bulk, however the writes were coalesced', async () => {
    const buckets = Array.from({ length: 40 }, (_, i) => `history-it-bulk-${String(i).padStart(2, '0')}`);
    const result = await vscode.commands.executeCommand<{ succeeded: number; failed: number }>(
      'alicloudMedia.unbindOutputBucket', { profile: PROFILE, buckets },
    );
    assert.equal((result?.succeeded ?? 0) + (result?.failed ?? 0), buckets.length, JSON.stringify(result));
    const recorded = new Set((await exportRecords()).records.filter((r) => r.action === 'UnbindOutputBucket').map((r) => r.target));
    assert.deepEqual(buckets.filter((b) => !recorded.has(b)), []);
  });
});
