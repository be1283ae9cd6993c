// The "Alibaba Cloud Media" LogOutputChannel, read from the file VS Code writes it to (the extension's log folder
// in the window's logs: <user-data>/logs/<session>/exthost<N>/<extension id>/Alibaba Cloud Media.log): one line
// per call with the RequestId the server issued, failures with code/status/message, detaches with the policy lists,
// bulk runs with one line per target, debug detail only at debug level — and never a secret or a signature.
import * as assert from 'node:assert/strict';
import { escapeRegExp } from '../support/text';
import * as vscode from 'vscode';
import {
  DEMO_ACCESS_KEY,
  clearCredentials,
  detach,
  emulatorProfile,
  extensionApi,
  logChannelFile,
  readLog,
  requestsOf,
  setCredentials,
  setProfiles,
  startTestEmulator,
  unbind,
  unbindMany,
  waitForLog,
  type RunningEmulator,
} from './support/harness';
import { demoUserId } from '../emulator/demoState';

const ALICE = demoUserId('alice');

const PROFILE = 'log-it';
const MPS_ONLY = 'log-qingdao-it';
const WRONG_SECRET = 'LogTestWrongSecretNotReal00000001';


/** The log line (with its `[level]` prefix) that contains `needle`. */
function lineWith(text: string, needle: string): string {
  const line = text.split('\n').find((l) => l.includes(needle));
  assert.ok(line, `no log line contains ${needle}`);
  return line;
}

