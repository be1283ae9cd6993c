// Named to run after activation.test.ts (which must be first) and before secrets.test.ts (which must be last).
// ActionTrail in the extension host, against the emulator's trail (events appear 3 s after a call unless the test
// moves the trail's clock): a revocation looked up by its RequestId from its own notification ("not yet", then
// found), a change another key made straight at the emulator found from the bucket's row and called out as a
// re-grant of our revocation, and a key without actiontrail:LookupEvents told so. Only notifications and quick picks
// are stubbed (no one is there to click them); the commands, the tree, the history and every call are real.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import RPCClient = require('@alicloud/pop-core');
import { DEMO_RAM_USER_KEY } from '../emulator/server';
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
  waitForLog,
  type ExtensionApi,
  type RunningEmulator,
} from './support/harness';
import { latestRecord } from './support/historyRecords';
import { profileRows, rowOf } from './support/treeRows';
import { stubWindow, type WindowStubs } from './support/windowStubs';

const PROFILE = 'trail-it';
const BUCKET = 'media-output-demo';

interface TrailResult {
  ok: boolean;
  status?: string;
  requestId?: string;
  message?: string;
  details?: [string, string][];
  event?: { requestId: string; identity: { type: string; userName?: string; maskedAccessKeyId?: string }; requestParameters: Record<string, string> };
  lookups?: string[];
  error?: { code: string; kind: string; requestId?: string; message: string };
}

