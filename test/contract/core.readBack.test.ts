// Writes whose answer was lost, through the real core against the emulator: the emulator runs the action and then
// drops the answer (`reset-after-action`, `no-answer-after-action`), or drops it before the action runs (`reset`,
// `no-answer`), and the core must read the state back instead of trusting a blind retry.
import { strict as assert } from 'node:assert';
import { CloudError } from '../../src/cloud/errors';
import { sanitizeRecord } from '../../src/records/recordSanitizer';
import { planUndo } from '../../src/history/undoPlan';
import { formatCallRecord } from '../../src/log/formatCallRecord';
import { demoUserId } from '../emulator/demoState';
import { emulatorPerTest, printable, rejection } from './core.helpers';

import { REQUEST_ID_PATTERN as REQUEST_ID } from '../emulator/requestId';

describe('core: a write whose answer was lost is settled by reading the state back', () => {
  const ctx = emulatorPerTest();

  const received = (action: string) => ctx.em.stats().byAction[action]?.received ?? 0;
  const recordOf = (action: string) => ctx.h.records.filter((r) => r.action === action).at(-1)!;

  describe('the state shows the write took effect → it succeeds, confirmed by the read', () => {
    it('unbind: the reset hid an executed unbind; no blind retry, no Bucket.NotBind', async () => {
      ctx.em.setFault('UnbindOutputBucket', { kind: 'reset-after-action', times: 1 });
      const ack = await ctx.h.mps().unbindOutputBucket('media-output-demo');
      assert.equal(ctx.em.state.isBound('media-output-demo'), false);
      assert.equal(received('UnbindOutputBucket'), 1, 'the write is not sent again');
      const list = recordOf('ListAllMediaBucket');
      assert.match(list.requestId ?? '', REQUEST_ID);
      assert.deepEqual(ack.confirmedBy, { action: 'ListAllMediaBucket', requestId: list.requestId });
      assert.equal(ack.requestId, list.requestId, 'no answer for the write: the result carries the read’s RequestId');
      const unbind = recordOf('UnbindOutputBucket');
      assert.deepEqual([unbind.outcome, unbind.attempts, unbind.requestId, unbind.error], ['succeeded', 1, undefined, undefined]);
      assert.deepEqual(unbind.confirmedBy, { action: 'ListAllMediaBucket', requestId: list.requestId });
      assert.ok('plan' in planUndo(unbind), 'a confirmed unbind can be undone');
      assert.deepEqual(sanitizeRecord(unbind), unbind, 'the history keeps confirmedBy');
      assert.match(formatCallRecord(unbind).text, new RegExp(`confirmed by ListAllMediaBucket RequestId ${list.requestId}`));
    });

    it('bind: a timeout hid an executed bind; the retry would have said Bucket.AlreadyBind', async () => {
      ctx.em.setFault('BindOutputBucket', { kind: 'no-answer-after-action', times: 1 });
      const ack = await ctx.h.mps().bindOutputBucket('media-output-unbound', { timeoutMs: 300 });
      assert.equal(ctx.em.state.isBound('media-output-unbound'), true);
      assert.equal(received('BindOutputBucket'), 1);
      assert.equal(ack.confirmedBy?.action, 'ListAllMediaBucket');
      assert.equal(recordOf('BindOutputBucket').outcome, 'succeeded');
    });

    it('detach: names are derived from the listing, and the detach can be undone', async () => {
      ctx.em.setFault('DetachAppPolicyFromIdentity', { kind: 'reset-after-action', times: 1 });
      const alice = { identityType: 'RamUser', identityName: demoUserId('alice') } as const;
      const result = await ctx.h.vod().detachAppPolicyFromIdentity(alice, ['VODAppFullAccess']);
      assert.deepEqual(ctx.em.state.policiesOf({ type: 'RamUser', name: demoUserId('alice') }), ['VODCustomUploadOnly']);
      assert.equal(received('DetachAppPolicyFromIdentity'), 1);
      const list = recordOf('ListAppPoliciesForIdentity');
      assert.deepEqual(result, { requestId: list.requestId, confirmedBy: { action: 'ListAppPoliciesForIdentity', requestId: list.requestId }, nonExistPolicyNames: [], failedPolicyNames: [] });
      const detach = recordOf('DetachAppPolicyFromIdentity');
      assert.deepEqual([detach.outcome, detach.nonExistPolicyNames, detach.failedPolicyNames], ['succeeded', [], []]);
      const undo = planUndo(detach);
      assert.ok('plan' in undo && undo.plan.action === 'AttachAppPolicyToIdentity');
      assert.deepEqual((undo.plan.target as { policyNames: string[] }).policyNames, ['VODAppFullAccess']);
    });

    it('detach: a name still listed was not detached (FailedPolicyNames), the others were', async () => {
      ctx.em.setFault('DetachAppPolicyFromIdentity', { kind: 'reset-after-action', times: 1 });
      const role = { identityType: 'RamRole', identityName: 'TranscodeRole' } as const;
      const result = await ctx.h.vod().detachAppPolicyFromIdentity(role, ['VODAppAdministratorAccess', 'VODAppReadOnlyAccess']);
      assert.deepEqual([result.nonExistPolicyNames, result.failedPolicyNames], [[], ['VODAppAdministratorAccess']]);
      assert.deepEqual(recordOf('DetachAppPolicyFromIdentity').failedPolicyNames, ['VODAppAdministratorAccess']);
    });

    it('attach: confirmed when every name is listed', async () => {
      ctx.em.setFault('AttachAppPolicyToIdentity', { kind: 'no-answer-after-action', times: 1 });
      const bot = { identityType: 'RamUser', identityName: demoUserId('build-bot') } as const;
      const result = await ctx.h.vod().attachAppPolicyToIdentity(bot, ['VODAppFullAccess'], { timeoutMs: 300 });
      assert.equal(result.confirmedBy?.action, 'ListAppPoliciesForIdentity');
      assert.deepEqual([result.nonExistPolicyNames, result.failedPolicyNames], [[], []]);
      assert.equal(received('AttachAppPolicyToIdentity'), 1);
    });
  });

  describe('the state shows it did not take effect → the write is retried', () => {
    it('unbind: a reset before the action runs; the retry does it', async () => {
      ctx.em.setFault('UnbindOutputBucket', { kind: 'reset', times: 1 });
      const ack = await ctx.h.mps().unbindOutputBucket('media-output-demo');
      assert.equal(ack.confirmedBy, undefined);
      assert.match(ack.requestId, REQUEST_ID);
      assert.deepEqual(ctx.h.records.map((r) => [r.action, r.outcome, r.attempts]), [
        ['ListAllMediaBucket', 'succeeded', 1],
        ['UnbindOutputBucket', 'succeeded', 2],
      ]);
      assert.equal(recordOf('UnbindOutputBucket').requestId, ack.requestId);
      assert.equal(ctx.em.state.isBound('media-output-demo'), false);
    });

    it('detach: an unanswered request before the action; the retry detaches and reports nothing missing', async () => {
      ctx.em.setFault('DetachAppPolicyFromIdentity', { kind: 'no-answer', times: 1 });
      const bot = { identityType: 'RamUser', identityName: demoUserId('build-bot') } as const;
      const result = await ctx.h.vod().detachAppPolicyFromIdentity(bot, ['VODAppReadOnlyAccess'], { timeoutMs: 300 });
      assert.deepEqual([result.nonExistPolicyNames, result.failedPolicyNames, result.confirmedBy], [[], [], undefined]);
      assert.equal(received('DetachAppPolicyFromIdentity'), 2);
      assert.equal(recordOf('DetachAppPolicyFromIdentity').attempts, 2);
    });

    it('the read-back follows every page: a bucket still bound on page 2 means not done', async () => {
      const state = ctx.em.state.toJSON();
      state.mediaBuckets.push(...Array.from({ length: 150 }, (_, i) => ({ bucket: `zz-page-${String(i).padStart(3, '0')}`, type: 'Output' as const })));
      ctx.em.state.replace(state);
      ctx.em.setFault('UnbindOutputBucket', { kind: 'reset', times: 1 });
      // zz-page-149 sorts last, on the second page: a read of page 1 alone would call the unbind done.
      const ack = await ctx.h.mps().unbindOutputBucket('zz-page-149');
      assert.equal(ack.confirmedBy, undefined);
      assert.equal(ctx.h.records.filter((r) => r.action === 'ListAllMediaBucket').length, 2);
      assert.equal(received('UnbindOutputBucket'), 2);
      assert.equal(ctx.em.state.isBound('zz-page-149'), false);
    });

    it('the retry budget still applies: persistent resets fail as network after reading back each time', async () => {
      ctx.em.setFault('UnbindOutputBucket', { kind: 'reset' });
      const err = await rejection(ctx.h.mps({ retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } }).unbindOutputBucket('media-output-demo'));
      assert.ok(err instanceof CloudError && err.kind === 'network');
      assert.deepEqual(ctx.h.records.map((r) => [r.action, r.outcome]), [
        ['ListAllMediaBucket', 'succeeded'],
        ['ListAllMediaBucket', 'succeeded'],
        ['UnbindOutputBucket', 'failed'],
      ]);
    });

    it('an Alibaba error answer is not ambiguous: no read-back', async () => {
      ctx.em.setFault('UnbindOutputBucket', { kind: 'server-error', times: 1 });
      await ctx.h.mps().unbindOutputBucket('media-output-demo');
      assert.deepEqual(ctx.h.records.map((r) => r.action), ['UnbindOutputBucket']);
    });
  });

  describe('the read fails too → OutcomeUnknown with both RequestIds', () => {
    it('unbind: answer lost, listing fails; no further attempt', async () => {
      ctx.em.setFault('UnbindOutputBucket', { kind: 'reset-after-action', times: 1 });
      ctx.em.setFault('ListAllMediaBucket', { kind: 'server-error' });
      const err = await rejection(ctx.h.mps().unbindOutputBucket('media-output-demo'));
      assert.ok(err instanceof CloudError, String(err));
      const list = recordOf('ListAllMediaBucket');
      assert.equal(list.outcome, 'failed');
      assert.match(list.requestId ?? '', REQUEST_ID);
      assert.deepEqual([err.kind, err.code, err.retryable, err.requestId], ['unknown-outcome', 'OutcomeUnknown', false, undefined]);
      assert.deepEqual(err.readBack, { action: 'ListAllMediaBucket', code: 'InternalError', requestId: list.requestId });
      assert.match(err.message, new RegExp(`ListAllMediaBucket RequestId ${list.requestId}`));
      assert.match(err.message, /UnbindOutputBucket RequestId none/);
      assert.equal(received('UnbindOutputBucket'), 1);
      const unbind = recordOf('UnbindOutputBucket');
      assert.deepEqual([unbind.outcome, unbind.error?.kind, unbind.error?.readBack?.requestId], ['unknown', 'unknown-outcome', list.requestId]);
      assert.ok(!('plan' in planUndo(unbind)));
      assert.deepEqual(sanitizeRecord(unbind), unbind, 'the history keeps the unknown outcome and its read-back');
      const line = formatCallRecord(unbind);
      assert.equal(line.level, 'error');
      assert.match(line.text, new RegExp(`outcome unknown.*ListAllMediaBucket RequestId ${list.requestId}`));
    });

    it('detach: the write has a RequestId (a gateway 502) and so does the failed read; both are carried', async () => {
      ctx.em.setFault('DetachAppPolicyFromIdentity', { kind: 'status-without-code', status: 502, times: 1 });
      ctx.em.setFault('ListAppPoliciesForIdentity', { kind: 'server-error', status: 503 });
      const alice = { identityType: 'RamUser', identityName: demoUserId('alice') } as const;
      const err = await rejection(ctx.h.vod().detachAppPolicyFromIdentity(alice, ['VODAppFullAccess']));
      assert.ok(err instanceof CloudError && err.kind === 'unknown-outcome', String(err));
      const writeId = err.requestId ?? '';
      const readId = err.readBack?.requestId ?? '';
      assert.match(writeId, REQUEST_ID);
      assert.match(readId, REQUEST_ID);
      assert.notEqual(writeId, readId);
      assert.ok(err.message.includes(writeId) && err.message.includes(readId));
      const detach = recordOf('DetachAppPolicyFromIdentity');
      assert.deepEqual([detach.outcome, detach.requestId, detach.error?.readBack?.requestId], ['unknown', writeId, readId]);
      const text = formatCallRecord(detach).text;
      assert.ok(text.includes(writeId) && text.includes(readId), text);
      assert.ok(!printable(err).includes('EmulatorDemoSecret'));
    });
  });
});
