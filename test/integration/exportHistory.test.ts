// Export Request History as CSV in a real extension host: real calls (one to the emulator, one to an endpoint whose
// error body is built to break a spreadsheet) are recorded, exported through the command the inspector uses, and
// the file read back as a spreadsheet would: every cell where it belongs, RequestIds whole, formula-like server
// text defused, no secret anywhere.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DEMO_ACCESS_KEY,
  TEST_SECRET_PATTERN,
  clearCredentials,
  emulatorEndpoints,
  emulatorProfile,
  extensionApi,
  requestsOf,
  setCredentials,
  setProfiles,
  startTestEmulator,
  unbind,
  type CallRecordLike,
  type ExtensionApi,
  type RunningEmulator,
} from './support/harness';
import { startHostileEndpoint, type HostileEndpoint } from './support/hostileEndpoint';
import { parseCsv } from '../support/csv';

const PROFILE = 'csv-it';
const HOSTILE = 'csv-hostile-it';
const FORMULA_CODE = '=HYPERLINK("https://evil.io","x")';
const MESSAGE = '-quota, "exceeded"';

describe('export request history as CSV', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let hostile: HostileEndpoint;
  let api: ExtensionApi;

  before(async () => {
    emulator = await startTestEmulator();
    hostile = await startHostileEndpoint(() => ({ Code: FORMULA_CODE, Message: MESSAGE }));
    api = await extensionApi();
    await setProfiles([
      emulatorProfile(emulator, { name: PROFILE }),
      emulatorProfile(emulator, { name: HOSTILE, endpoints: { ...emulatorEndpoints(emulator), mps: hostile.url } }),
    ]);
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
    assert.deepEqual(await setCredentials(HOSTILE, DEMO_ACCESS_KEY), { ok: true });
  });

  after(async () => {
    await clearCredentials(PROFILE);
    await clearCredentials(HOSTILE);
    await setProfiles(undefined);
    await emulator?.close();
    await hostile?.close();
  });

  it('writes the chosen records as CSV: whole RequestIds, quoted text, defused formulas, no secret', async () => {
    const recorded: (CallRecordLike & { id: string })[] = [];
    const listener = api.onDidRecordCall((r) => recorded.push(r as CallRecordLike & { id: string }));
    const since = emulator.requests().length;
    let ok: Awaited<ReturnType<typeof unbind>>;
    let bad: Awaited<ReturnType<typeof unbind>>;
    try {
      ok = await unbind({ profile: PROFILE, bucket: 'media-output-demo' });
      bad = await unbind({ profile: HOSTILE, bucket: 'media-output-demo' });
    } finally {
      listener.dispose();
    }
    assert.equal(ok.ok, true, JSON.stringify(ok));
    assert.equal(bad.ok, false);
    const serverRequestId = requestsOf(emulator, 'UnbindOutputBucket', since)[0]?.requestId;
    const ids = recorded.filter((r) => r.action === 'UnbindOutputBucket').map((r) => r.id);
    assert.equal(ids.length, 2);

    const target = vscode.Uri.file(path.join(os.tmpdir(), `csv-it-${process.pid}-${Date.now()}.csv`));
    try {
      // Records reach the history when the call's observer fires; the export reads the history.
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('alicloudMedia.exportRequestHistory', { target, recordIds: ids });
      assert.equal(written?.fsPath, target.fsPath);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await vscode.workspace.fs.readFile(target));
      assert.ok(text.startsWith('\uFEFF'), 'no byte-order mark');
      assert.doesNotMatch(text, TEST_SECRET_PATTERN);
      assert.ok(!text.includes(DEMO_ACCESS_KEY.accessKeySecret), 'the secret is in the export');
      assert.ok(!text.includes(DEMO_ACCESS_KEY.accessKeyId), 'the full AccessKeyId is in the export');

      const [header, ...rows] = parseCsv(text.slice(1));
      assert.equal(rows.length, 2);
      for (const row of rows) assert.equal(row.length, header?.length, 'a row is not as wide as the header');
      const cell = (row: string[] | undefined, name: string) => row?.[header?.indexOf(name) ?? -1];
      const [succeeded, failed] = [rows.find((r) => cell(r, 'Outcome') === 'succeeded'), rows.find((r) => cell(r, 'Outcome') === 'failed')];
      assert.equal(cell(succeeded, 'RequestId'), serverRequestId);
      assert.equal(cell(succeeded, 'Profile'), PROFILE);
      assert.equal(cell(succeeded, 'Params'), 'Bucket=media-output-demo');
      assert.match(cell(succeeded, 'AccessKeyId') ?? '', /\*\*\*\*/);
      assert.equal(cell(failed, 'RequestId'), hostile.requestIds.at(-1));
      assert.equal(cell(failed, 'ErrorCode'), `'${FORMULA_CODE}`);
      assert.equal(cell(failed, 'ErrorMessage'), `'${MESSAGE}`);
    } finally {
      await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    }
  });
});
