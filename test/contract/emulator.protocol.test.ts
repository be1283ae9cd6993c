import { strict as assert } from 'node:assert';
import { REQUEST_ID_PATTERN } from '../emulator/requestId';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../emulator/server';
import { sign } from '../emulator/signature';
import {
  MPS_VERSION, VOD_VERSION, assertErrorBody, expectError, mpsClient, post, sendRaw, signedCall, vodClient,
} from './emulator.helpers';

describe('emulator protocol (signature v1, common params, error bodies)', () => {
  let em: RunningEmulator;
  let clock = Date.now();
  const STS = { accessKeyId: 'STS.EmuTemporaryKey01', accessKeySecret: 'sts-secret', securityToken: 'sts-token-value' };

  before(async () => {
    em = await startEmulator({ quiet: true, qpsLimits: false, accessKeys: [DEMO_ACCESS_KEY, STS], now: () => clock });
  });
  after(() => em.close());
  beforeEach(() => {
    clock = Date.now();
  });

  it('accepts a POST form call and answers with an Alibaba RequestId', async () => {
    const r = await post(mpsClient(em), 'ListAllMediaBucket');
    assert.match(String(r.RequestId), REQUEST_ID_PATTERN);
  });

  it('accepts a GET call with everything in the query string', async () => {
    const r = JSON.parse(JSON.stringify(await mpsClient(em).request('ListAllMediaBucket', {}))) as Record<string, unknown>;
    assert.match(String(r.RequestId), REQUEST_ID_PATTERN);
    assert.equal(em.requests().at(-1)?.method, 'GET');
  });

  it('accepts the mixed case: common params in the query, action params in the body', async () => {
    const r = await signedCall(em, 'BindOutputBucket', MPS_VERSION, { Bucket: 'media-output-unbound' }, { mode: 'mixed' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.ok(em.state.isBound('media-output-unbound'));
    const u = await signedCall(em, 'UnbindOutputBucket', MPS_VERSION, { Bucket: 'media-output-unbound' }, { mode: 'query' });
    assert.equal(u.status, 200);
  });

  it('signs values with spaces, * and unicode the same way as pop-core', async () => {
    const r = await signedCall(em, 'ListAppInfo', VOD_VERSION, { ResourceGroupId: 'rg a*~é中' }, { mode: 'query' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const b = await post(vodClient(em), 'ListAppInfo', { ResourceGroupId: 'rg (x)! *' });
    assert.equal(b.Total, 0);
  });

  it('rejects a wrong secret with SignatureDoesNotMatch (400) and the server string to sign', async () => {
    const err = await expectError(post(mpsClient(em, { ...DEMO_ACCESS_KEY, accessKeySecret: 'wrong' }), 'ListAllMediaBucket'), 'SignatureDoesNotMatch', 400);
    assert.match(String(err.data.Message), /server string to sign is:POST&%2F&/);
    assert.equal(err.data.HostId, 'mts.cn-shanghai.aliyuncs.com');
  });

  it('rejects a tampered param after signing', async () => {
    const r = await signedCall(em, 'ListAllMediaBucket', MPS_VERSION, { MaximumPageSize: '5' }, { tamper: (p) => { p.MaximumPageSize = '6'; } });
    assert.equal(r.status, 400);
    assertErrorBody(r.body, 'SignatureDoesNotMatch');
  });

  it('rejects a GET signature replayed as POST', async () => {
    const r = await signedCall(em, 'ListAllMediaBucket', MPS_VERSION, {}, {
      tamper: (p) => { p.Signature = sign('GET', p, DEMO_ACCESS_KEY.accessKeySecret); },
    });
    assertErrorBody(r.body, 'SignatureDoesNotMatch');
  });

  it('rejects an unknown key with InvalidAccessKeyId.NotFound (404)', async () => {
    await expectError(post(mpsClient(em, { accessKeyId: 'LTAInobody', accessKeySecret: 'x' }), 'ListAllMediaBucket'), 'InvalidAccessKeyId.NotFound', 404);
  });

  it('rejects a reused SignatureNonce with SignatureNonceUsed (400)', async () => {
    const nonce = `nonce-${Date.now()}`;
    const first = await signedCall(em, 'ListAllMediaBucket', MPS_VERSION, {}, { nonce });
    assert.equal(first.status, 200);
    const second = await signedCall(em, 'ListAllMediaBucket', MPS_VERSION, { MaximumPageSize: '3' }, { nonce });
    assert.equal(second.status, 400);
    assertErrorBody(second.body, 'SignatureNonceUsed');
  });

  it('does not let a badly signed request burn a nonce', async () => {
    const nonce = `nonce-bad-${Date.now()}`;
    const bad = await signedCall(em, 'ListAllMediaBucket', MPS_VERSION, {}, { nonce, tamper: (p) => { p.Signature = 'AAAA'; } });
    assertErrorBody(bad.body, 'SignatureDoesNotMatch');
    const good = await signedCall(em, 'ListAllMediaBucket', MPS_VERSION, {}, { nonce });
    assert.equal(good.status, 200);
  });

  it('rejects clock skew over 15 minutes with InvalidTimeStamp.Expired, both directions', async () => {
    clock = Date.now() + 16 * 60 * 1000;
    await expectError(post(mpsClient(em), 'ListAllMediaBucket'), 'InvalidTimeStamp.Expired', 400);
    clock = Date.now() - 16 * 60 * 1000;
    await expectError(post(mpsClient(em), 'ListAllMediaBucket'), 'InvalidTimeStamp.Expired', 400);
    clock = Date.now() + 14 * 60 * 1000;
    await post(mpsClient(em), 'ListAllMediaBucket');
  });

  it('rejects a malformed Timestamp with InvalidTimeStamp.Format', async () => {
    for (const ts of ['2024-01-01 00:00:00', 'yesterday', '2024-02-30T00:00:00Z']) {
      const r = await signedCall(em, 'ListAllMediaBucket', MPS_VERSION, {}, {
        tamper: (p) => { p.Timestamp = ts; p.Signature = sign('POST', p, DEMO_ACCESS_KEY.accessKeySecret); },
      });
      assert.equal(r.status, 400, ts);
      assertErrorBody(r.body, 'InvalidTimeStamp.Format');
    }
  });

  it('reports missing common params as Missing<Param> (400)', async () => {
    for (const name of ['SignatureNonce', 'Timestamp', 'AccessKeyId', 'Signature']) {
      const r = await signedCall(em, 'ListAllMediaBucket', MPS_VERSION, {}, { tamper: (p) => { delete p[name]; } });
      assert.equal(r.status, 400, name);
      assertErrorBody(r.body, `Missing${name}`);
    }
    const noAction = await signedCall(em, '', MPS_VERSION, {}, { tamper: (p) => { delete p.Action; } });
    assertErrorBody(noAction.body, 'MissingAction');
    const noVersion = await signedCall(em, 'ListAllMediaBucket', MPS_VERSION, {}, { tamper: (p) => { delete p.Version; } });
    assertErrorBody(noVersion.body, 'MissingVersion');
  });

  it('reports a missing action param as Missing<Param>', async () => {
    await expectError(post(mpsClient(em), 'UnbindOutputBucket'), 'MissingBucket', 400);
    await expectError(post(vodClient(em), 'DetachAppPolicyFromIdentity', { IdentityType: 'RamUser', IdentityName: 'alice' }), 'MissingPolicyNames', 400);
  });

  it('rejects an unknown action with InvalidApi.NotFound (404)', async () => {
    await expectError(post(mpsClient(em), 'DescribeEverything'), 'InvalidApi.NotFound', 404);
  });

  it('rejects a Version of the other product with InvalidVersion (400)', async () => {
    await expectError(post(vodClient(em), 'ListAllMediaBucket'), 'InvalidVersion', 400);
    await expectError(post(mpsClient(em), 'ListAppInfo'), 'InvalidVersion', 400);
  });

  it('rejects SignatureMethod/SignatureVersion other than HMAC-SHA1/1.0', async () => {
    const m = await signedCall(em, 'ListAllMediaBucket', MPS_VERSION, {}, {
      tamper: (p) => { p.SignatureMethod = 'HMAC-SHA256'; p.Signature = sign('POST', p, DEMO_ACCESS_KEY.accessKeySecret); },
    });
    assertErrorBody(m.body, 'InvalidSignatureMethod');
    const v = await signedCall(em, 'ListAllMediaBucket', MPS_VERSION, {}, {
      tamper: (p) => { p.SignatureVersion = '2.0'; p.Signature = sign('POST', p, DEMO_ACCESS_KEY.accessKeySecret); },
    });
    assert.equal(v.status, 400);
    assertErrorBody(v.body, 'InvalidSignatureVersion');
  });

  it('requires the SecurityToken of an STS key and rejects a wrong one', async () => {
    const ok = await post(mpsClient(em, STS), 'ListAllMediaBucket');
    assert.match(String(ok.RequestId), REQUEST_ID_PATTERN);
    await expectError(post(mpsClient(em, { accessKeyId: STS.accessKeyId, accessKeySecret: STS.accessKeySecret }), 'ListAllMediaBucket'), 'MissingSecurityToken', 400);
    await expectError(post(mpsClient(em, { ...STS, securityToken: 'other' }), 'ListAllMediaBucket'), 'InvalidSecurityToken.MismatchWithAccessKey', 400);
  });

  it('sends the RequestId in x-acs-request-id and the body alike', async () => {
    const r = await sendRaw(em, { Action: 'ListAllMediaBucket' }, 'body');
    assert.equal(r.headers.get('x-acs-request-id'), r.body.RequestId);
    assert.match(String(r.body.RequestId), REQUEST_ID_PATTERN);
  });

  it('logs requests without the Signature', async () => {
    await post(mpsClient(em), 'ListAllMediaBucket', { MaximumPageSize: 7 });
    const last = em.requests().at(-1);
    assert.equal(last?.action, 'ListAllMediaBucket');
    assert.equal(last?.params.MaximumPageSize, '7');
    assert.equal(last?.params.Signature, undefined);
    assert.equal(last?.outcome, 'OK');
  });
});
