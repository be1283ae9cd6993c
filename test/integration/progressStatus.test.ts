// The status-bar item of a bulk revocation, in a real extension host: a bulk unbind run from selected tree rows
// (the way a menu runs it) shows "Unbinding n/total" while it runs, and clicking the item — the command it runs —
// cancels what has not been sent, then says how many calls already sent it waits for. Every target's outcome and
// record is then what the server did. The modal confirmation and the final notification are answered by
// support/windowStubs.ts (nobody can click them here); the rows, the calls and the cancellation are real.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  DEMO_ACCESS_KEY,
  clearCredentials,
  emulatorProfile,
  extensionApi,
  requestsOf,
  setCredentials,
  setProfiles,
  startTestEmulator,
  waitFor,
  type BulkUnbindResult,
  type CallRecordLike,
  type ExtensionApi,
  type RunningEmulator,
} from './support/harness';
import { profileRows } from './support/treeRows';
import { stubWindow, type WindowStubs } from './support/windowStubs';

const PROFILE = 'status-it';
const CANCEL = 'alicloudMedia.cancelProgress';
/** More than one wave of the bulk's concurrency (16), so some are still unsent when the click comes. */
const BUCKETS = Array.from({ length: 40 }, (_, i) => `status-bucket-${String(i).padStart(2, '0')}`);

describe('status bar progress of a bulk revocation', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let api: ExtensionApi;
  let stubs: WindowStubs | undefined;

  before(async () => {
    emulator = await startTestEmulator();
    emulator.state.replace({ ...emulator.state.toJSON(), mediaBuckets: BUCKETS.map((bucket) => ({ bucket, type: 'Output' as const })) });
    api = await extensionApi();
    await setProfiles([emulatorProfile(emulator, { name: PROFILE, outputBuckets: BUCKETS })]);
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
  });

  after(async () => {
    stubs?.restore();
    await clearCredentials(PROFILE);
    await setProfiles(undefined);
    await emulator?.close();
  });

  it('shows "Unbinding n/40" while the bulk runs; its click cancels the rest, waits for what went out, and the item goes away', async () => {
    const rows = (await profileRows(api, PROFILE)).filter((r) => r.contextValue.startsWith('outputBucket.'));
    assert.equal(rows.length, BUCKETS.length);
    const elements = rows.map((r) => r.element);
    emulator.setFault('UnbindOutputBucket', { latencyMs: 400 });
    const since = emulator.requests().length;
    stubs = stubWindow();
    const records: CallRecordLike[] = [];
    const listening = api.onDidRecordCall((r) => r.action === 'UnbindOutputBucket' && records.push(r));
    const running = vscode.commands.executeCommand<BulkUnbindResult | undefined>('alicloudMedia.unbindOutputBucket', elements[0], elements);

    // The item's command exists only while an item is shown.
    await waitFor(async () => ((await vscode.commands.getCommands(true)).includes(CANCEL) ? true : undefined), 'the status-bar item', 10_000);
    await waitFor(() => (requestsOf(emulator, 'UnbindOutputBucket', since).length > 0 ? true : undefined), 'the first unbind at the server', 10_000);
    const said = await vscode.commands.executeCommand<string[]>(CANCEL);
    assert.equal(said.length, 1, JSON.stringify(said));
    assert.match(said[0] ?? '', /^\$\(sync~spin\) Unbinding \d{1,2}\/40$/);

    // Clicked again, the item only says what it is doing: waiting for the calls already sent.
    const finishing = await waitFor(async () => {
      const [text] = await vscode.commands.executeCommand<string[]>(CANCEL);
      return text?.match(/^\$\(circle-slash\) Unbinding: finishing (\d+) calls already sent…$/) ?? undefined;
    }, 'the item to say it is finishing', 10_000, 20);

    const result = await running;
    listening.dispose();
    assert.ok(result, 'the bulk returned nothing');
    assert.equal(result.cancelled, true);
    assert.ok(result.skipped > 0, 'nothing was left unsent');
    const sent = new Set(requestsOf(emulator, 'UnbindOutputBucket', since).map((q) => q.params.Bucket));
    assert.ok(sent.size < BUCKETS.length, 'every bucket was sent despite the cancel');
    assert.ok(Number(finishing[1]) > 0 && Number(finishing[1]) <= sent.size, `finishing ${finishing[1]} of ${sent.size} sent`);
    // Every target: succeeded exactly when the server unbound it; "not sent" exactly when the server never saw it.
    assert.equal(result.failed, 0, JSON.stringify(result.results.filter((t) => t.status === 'failed')));
    for (const t of result.results) {
      const bound = emulator.state.isBound(t.bucket);
      assert.equal(t.status, bound ? 'skipped' : 'succeeded', `${t.bucket}: ${t.status}, bound ${bound}`);
      assert.equal(sent.has(t.bucket), !bound, `${t.bucket}: sent ${sent.has(t.bucket)}, bound ${bound}`);
    }
    // The records: succeeded for each unbound bucket; "cancelled" only for a call that never went out.
    for (const r of records) {
      const bound = emulator.state.isBound(r.target);
      assert.ok(r.outcome === 'succeeded' ? !bound : r.outcome === 'cancelled' && bound && r.attempts === 0, `${r.target}: ${r.outcome}, bound ${bound}`);
    }
    assert.equal(records.filter((r) => r.outcome === 'succeeded').length, result.succeeded);
    assert.ok(stubs.messages.some((m) => m.modal && /unbind/i.test(m.message)), 'no confirmation was asked');
    assert.equal((await vscode.commands.getCommands(true)).includes(CANCEL), false, 'the status-bar item outlived its run');
  });
});
