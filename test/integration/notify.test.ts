// The Troubleshoot button of an error notification, in a real extension host: a revocation run from its tree row
// fails at the server, and the notification offers Alibaba's troubleshooting page for that code and RequestId —
// but only when the Recommend link is an https:// link on an Alibaba domain. The notification and the browser are
// replaced (support/windowStubs.ts: nobody can click a notification here, and nothing may be opened offline);
// the command, the call, the server's error body and the link check are real.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  DEMO_ACCESS_KEY,
  clearCredentials,
  emulatorEndpoints,
  emulatorProfile,
  extensionApi,
  requestsOf,
  setCredentials,
  setProfiles,
  startTestEmulator,
  type ExtensionApi,
  type RunningEmulator,
} from './support/harness';
import { startHostileEndpoint, type HostileEndpoint } from './support/hostileEndpoint';
import { profileRows, rowOf } from './support/treeRows';
import { stubWindow, type WindowStubs } from './support/windowStubs';

const PROFILE = 'troubleshoot-it';
const HOSTILE = 'troubleshoot-hostile-it';
const INTL = 'troubleshoot-intl-it';
const BUCKET = 'media-output-demo';

describe('troubleshoot link on error notifications', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let hostile: HostileEndpoint;
  let api: ExtensionApi;
  let stubs: WindowStubs | undefined;

  before(async () => {
    emulator = await startTestEmulator();
    // An endpoint that answers like Alibaba but points at a look-alike domain.
    hostile = await startHostileEndpoint((requestId) => ({
      Code: 'Forbidden.RAM',
      Message: 'User not authorized to operate on the specified resource.',
      Recommend: `https://api.aliyun.com.evil.io/troubleshoot?q=Forbidden.RAM&requestId=${requestId}`,
    }), 403);
    api = await extensionApi();
    await setProfiles([
      emulatorProfile(emulator, { name: PROFILE, outputBuckets: [BUCKET] }),
      emulatorProfile(emulator, { name: HOSTILE, outputBuckets: [BUCKET], endpoints: { ...emulatorEndpoints(emulator), mps: hostile.url } }),
      emulatorProfile(emulator, { name: INTL, site: 'international', outputBuckets: [BUCKET] }),
    ]);
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
    assert.deepEqual(await setCredentials(HOSTILE, DEMO_ACCESS_KEY), { ok: true });
    assert.deepEqual(await setCredentials(INTL, DEMO_ACCESS_KEY), { ok: true });
  });

  afterEach(() => stubs?.restore());

  after(async () => {
    await clearCredentials(PROFILE);
    await clearCredentials(HOSTILE);
    await clearCredentials(INTL);
    await setProfiles(undefined);
    await emulator?.close();
    await hostile?.close();
  });

  it("offers Troubleshoot for the emulator's Recommend and opens Alibaba's page for that code and RequestId", async () => {
    const row = rowOf(await profileRows(api, PROFILE), /^outputBucket\./, BUCKET);
    // Unbound behind the tree's back: the unbind from the row now fails at the server with Bucket.NotBind.
    emulator.state.replace({ ...emulator.state.toJSON(), mediaBuckets: [] });
    const since = emulator.requests().length;
    stubs = stubWindow({ notification: (m) => (m.items.includes('Troubleshoot') ? 'Troubleshoot' : undefined) });
    await vscode.commands.executeCommand('alicloudMedia.unbindOutputBucket', row.element, [row.element]);

    const sent = requestsOf(emulator, 'UnbindOutputBucket', since);
    assert.equal(sent.length, 1);
    const requestId = sent[0]?.requestId ?? '';
    assert.match(requestId, /^[0-9A-F-]{36}$/);
    const error = stubs.messages.find((m) => m.severity === 'error');
    assert.ok(error, `no error notification among ${JSON.stringify(stubs.messages)}`);
    assert.match(error.message, /Bucket\.NotBind/);
    assert.deepEqual(error.items, ['Copy Request ID', 'Troubleshoot', 'Show Log']);
    assert.deepEqual(stubs.opened, [`https://api.aliyun.com/troubleshoot?q=Bucket.NotBind&product=Mts&requestId=${requestId}`]);
  });

  it('does not offer a Recommend link off Alibaba\'s domains, and opens nothing', async () => {
    const row = rowOf(await profileRows(api, HOSTILE), /^outputBucket\./, BUCKET);
    const answered = hostile.requestIds.length;
    // Would click Troubleshoot if it were there; Show Log is what is left.
    stubs = stubWindow({ notification: (m) => (m.items.includes('Troubleshoot') ? 'Troubleshoot' : undefined) });
    await vscode.commands.executeCommand('alicloudMedia.unbindOutputBucket', row.element, [row.element]);

    assert.ok(hostile.requestIds.length > answered, 'the unbind never reached the endpoint');
    const error = stubs.messages.find((m) => m.severity === 'error');
    assert.ok(error, `no error notification among ${JSON.stringify(stubs.messages)}`);
    assert.match(error.message, /Forbidden\.RAM/);
    assert.deepEqual(error.items, ['Copy Request ID', 'Show Log']);
    assert.deepEqual(stubs.opened, []);
  });

  it("opens the Troubleshoot page on the international site for an international profile (the server sends the China site's)", async () => {
    const row = rowOf(await profileRows(api, INTL), /^outputBucket\./, BUCKET);
    emulator.state.replace({ ...emulator.state.toJSON(), mediaBuckets: [] });
    const since = emulator.requests().length;
    stubs = stubWindow({ notification: (m) => (m.items.includes('Troubleshoot') ? 'Troubleshoot' : undefined) });
    await vscode.commands.executeCommand('alicloudMedia.unbindOutputBucket', row.element, [row.element]);

    const requestId = requestsOf(emulator, 'UnbindOutputBucket', since)[0]?.requestId ?? '';
    assert.match(requestId, /^[0-9A-F-]{36}$/);
    assert.deepEqual(stubs.opened, [`https://api.alibabacloud.com/troubleshoot?q=Bucket.NotBind&product=Mts&requestId=${requestId}`]);
  });
});
