// MPS input buckets in a real extension host against the emulator: the configured rows show their live binding,
// Unbind Input Bucket run from a row (the modal answered, as a click would) sends one UnbindInputBucket, the record
// keeps the Referer the listing showed, and undo binds the bucket again with that Referer — checked at the server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  DEMO_ACCESS_KEY,
  assertAcceptedAndSigned,
  clearCredentials,
  emulatorProfile,
  extensionApi,
  requestsOf,
  setCredentials,
  setProfiles,
  startTestEmulator,
  type BulkUnbindResult,
  type ExtensionApi,
  type RunningEmulator,
} from './support/harness';
import { latestRecord } from './support/historyRecords';
import { profileRows, rowOf } from './support/treeRows';
import { stubWindow } from './support/windowStubs';

const PROFILE = 'input-it';
const UPLOADS = 'media-input-uploads';
const REFERER = 'https://uploads.example.com';

describe('MPS input buckets', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let api: ExtensionApi;

  before(async () => {
    emulator = await startTestEmulator();
    api = await extensionApi();
    await setProfiles([emulatorProfile(emulator, { name: PROFILE, inputBuckets: [UPLOADS, 'media-input-demo', 'media-input-gone'] })]);
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
  });

  after(async () => {
    await clearCredentials(PROFILE);
    await setProfiles(undefined);
    await emulator?.close();
  });

  it('shows each configured input bucket with its binding from ListAllMediaBucket, beside an empty output group', async () => {
    const rows = await profileRows(api, PROFILE);
    const group = rowOf(rows, /^inputBucketGroup$/, 'MPS Input Buckets');
    assert.equal(group.description, '3');
    assert.equal(rowOf(rows, /^inputBucket\./, UPLOADS).contextValue, 'inputBucket.bound');
    assert.equal(rowOf(rows, /^inputBucket\./, UPLOADS).description, 'bound as input');
    assert.equal(rowOf(rows, /^inputBucket\./, 'media-input-gone').contextValue, 'inputBucket.unbound');
    assert.equal(rowOf(rows, /^inputBucket\./, 'media-input-gone').description, 'not bound');
    rowOf(rows, /^message\.addOutputBucket$/, 'Add Output Bucket…');
    assert.ok(!rows.some((r) => /^outputBucket\./.test(r.contextValue)), 'an input bucket is not shown as an output bucket');
  });

  it('unbinds from the row after the modal, keeps the Referer with the record, and undo binds it again with that Referer', async () => {
    const since = emulator.requests().length;
    const row = rowOf(await profileRows(api, PROFILE), /^inputBucket\./, UPLOADS);
    const stubs = stubWindow();
    try {
      await vscode.commands.executeCommand('alicloudMedia.unbindInputBucket', row.element, [row.element]);
      const modal = stubs.messages.find((m) => m.modal);
      assert.equal(modal?.message, `Unbind input bucket "${UPLOADS}" from MPS?`);
      assert.match(modal?.detail ?? '', /no longer read media from this bucket/);
      assert.match(modal?.detail ?? '', new RegExp(`Endpoint: ${emulator.url.replace(/[.]/g, '\\.')}`));
    } finally {
      stubs.restore();
    }
    const sent = requestsOf(emulator, 'UnbindInputBucket', since);
    assert.equal(sent.length, 1, 'exactly one UnbindInputBucket');
    assertAcceptedAndSigned(sent[0], DEMO_ACCESS_KEY.accessKeyId);
    assert.equal(sent[0]?.params.Bucket, UPLOADS);
    assert.equal(sent[0]?.params.Referer, undefined, 'the Referer is kept, not sent');
    assert.equal(emulator.state.isBound(UPLOADS, 'Input'), false);

    const record = await latestRecord((r) => r.action === 'UnbindInputBucket' && r.requestId === sent[0]?.requestId);
    assert.deepEqual(record.before, { Referer: REFERER });

    const undoStubs = stubWindow();
    try {
      await vscode.commands.executeCommand('alicloudMedia.undo', record.id);
      const modal = undoStubs.messages.find((m) => m.modal);
      assert.equal(modal?.message, `Undo UnbindInputBucket of ${UPLOADS}?`);
      assert.match(modal?.detail ?? '', new RegExp(`Bind input bucket ${UPLOADS} again with Referer ${REFERER.replace(/[.]/g, '\\.')}\\.`));
      assert.match(modal?.detail ?? '', /A RoleArn .* is not restored/);
    } finally {
      undoStubs.restore();
    }
    const bind = requestsOf(emulator, 'BindInputBucket', since);
    assert.equal(bind.length, 1, 'exactly one BindInputBucket');
    assert.deepEqual([bind[0]?.params.Bucket, bind[0]?.params.Referer], [UPLOADS, REFERER]);
    assert.deepEqual(
      emulator.state.mediaBuckets().find((b) => b.bucket === UPLOADS && b.type === 'Input'),
      { bucket: UPLOADS, type: 'Input', referer: REFERER },
      'bound again as input, with its Referer',
    );
    const marked = await latestRecord((r) => r.id === record.id && r.undoneBy !== undefined);
    assert.equal(marked.undoneBy?.requestId, bind[0]?.requestId);
  });

  it('unbinds several from code and answers per bucket; an unbound one gets Bucket.NotBind with its RequestId', async () => {
    const result = await vscode.commands.executeCommand<BulkUnbindResult>('alicloudMedia.unbindInputBucket', { profile: PROFILE, buckets: ['media-input-demo', 'media-input-gone'] });
    assert.deepEqual([result.ok, result.succeeded, result.failed], [false, 1, 1]);
    const byBucket = Object.fromEntries(result.results.map((r) => [r.bucket, r]));
    assert.equal(byBucket['media-input-demo']?.status, 'succeeded');
    assert.equal(byBucket['media-input-gone']?.error?.code, 'Bucket.NotBind');
    assert.equal(byBucket['media-input-gone']?.error?.requestId, requestsOf(emulator, 'UnbindInputBucket').find((r) => r.params.Bucket === 'media-input-gone')?.requestId);
    assert.equal(emulator.state.isBound('media-input-demo', 'Input'), false);
    const invalid = await vscode.commands.executeCommand<{ ok: boolean; error?: { code: string } }>('alicloudMedia.unbindInputBucket', { profile: PROFILE, bucket: 'Bad_Bucket' });
    assert.deepEqual([invalid.ok, invalid.error?.code], [false, 'InvalidArgument']);
  });
});