describe('ActionTrail', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let api: ExtensionApi;
  let stubs: WindowStubs | undefined;
  let ourUnbind: string;

  before(async () => {
    emulator = await startTestEmulator();
    api = await extensionApi();
    await setProfiles([emulatorProfile(emulator, { name: PROFILE, outputBuckets: [BUCKET] })]);
    assert.deepEqual(await setCredentials(PROFILE, DEMO_ACCESS_KEY), { ok: true });
  });

  afterEach(() => stubs?.restore());

  after(async () => {
    await clearCredentials(PROFILE);
    await setProfiles(undefined);
    await emulator?.close();
  });

  it('finds a revocation by its RequestId from its notification: "not yet" first, then who, when, from where', async () => {
    const rows = await waitFor(async () => {
      const all = await profileRows(api, PROFILE);
      return all.some((r) => r.contextValue === 'outputBucket.bound') ? all : undefined;
    }, 'the bucket row bound');
    const row = rowOf(rows, /^outputBucket\./, new RegExp(BUCKET));
    let lookedAgain = false;
    stubs = stubWindow({
      notification: (m) => {
        if (m.items.includes('Look Up in ActionTrail')) return 'Look Up in ActionTrail';
        if (m.items.includes('Look Again') && !lookedAgain) {
          lookedAgain = true;
          // The minutes an event takes to appear, passed at once.
          emulator.trail.advanceClock(5000);
          return 'Look Again';
        }
        return undefined;
      },
    });
    await vscode.commands.executeCommand('alicloudMedia.unbindOutputBucket', row.element);
    const sent = requestsOf(emulator, 'UnbindOutputBucket');
    assert.equal(sent.length, 1);
    ourUnbind = sent[0]!.requestId!;
    const done = await waitFor(async () => stubs!.messages.find((m) => m.message.startsWith('ActionTrail: ')), 'the event found');
    const notYet = stubs.messages.find((m) => m.items.includes('Look Again'));
    assert.ok(notYet, 'the first look said "not yet" and offered to look again');
    assert.match(notYet.message, new RegExp(`no event for RequestId ${ourUnbind} yet`));
    assert.match(done.message, /^ActionTrail: UnbindOutputBucket by root-account root \(LTAI\*\*\*\*0001\) at \S+Z from 127\.0\.0\.1\. RequestId /);
    assert.ok(done.message.endsWith(ourUnbind));
    const log = await waitForLog([`ActionTrail UnbindOutputBucket RequestId ${ourUnbind}`, 'AccessKeyId LTAI****0001', 'SourceIp 127.0.0.1', `"Bucket":"${BUCKET}"`]);
    assert.ok(!log.includes(DEMO_ACCESS_KEY.accessKeyId), 'the full AccessKeyId is never written');
    const lookups = requestsOf(emulator, 'LookupEvents');
    assert.equal(lookups.length, 2, 'one lookup per look: the event name narrows it to one page');
    assert.equal(lookups[0]!.params['LookupAttribute.1.Key'], 'EventName');
    assert.equal(lookups[0]!.params['LookupAttribute.1.Value'], 'UnbindOutputBucket');

    // The same record from code, and from the palette's search: answered from the cache, no further call.
    const record = await latestRecord((r) => r.requestId === ourUnbind);
    const byRecord = await vscode.commands.executeCommand<TrailResult>('alicloudMedia.actionTrail', { recordId: record.id });
    assert.equal(byRecord.status, 'found', JSON.stringify(byRecord));
    assert.equal(byRecord.event?.requestParameters.Bucket, BUCKET);
    assert.ok(byRecord.details?.some(([name, value]) => name === 'AccessKeyId' && value === 'LTAI****0001'));
    const byId = await vscode.commands.executeCommand<TrailResult>('alicloudMedia.lookUpRequestId', { profile: PROFILE, requestId: ourUnbind.toLowerCase(), hours: 1, service: 'mps' });
    assert.equal(byId.status, 'found');
    assert.equal(requestsOf(emulator, 'LookupEvents').length, 2, 'found events are cached');
  });

  it('finds a change another key made at the emulator from the bucket row, and calls out the re-grant', async () => {
    assert.ok(ourUnbind, 'runs after the revocation above');
    // Someone else, outside the editor: a RAM user's key binds the bucket again with Alibaba's own client.
    const outsider = new RPCClient({ endpoint: emulator.url, apiVersion: '2014-06-18', ...DEMO_RAM_USER_KEY });
    const theirs = (await outsider.request<{ RequestId: string }>('BindOutputBucket', { Bucket: BUCKET }, { method: 'POST' })).RequestId;
    emulator.trail.advanceClock(5000);

    let labels: string[] = [];
    stubs = stubWindow({
      pick: (shown) => {
        labels = shown;
        return undefined;
      },
    });
    const rows = await profileRows(api, PROFILE);
    await vscode.commands.executeCommand('alicloudMedia.recentChanges', rowOf(rows, /^outputBucket\./, new RegExp(BUCKET)).element);
    const callout = stubs.messages.find((m) => m.severity === 'warning');
    assert.ok(callout, `a re-grant warning among ${JSON.stringify(stubs.messages)}`);
    assert.match(callout.message, new RegExp(`^BindOutputBucket by ram-user media-operator \\d+ min after your UnbindOutputBucket \\(RequestId ${ourUnbind}\\)$`));
    // Newest first, the re-grant marked; then the demo state's seeded bind by bob two days ago, before any revocation.
    assert.deepEqual(labels, ['⚠ BindOutputBucket', 'UnbindOutputBucket', 'BindOutputBucket'], 'newest first, the re-grant marked');
    const trailQueries = requestsOf(emulator, 'LookupEvents').slice(-1);
    assert.equal(trailQueries[0]!.params['LookupAttribute.1.Key'], 'ResourceName');
    assert.equal(trailQueries[0]!.params['LookupAttribute.2.Value'], 'Write');

    const result = await vscode.commands.executeCommand<{ ok: boolean; events: { requestId: string; who: string }[]; regrants: { grantRequestId: string; by: string }[] }>(
      'alicloudMedia.recentChanges',
      { profile: PROFILE, bucket: BUCKET, days: 1 },
    );
    assert.equal(result.ok, true);
    assert.deepEqual(result.events.map((e) => e.requestId), [theirs, ourUnbind]);
    assert.deepEqual(result.regrants.map((r) => [r.grantRequestId, r.by]), [[theirs, 'ram-user media-operator']]);
  });

  it('lists a RAM user\'s changes under both its names: VOD\'s UserId and RAM\'s login name', async () => {
    // Someone attached a RAM policy to alice (RAM names her by login name) besides the demo's seeded VOD attach.
    const state = emulator.state.toJSON();
    emulator.state.replace({
      ...state,
      trailEvents: [...(state.trailEvents ?? []), {
        eventName: 'AttachPolicyToUser', requestId: '7C0FFEE0-1A2B-4C3D-8E9F-0A1B2C3D4E03', minutesAgo: 60, eventRW: 'Write', serviceName: 'Ram',
        resourceName: 'alice', requestParameters: { UserName: 'alice', PolicyName: 'AliyunVODFullAccess', PolicyType: 'System' },
        userIdentity: { type: 'ram-user', userName: 'bob', accessKeyId: 'LTAI5tEmuBobWorkstation2' },
      }],
    });
    const result = await vscode.commands.executeCommand<{ ok: boolean; resourceName: string; events: { eventName: string; who: string }[] }>(
      'alicloudMedia.recentChanges',
      { profile: PROFILE, identityType: 'RamUser', identityName: 'alice' },
    );
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.resourceName, '2037164829300001', 'VOD\'s name for her: the UserId GetUser gave');
    assert.deepEqual(result.events.map((e) => [e.eventName, e.who]), [['AttachPolicyToUser', 'ram-user bob'], ['AttachAppPolicyToIdentity', 'ram-user bob']]);
    const asked = requestsOf(emulator, 'LookupEvents').slice(-2).map((r) => r.params['LookupAttribute.1.Value']);
    assert.deepEqual(asked, ['2037164829300001', 'alice']);
  });

  it('names the missing permission when the key may not call actiontrail:LookupEvents', async () => {
    const state = emulator.state.toJSON();
    emulator.state.replace({ ...state, callers: { ...state.callers, [DEMO_ACCESS_KEY.accessKeyId]: { deniedActions: ['LookupEvents'] } } });
    const found = await vscode.commands.executeCommand<TrailResult>('alicloudMedia.lookUpRequestId', { profile: PROFILE, requestId: '0A0A0A0A-1111-2222-3333-444455556666', hours: 1 });
    assert.equal(found.ok, false);
    assert.equal(found.error?.code, 'NoPermission');
    assert.equal(found.error?.kind, 'permission');
    assert.ok(found.error?.requestId, 'the refusal carries its RequestId');

    stubs = stubWindow();
    const rows = await profileRows(api, PROFILE);
    await vscode.commands.executeCommand('alicloudMedia.recentChanges', rowOf(rows, /^outputBucket\./, new RegExp(BUCKET)).element);
    const error = await waitFor(async () => stubs!.messages.find((m) => m.severity === 'error'), 'an error notification');
    assert.match(error.message, /may not read ActionTrail: grant it actiontrail:LookupEvents \(NoPermission, RequestId [0-9A-F-]{36}\)/);
    assert.equal(requestsOf(emulator, 'LookupEvents').filter((r) => r.outcome === 'NoPermission').length, 2, 'a refusal is not retried');
  });
});
