// MPS input buckets over real HTTP: the emulator's UnbindInputBucket/BindInputBucket (documented params, the same
// error style as the output-bucket actions), and the core client against it — the Referer read before the unbind
// kept with the record, the undo plan that gives it back, a lost answer settled from the listing, and a server that
// answers success for a bucket that was not bound.
import { strict as assert } from 'node:assert';
import { planUndo } from '../../src/history/undoPlan';
import { sanitizeRecord } from '../../src/records/recordSanitizer';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { emulatorPerTest } from './core.helpers';
import { expectError, mpsClient, post } from './emulator.helpers';

interface BucketList { MediaBucketList: { MediaBucket: { Bucket: string; Type: string; Referer: string }[] } }

describe('emulator actions (MPS input buckets)', () => {
  let em: RunningEmulator;
  beforeEach(async () => {
    em = await startEmulator({ quiet: true, qpsLimits: false });
  });
  afterEach(() => em.close());

  const inputs = async () =>
    (await post<BucketList>(mpsClient(em), 'ListAllMediaBucket')).MediaBucketList.MediaBucket.filter((b) => b.Type === 'Input').map((b) => `${b.Bucket} ${b.Referer}`);

  it('unbind → list → bind with Referer and RoleArn → list round-trips', async () => {
    const c = mpsClient(em);
    await post(c, 'UnbindInputBucket', { Bucket: 'media-input-uploads', RoleArn: 'acs:ram::1234567890123456:role/mps' });
    assert.deepEqual(await inputs(), ['media-input-demo ']);
    assert.equal(em.state.isBound('media-input-uploads', 'Output'), false);
    await post(c, 'BindInputBucket', { Bucket: 'media-input-uploads', Referer: 'https://uploads.example.com', RoleArn: 'acs:ram::1234567890123456:role/mps' });
    assert.deepEqual(await inputs(), ['media-input-demo ', 'media-input-uploads https://uploads.example.com']);
  });

  it('answers Bucket.AlreadyBind for a bound input bucket and Bucket.NotBind for one not bound as input', async () => {
    await expectError(post(mpsClient(em), 'BindInputBucket', { Bucket: 'media-input-demo' }), 'Bucket.AlreadyBind', 400);
    const notBound = await expectError(post(mpsClient(em), 'UnbindInputBucket', { Bucket: 'media-output-demo' }), 'Bucket.NotBind', 400);
    assert.match(String(notBound.data.Message), /not bound as an input bucket/);
    assert.ok(em.state.isBound('media-output-demo', 'Output'), 'the output binding of the same name is untouched');
  });

  it('answers success without a change when the state says so (unbindUnbound: "success")', async () => {
    em.state.unbindUnbound = 'success';
    await post(mpsClient(em), 'UnbindInputBucket', { Bucket: 'media-output-demo' });
    assert.ok(em.state.isBound('media-output-demo', 'Output'));
    assert.deepEqual(await inputs(), ['media-input-demo ', 'media-input-uploads https://uploads.example.com']);
  });

  it('requires Bucket and checks its length', async () => {
    await expectError(post(mpsClient(em), 'UnbindInputBucket', {}), 'MissingBucket', 400);
    await expectError(post(mpsClient(em), 'BindInputBucket', { Bucket: 'é'.repeat(33) }), 'InvalidParameter', 400);
  });
});