describe('log output channel', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  const requestIds: string[] = [];

  before(async () => {
    emulator = await startTestEmulator();
    await extensionApi();
    await setProfiles([
      emulatorProfile(emulator, { name: PROFILE }),
      { name: MPS_ONLY, region: 'cn-qingdao', endpoints: { mps: emulator.url, ram: emulator.url, sts: emulator.url } },
    ]);
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
    assert.deepEqual(await setCredentials(MPS_ONLY, DEMO_ACCESS_KEY), { ok: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'info');
    await clearCredentials(PROFILE);
    await clearCredentials(MPS_ONLY);
    await setProfiles(undefined);
    await emulator?.close();
  });

  beforeEach(() => emulator.clearFaults());

  it('is written to the extension\'s log folder', async () => {
    await waitForLog([`AccessKey ${DEMO_ACCESS_KEY.accessKeyId.slice(0, 4)}****${DEMO_ACCESS_KEY.accessKeyId.slice(-4)} stored for profile ${PROFILE}.`]);
    assert.match(logChannelFile() ?? '', /exthost\d*[/\\]alicloud-media-tools\.alicloud-media-access[/\\]Alibaba Cloud Media\.log$/);
  });

  it('a successful unbind: an info line with target, profile, region, attempts and the server\'s RequestId', async () => {
    const result = await unbind({ profile: PROFILE, bucket: 'media-output-demo' });
    assert.equal(result.ok, true, JSON.stringify(result));
    const serverId = requestsOf(emulator, 'UnbindOutputBucket').at(-1)?.requestId;
    assert.equal(result.requestId, serverId);
    requestIds.push(result.requestId as string);
    const text = await waitForLog([`RequestId ${serverId}`]);
    assert.match(
      lineWith(text, `RequestId ${serverId}`),
      new RegExp(`\\[info\\] UnbindOutputBucket media-output-demo \\[profile ${PROFILE}, cn-shanghai\\] succeeded in \\d+ ms \\(1 attempt\\) RequestId ${serverId} AccessKeyId LTAI\\*{4}0001 Source keychain$`),
    );
  });

  it('a failed call: an error line with its RequestId, Code, HTTP status and Message', async () => {
    await setCredentials(PROFILE, { accessKeyId: DEMO_ACCESS_KEY.accessKeyId, accessKeySecret: WRONG_SECRET });
    try {
      const result = await unbind({ profile: PROFILE, bucket: 'media-output-archive' });
      assert.equal(result.error?.code, 'SignatureDoesNotMatch');
      const id = result.error?.requestId as string;
      assert.equal(id, requestsOf(emulator, 'UnbindOutputBucket').at(-1)?.requestId);
      requestIds.push(id);
      const line = lineWith(await waitForLog([`RequestId ${id}`]), `RequestId ${id}`);
      assert.match(line, new RegExp(`\\[error\\] UnbindOutputBucket media-output-archive \\[profile ${PROFILE}, cn-shanghai\\] failed in \\d+ ms \\(1 attempt\\) RequestId ${id} AccessKeyId LTAI\\*{4}\\w{4} Source keychain — Code SignatureDoesNotMatch, HTTP 400, Message "`));
    } finally {
      await setCredentials(PROFILE, DEMO_ACCESS_KEY);
    }
  });

  it('a retried call: the attempts and the RequestId of the attempt that answered', async () => {
    emulator.setFault('UnbindOutputBucket', { kind: 'server-error', times: 1 });
    const result = await unbind({ profile: PROFILE, bucket: 'media-output-archive' });
    assert.equal(result.ok, true, JSON.stringify(result));
    requestIds.push(result.requestId as string);
    const line = lineWith(await waitForLog([`RequestId ${result.requestId}`]), `RequestId ${result.requestId}`);
    assert.match(line, /succeeded in \d+ ms \(2 attempts\)/);
  });

  it('a detach: NonExistPolicyNames and FailedPolicyNames, as a warning when some stayed attached', async () => {
    const result = await detach({
      profile: PROFILE, identityType: 'RamRole', identityName: 'TranscodeRole', appId: 'app-1000000',
      policyNames: ['VODAppAdministratorAccess', 'VODAppFullAccess'],
    });
    assert.equal(result.ok, true, JSON.stringify(result));
    requestIds.push(result.requestId as string);
    const line = lineWith(await waitForLog([`RequestId ${result.requestId}`]), `RequestId ${result.requestId}`);
    assert.match(
      line,
      new RegExp(`\\[warning\\] DetachAppPolicyFromIdentity .*TranscodeRole.* \\[profile ${PROFILE}, cn-shanghai\\] succeeded .* RequestId ${result.requestId} AccessKeyId \\S+ Source keychain — NonExistPolicyNames \\[VODAppFullAccess\\], FailedPolicyNames \\[VODAppAdministratorAccess\\]$`),
    );
  });

  it('a bulk unbind: a line per call and a report naming each bucket with its RequestId', async () => {
    const result = await unbindMany({ profile: PROFILE, buckets: ['media-output-thumbs', 'media-output-unbound'] });
    assert.equal(result.succeeded, 1);
    assert.equal(result.failed, 1);
    const ids = result.results.map((r) => r.requestId as string);
    assert.equal(ids.filter(Boolean).length, 2, 'every bucket\'s result has its RequestId');
    requestIds.push(...ids);
    const text = await waitForLog(ids.map((id) => `RequestId ${id}`));
    for (const [bucket, id] of result.results.map((r) => [r.bucket, r.requestId] as const)) {
      const count = text.split('\n').filter((l) => l.includes(id as string)).length;
      assert.ok(count >= 2, `${bucket}: its RequestId is in the call line and the bulk report (found ${count})`);
    }
    assert.match(text, new RegExp(`media-output-unbound.*${escapeRegExp('Bucket.NotBind')}`));
  });

  it('a call refused before sending says "Not sent" and the server receives nothing', async () => {
    const received = emulator.stats().received;
    const result = await detach({ profile: MPS_ONLY, identityType: 'RamUser', identityName: ALICE, policyNames: ['VODAppFullAccess'] });
    assert.equal(result.ok, false);
    assert.equal(result.error?.kind, 'invalid-input');
    assert.equal(emulator.stats().received, received);
    const needle = `Not sent: DetachAppPolicyFromIdentity [profile ${MPS_ONLY}]`;
    const line = lineWith(await waitForLog([needle]), needle);
    assert.match(line, /\[error\] Not sent: .*cn-qingdao/);
  });

  it('at debug level: endpoint, masked AccessKeyId, parameters and retries — at info level none of that', async () => {
    assert.ok(!readLog().includes(' params: '), 'debug detail written at info level');
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'debug');
    try {
      emulator.setFault('UnbindOutputBucket', { kind: 'throttle', times: 1 });
      emulator.state.bind('media-output-demo', 'Output');
      const result = await unbind({ profile: PROFILE, bucket: 'media-output-demo' });
      assert.equal(result.ok, true, JSON.stringify(result));
      requestIds.push(result.requestId as string);
      const masked = `${DEMO_ACCESS_KEY.accessKeyId.slice(0, 4)}****${DEMO_ACCESS_KEY.accessKeyId.slice(-4)}`;
      const text = await waitForLog([`MPS ${emulator.url} AccessKeyId ${masked} params: Bucket=media-output-demo`, 'UnbindOutputBucket media-output-demo: attempt 1 failed with Throttling.User; retrying in']);
      assert.match(lineWith(text, `AccessKeyId ${masked} params:`), /\[debug\]/);
    } finally {
      await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'info');
    }
  });

  it('holds every RequestId above, and no secret, signature or full AccessKeyId', () => {
    const text = readLog();
    for (const id of requestIds) assert.ok(text.includes(`RequestId ${id}`) || text.includes(id), `RequestId ${id} missing from the log`);
    assert.ok(!text.includes(DEMO_ACCESS_KEY.accessKeySecret), 'the AccessKey secret is in the log');
    assert.ok(!text.includes(WRONG_SECRET), 'a (wrong) secret is in the log');
    assert.ok(!/Signature=/i.test(text), 'a signature is in the log');
    assert.ok(!text.includes(DEMO_ACCESS_KEY.accessKeyId), 'the full AccessKeyId is in the log');
  });
});
