// Connection reuse in a real extension host, with VS Code's proxy support off and on its default (`override`, which
// patches the host's http/https modules): a bulk of 40 unbinds reuses the connections it opened instead of one per
// call, counted at the emulator. The emulator is on loopback, where VS Code lets the extension's own agent carry
// requests in every mode (with a proxy configured for a remote host, VS Code's agent carries them: README,
// "Speed at any distance").
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  DEMO_ACCESS_KEY,
  clearCredentials,
  emulatorProfile,
  setCredentials,
  setProfiles,
  startTestEmulator,
  type RunningEmulator,
} from './support/harness';

const PROFILE = 'connections-it';
const BUCKETS = Array.from({ length: 40 }, (_, i) => `conn-bucket-${String(i).padStart(2, '0')}`);

interface BulkResult {
  ok: boolean;
  succeeded: number;
}

describe('connections are reused', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  const http = () => vscode.workspace.getConfiguration('http');

  before(async () => {
    emulator = await startTestEmulator();
    await setProfiles([emulatorProfile(emulator, { name: PROFILE, outputBuckets: BUCKETS })]);
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
  });

  after(async () => {
    await http().update('proxySupport', undefined, vscode.ConfigurationTarget.Global);
    await clearCredentials(PROFILE);
    await setProfiles(undefined);
    await emulator?.close();
  });

  for (const mode of ['off', 'override'] as const) {
    it(`http.proxySupport ${mode}: 40 unbinds open far fewer connections than calls`, async () => {
      await http().update('proxySupport', mode, vscode.ConfigurationTarget.Global);
      emulator.state.replace({ ...emulator.state.toJSON(), mediaBuckets: BUCKETS.map((bucket) => ({ bucket, type: 'Output' as const })) });
      emulator.setLatency(30);
      emulator.resetStats();
      const result = await vscode.commands.executeCommand<BulkResult>('alicloudMedia.unbindOutputBucket', { profile: PROFILE, buckets: BUCKETS });
      emulator.setLatency(0);
      assert.equal(result.succeeded, BUCKETS.length, JSON.stringify(result));
      const { tcp } = emulator.stats().connections;
      const received = emulator.stats().received;
      assert.ok(received >= BUCKETS.length, `the emulator received ${received}`);
      // One connection per call would be 40 or more; the pool keeps about as many as are in flight (~5 at 30 ms).
      assert.ok(tcp <= 12, `${tcp} new connections for ${received} requests`);
    });
  }
});