describe('core: MPS input buckets against the emulator', () => {
  const ctx = emulatorPerTest();
  const recordOf = (action: string) => ctx.h.records.filter((r) => r.action === action).at(-1)!;

  it('keeps the Referer read before the unbind with the record (not sent), and the undo plan gives it back', async () => {
    const mps = ctx.h.mps();
    await mps.unbindInputBucket('media-input-uploads', { referer: 'https://uploads.example.com' });
    assert.equal(ctx.em.state.isBound('media-input-uploads', 'Input'), false);
    const unbind = recordOf('UnbindInputBucket');
    assert.deepEqual(unbind.params, { Bucket: 'media-input-uploads' }, 'only the documented params are sent');
    assert.deepEqual(ctx.em.requests().at(-1)?.params.Referer, undefined);
    assert.deepEqual(unbind.before, { Referer: 'https://uploads.example.com' });
    assert.deepEqual(sanitizeRecord(unbind), unbind, 'the history keeps what the undo needs');

    const decision = planUndo(unbind);
    assert.ok('plan' in decision, JSON.stringify(decision));
    assert.deepEqual([decision.plan.action, decision.plan.target], ['BindInputBucket', { bucket: 'media-input-uploads', referer: 'https://uploads.example.com' }]);

    const target = decision.plan.target as { bucket: string; referer?: string };
    await mps.bindInputBucket(target.bucket, target.referer);
    const listed = (await mps.listAllMediaBuckets()).buckets.find((b) => b.type === 'Input' && b.bucket === 'media-input-uploads');
    assert.deepEqual(listed, { bucket: 'media-input-uploads', type: 'Input', referer: 'https://uploads.example.com' });
    assert.deepEqual(recordOf('BindInputBucket').params, { Bucket: 'media-input-uploads', Referer: 'https://uploads.example.com' });
  });

  it('binds without a Referer when the bucket had none, sending no empty Referer', async () => {
    const mps = ctx.h.mps();
    await mps.unbindInputBucket('media-input-demo', { referer: '' });
    const decision = planUndo(recordOf('UnbindInputBucket'));
    assert.ok('plan' in decision);
    assert.deepEqual(decision.plan.target, { bucket: 'media-input-demo', referer: '' });
    await mps.bindInputBucket('media-input-demo', '');
    assert.deepEqual(recordOf('BindInputBucket').params, { Bucket: 'media-input-demo' });
    assert.ok(ctx.em.state.isBound('media-input-demo', 'Input'));
  });

  it('reports Bucket.NotBind as a CloudError with its RequestId, and copes with a server that answers success instead', async () => {
    const mps = ctx.h.mps();
    await assert.rejects(mps.unbindInputBucket('media-output-demo'), (e: { code?: string; requestId?: string }) => e.code === 'Bucket.NotBind' && /^[0-9A-F-]{36}$/.test(e.requestId ?? ''));
    ctx.em.state.unbindUnbound = 'success';
    const ack = await mps.unbindInputBucket('media-output-demo');
    assert.match(ack.requestId, /^[0-9A-F-]{36}$/);
    assert.equal(recordOf('UnbindInputBucket').outcome, 'succeeded');
    assert.equal(recordOf('UnbindInputBucket').before, undefined, 'no Referer was read: the undo will say it cannot restore one');
  });

  it('settles a lost answer from the listing: an executed unbind is confirmed, not retried into Bucket.NotBind', async () => {
    ctx.em.setFault('UnbindInputBucket', { kind: 'reset-after-action', times: 1 });
    const ack = await ctx.h.mps().unbindInputBucket('media-input-demo', { referer: '' });
    assert.equal(ctx.em.stats().byAction.UnbindInputBucket?.received, 1, 'the write is not sent again');
    assert.equal(ack.confirmedBy?.action, 'ListAllMediaBucket');
    const unbind = recordOf('UnbindInputBucket');
    assert.deepEqual([unbind.outcome, unbind.before], ['succeeded', { Referer: '' }]);
  });

  it('settles a lost bind answer from the listing too', async () => {
    ctx.em.state.unbind('media-input-demo', 'Input');
    ctx.em.setFault('BindInputBucket', { kind: 'no-answer-after-action', times: 1 });
    const ack = await ctx.h.mps().bindInputBucket('media-input-demo', undefined, { timeoutMs: 300 });
    assert.equal(ack.confirmedBy?.action, 'ListAllMediaBucket');
    assert.ok(ctx.em.state.isBound('media-input-demo', 'Input'));
  });

  it('refuses an invalid bucket name before anything is sent', async () => {
    await assert.rejects(ctx.h.mps().unbindInputBucket('Bad_Bucket'), { kind: 'invalid-input' });
    assert.equal(ctx.em.stats().byAction.UnbindInputBucket?.received ?? 0, 0);
  });
});
