// The official MPS SDK (v4, @alicloud/openapi-core) signs with ACS3-HMAC-SHA256 in an Authorization header, not
// with signature v1; the emulator must verify that too.
import { strict as assert } from 'node:assert';
import * as OpenApi from '@alicloud/openapi-core';
import * as MtsModule from '@alicloud/mts20140618';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../emulator/server';

type MtsClient = InstanceType<typeof MtsModule.default>;

function sdkClient(em: RunningEmulator, key: { accessKeyId: string; accessKeySecret: string; securityToken?: string } = DEMO_ACCESS_KEY): MtsClient {
  const config = new OpenApi.$OpenApiUtil.Config({ ...key, endpoint: `127.0.0.1:${em.port}`, protocol: 'http', regionId: 'cn-shanghai' });
  return new MtsModule.default(config);
}

describe('emulator with the official @alicloud/mts20140618 SDK (signature v3)', () => {
  let em: RunningEmulator;
  const STS = { accessKeyId: 'STS.SdkKey01', accessKeySecret: 'sdk-sts-secret', securityToken: 'sdk-token' };
  beforeEach(async () => {
    em = await startEmulator({ quiet: true, accessKeys: [DEMO_ACCESS_KEY, STS] });
  });
  afterEach(() => em.close());

  it('bind → list → unbind → list succeed', async () => {
    const c = sdkClient(em);
    const bound = await c.bindOutputBucket(new MtsModule.BindOutputBucketRequest({ bucket: 'media-output-unbound' }));
    assert.equal(bound.statusCode, 200);
    assert.match(String(bound.body?.requestId), /^[0-9A-F-]{36}$/);
    const listed = await c.listAllMediaBucket(new MtsModule.ListAllMediaBucketRequest({ maximumPageSize: 100 }));
    assert.ok(listed.body?.mediaBucketList?.mediaBucket?.some((b) => b.bucket === 'media-output-unbound' && b.type === 'Output'));
    await c.unbindOutputBucket(new MtsModule.UnbindOutputBucketRequest({ bucket: 'media-output-unbound' }));
    const after = await c.listAllMediaBucket(new MtsModule.ListAllMediaBucketRequest({}));
    assert.ok(!after.body?.mediaBucketList?.mediaBucket?.some((b) => b.bucket === 'media-output-unbound'));
    assert.ok(em.requests().every((r) => r.signatureVersion === 'v3'));
  });

  it('follows NextPageToken through the SDK', async () => {
    const c = sdkClient(em);
    const p1 = await c.listAllMediaBucket(new MtsModule.ListAllMediaBucketRequest({ maximumPageSize: 3 }));
    assert.equal(p1.body?.mediaBucketList?.mediaBucket?.length, 3);
    const p2 = await c.listAllMediaBucket(new MtsModule.ListAllMediaBucketRequest({ maximumPageSize: 3, nextPageToken: p1.body?.nextPageToken }));
    assert.equal(p2.body?.mediaBucketList?.mediaBucket?.length, 2);
    assert.equal(p2.body?.nextPageToken, undefined);
  });

  it('rejects a wrong secret with SignatureDoesNotMatch and returns Alibaba error codes', async () => {
    const bad = sdkClient(em, { ...DEMO_ACCESS_KEY, accessKeySecret: 'nope' });
    await assert.rejects(bad.unbindOutputBucket(new MtsModule.UnbindOutputBucketRequest({ bucket: 'media-output-demo' })),
      (e: { code?: string; statusCode?: number }) => e.code === 'SignatureDoesNotMatch' && e.statusCode === 400);
    assert.ok(em.state.isBound('media-output-demo'));
    await assert.rejects(sdkClient(em).bindOutputBucket(new MtsModule.BindOutputBucketRequest({ bucket: 'media-output-demo' })),
      (e: { code?: string }) => e.code === 'Bucket.AlreadyBind');
  });

  it('verifies STS tokens sent as x-acs-security-token', async () => {
    await sdkClient(em, STS).listAllMediaBucket(new MtsModule.ListAllMediaBucketRequest({}));
    await assert.rejects(sdkClient(em, { ...STS, securityToken: 'forged' }).listAllMediaBucket(new MtsModule.ListAllMediaBucketRequest({})),
      (e: { code?: string }) => e.code === 'InvalidSecurityToken.MismatchWithAccessKey');
  });
});
