import { strict as assert } from 'node:assert';
import { inspect } from 'node:util';
import { CloudError } from '../../../src/cloud/errors';
import { MpsClient } from '../../../src/cloud/mps';
import { RateLimiterRegistry } from '../../../src/cloud/rateLimiter';
import { closeIdleConnections, forgetCachedClients } from '../../../src/cloud/rpc';
import type { CallRecord, CredentialProvider } from '../../../src/cloud/types';
import { VodClient } from '../../../src/cloud/vod';
import type { ClientOptions } from '../../../src/cloud/clientOptions';
import { json, StubServer } from './stubServer';

const KEY = { accessKeyId: 'LTAI5tUnitTestKey001', accessKeySecret: 'UnitTestSecretValue0123456789' };
const credentials: CredentialProvider = { getCredentials: async () => KEY };

describe('clients over a stub server', () => {
  let stub: StubServer;
  let records: CallRecord[];
  let retries: number[];

  const options = (extra: Partial<ClientOptions> = {}): ClientOptions => ({
    region: 'cn-shanghai',
    endpoint: stub.url,
    credentials,
    profile: 'unit',
    observer: {
      onCall: (r) => {
        records.push(r);
        throw new Error('observer bugs are swallowed');
      },
      onRetry: (info) => retries.push(info.attempt),
    },
    retry: { sleep: async () => undefined, random: () => 0 },
    limiters: new RateLimiterRegistry({ qpsFor: () => 1_000_000 }),
    ...extra,
  });

  beforeEach(async () => {
    stub = await StubServer.start();
    records = [];
    retries = [];
  });
  afterEach(async () => {
    closeIdleConnections();
    await stub.close();
  });

  it('forgetCachedClients closes the idle keep-alive socket, and the next call signs with the key it is given then', async () => {
    stub.script(json(200, { RequestId: 'REQ-A' }), json(200, { RequestId: 'REQ-B' }));
    let key = KEY;
    const mps = new MpsClient(options({ credentials: { getCredentials: async () => key } }));
    await mps.unbindOutputBucket('out-bucket-1');
    assert.equal(stub.openConnections, 1, 'the keep-alive socket stays open after the call');
    forgetCachedClients();
    for (let i = 0; i < 50 && stub.openConnections > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(stub.openConnections, 0, 'the cached client let go of its socket');
    key = { accessKeyId: 'LTAI5tUnitTestKey002', accessKeySecret: 'UnitTestSecretValue9876543210' };
    await mps.unbindOutputBucket('out-bucket-2');
    assert.equal(stub.seen[1]?.params.get('AccessKeyId'), 'LTAI5tUnitTestKey002');
  });

  it('sends a signed POST with only the action params and records one call', async () => {
    stub.script(json(200, { RequestId: 'REQ-1' }));
    const mps = new MpsClient(options());
    assert.equal(mps.endpoint, stub.url);
    const result = await mps.unbindOutputBucket('out-bucket-1');
    assert.deepEqual(result, { requestId: 'REQ-1' });
    const sent = stub.seen[0]!;
    assert.equal(sent.method, 'POST');
    assert.equal(sent.params.get('Action'), 'UnbindOutputBucket');
    assert.equal(sent.params.get('Bucket'), 'out-bucket-1');
    assert.equal(sent.params.get('Version'), '2014-06-18');
    assert.ok(sent.params.get('Signature'));
    assert.equal(records.length, 1);
    const r = records[0]!;
    assert.deepEqual(
      [r.outcome, r.action, r.product, r.target, r.attempts, r.requestId, r.maskedAccessKeyId, r.profile, r.region],
      ['succeeded', 'UnbindOutputBucket', 'mps', 'out-bucket-1', 1, 'REQ-1', 'LTAI****y001', 'unit', 'cn-shanghai'],
    );
    assert.deepEqual(r.params, { Bucket: 'out-bucket-1' });
  });

  it('refuses bad input without sending and records attempts 0', async () => {
    const mps = new MpsClient(options());
    await assert.rejects(mps.bindOutputBucket('Bad_Bucket'), (e: unknown) => e instanceof CloudError && e.kind === 'invalid-input');
    assert.equal(stub.seen.length, 0);
    assert.deepEqual([records[0]!.attempts, records[0]!.outcome, records[0]!.error?.kind], [0, 'failed', 'invalid-input']);
  });

  it('refuses malformed credentials before sending', async () => {
    const mps = new MpsClient(options({ credentials: { getCredentials: async () => ({ accessKeyId: 'x', accessKeySecret: 'y' }) } }));
    await assert.rejects(mps.unbindOutputBucket('abc'), (e: unknown) => e instanceof CloudError && e.kind === 'invalid-input');
    assert.equal(stub.seen.length, 0);
  });

  it('turns a resolved HTTP error status without Code into a CloudError', async () => {
    stub.script(json(404, { RequestId: 'REQ-404', Message: 'no such route' }));
    const mps = new MpsClient(options());
    await assert.rejects(mps.unbindOutputBucket('abc'), (e: unknown) =>
      e instanceof CloudError && e.kind === 'not-found' && e.httpStatus === 404 && e.requestId === 'REQ-404');
    assert.equal(records[0]!.requestId, 'REQ-404');
  });

  it('treats a success body without RequestId as bad-response', async () => {
    // A read: after a write, this answer is ambiguous and triggers a read-back (contract tests cover that).
    stub.script(json(200, { Hello: 'world' }));
    await assert.rejects(new MpsClient(options()).listAllMediaBuckets(), (e: unknown) => e instanceof CloudError && e.kind === 'bad-response');
  });

  it('retries a 503 then succeeds, reporting retries and attempts', async () => {
    stub.script(json(503, { Code: 'ServiceUnavailable', Message: 'busy', RequestId: 'A' }), json(200, { RequestId: 'B' }));
    const result = await new MpsClient(options()).bindOutputBucket('abc');
    assert.equal(result.requestId, 'B');
    assert.deepEqual(retries, [1]);
    assert.deepEqual([records.length, records[0]!.attempts], [1, 2]);
    assert.notEqual(stub.seen[0]!.params.get('SignatureNonce'), stub.seen[1]!.params.get('SignatureNonce'));
  });

  it('surfaces an HTML gateway page as bad-response after retries', async () => {
    const html = (_req: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><title>502 Bad Gateway</title></html>');
    };
    stub.script(html, html);
    await assert.rejects(new MpsClient(options({ retry: { maxAttempts: 2, sleep: async () => undefined } })).listAllMediaBuckets(), (e: unknown) =>
      e instanceof CloudError && e.kind === 'bad-response' && e.httpStatus === 502);
    assert.equal(stub.seen.length, 2);
  });

  it('times out with kind timeout using the per-call timeout', async () => {
    stub.script(() => undefined, () => undefined);
    const mps = new MpsClient(options({ retry: { maxAttempts: 2, sleep: async () => undefined } }));
    await assert.rejects(mps.listAllMediaBuckets({ timeoutMs: 50 }), (e: unknown) => e instanceof CloudError && e.kind === 'timeout');
    assert.equal(records[0]!.attempts, 2);
  });

  it('cancels a read in flight at once (a write in flight is awaited: test/contract/core.errors.test.ts)', async () => {
    stub.script(() => undefined);
    const controller = new AbortController();
    const call = new MpsClient(options()).listAllMediaBuckets({ signal: controller.signal, timeoutMs: 5000 });
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    await assert.rejects(call, (e: unknown) => e instanceof CloudError && e.kind === 'cancelled');
    assert.ok(Date.now() - started < 1000);
    assert.equal(records[0]!.outcome, 'cancelled');
    assert.match(records[0]!.error!.message, /its answer was not waited for/);
  });

  it('follows NextPageToken to the end, one record per page', async () => {
    stub.script(
      json(200, { RequestId: 'P1', NextPageToken: 't2', MediaBucketList: { MediaBucket: [{ Bucket: 'in-1', Type: 'Input' }] } }),
      json(200, { RequestId: 'P2', NextPageToken: '', MediaBucketList: { MediaBucket: [{ Bucket: 'out-1', Type: 'Output', Referer: 'r' }] } }),
    );
    const list = await new MpsClient(options()).listAllMediaBuckets();
    assert.deepEqual(list, { requestId: 'P1', buckets: [{ bucket: 'in-1', type: 'Input' }, { bucket: 'out-1', type: 'Output', referer: 'r' }] });
    assert.equal(stub.seen[0]!.params.get('MaximumPageSize'), '100');
    assert.equal(stub.seen[0]!.params.has('NextPageToken'), false, 'undefined params are not sent');
    assert.equal(stub.seen[1]!.params.get('NextPageToken'), 't2');
    assert.equal(records.length, 2);
  });

  it('detaches policies, parsing wrapped NonExist names into the result and record', async () => {
    stub.script(json(200, { RequestId: 'D1', NonExistPolicyNames: { PolicyName: ['VODAppReadOnlyAccess'] }, FailedPolicyNames: '' }));
    const vod = new VodClient(options());
    const result = await vod.detachAppPolicyFromIdentity({ identityType: 'RamUser', identityName: 'alice' }, ['VODAppFullAccess', 'VODAppReadOnlyAccess']);
    assert.deepEqual(result, { requestId: 'D1', nonExistPolicyNames: ['VODAppReadOnlyAccess'], failedPolicyNames: [] });
    const sent = stub.seen[0]!.params;
    assert.deepEqual([sent.get('AppId'), sent.get('PolicyNames'), sent.get('Version')], ['app-1000000', 'VODAppFullAccess,VODAppReadOnlyAccess', '2017-03-21']);
    assert.deepEqual(records[0]!.nonExistPolicyNames, ['VODAppReadOnlyAccess']);
    assert.equal(records[0]!.target, 'RamUser alice in app-1000000');
  });

  it('omits AppId only for VODAppAdministratorAccess alone', async () => {
    stub.script(json(200, { RequestId: 'A1' }), json(200, { RequestId: 'A2' }));
    const vod = new VodClient(options());
    await vod.attachAppPolicyToIdentity({ identityType: 'RamRole', identityName: 'ops' }, ['VODAppAdministratorAccess']);
    await vod.attachAppPolicyToIdentity({ identityType: 'RamRole', identityName: 'ops', appId: 'app-42' }, ['VODAppAdministratorAccess']);
    assert.equal(stub.seen[0]!.params.has('AppId'), false);
    assert.equal(stub.seen[1]!.params.get('AppId'), 'app-42');
  });

  it('lists app policies and every page of apps', async () => {
    const apps = Array.from({ length: 100 }, (_, i) => ({ AppId: `app-${i}`, AppName: `n${i}` }));
    stub.script(
      json(200, { RequestId: 'L1', AppPolicyList: [{ AppId: 'app-1000000', PolicyName: 'VODAppFullAccess', PolicyType: 'System' }] }),
      json(200, { RequestId: 'I1', Total: 101, AppInfoList: apps }),
      json(200, { RequestId: 'I2', Total: 101, AppInfoList: { AppInfo: [{ AppId: 'app-100', AppName: 'last', Status: 'Normal' }] } }),
    );
    const vod = new VodClient(options());
    const policies = await vod.listAppPoliciesForIdentity({ identityType: 'RamUser', identityName: 'bob' });
    assert.deepEqual(policies.policies, [{ appId: 'app-1000000', policyName: 'VODAppFullAccess', policyType: 'System' }]);
    const list = await vod.listAppInfo({ status: 'Normal' });
    assert.deepEqual([list.total, list.apps.length, list.requestId, list.apps[100]!.status], [101, 101, 'I1', 'Normal']);
    assert.deepEqual([stub.seen[2]!.params.get('PageNo'), stub.seen[2]!.params.get('PageSize'), stub.seen[2]!.params.get('Status')], ['2', '100', 'Normal']);
  });

  it('keeps the secret out of every printable form of an auth error', async () => {
    stub.script(json(400, { Code: 'SignatureDoesNotMatch', Message: `string to sign AccessKeyId%3D${KEY.accessKeyId}`, RequestId: 'S1' }));
    const err = (await new MpsClient(options()).unbindOutputBucket('abc').then(
      () => assert.fail('expected an auth error'),
      (e: unknown) => e,
    )) as CloudError;
    const text = [err.message, err.stack, String(err), JSON.stringify(err), inspect(err, { showHidden: true, depth: 10 }), JSON.stringify(records)].join('\n');
    assert.ok(!text.includes(KEY.accessKeySecret));
    assert.ok(!text.includes(KEY.accessKeyId));
    assert.ok(!text.includes(stub.seen[0]!.params.get('Signature')!));
    assert.equal(err.kind, 'auth');
  });

  it('rejects a bad region or endpoint at construction', () => {
    assert.throws(() => new MpsClient({ region: 'mars-1', credentials }), (e: unknown) => e instanceof CloudError && e.kind === 'invalid-input');
    assert.throws(() => new VodClient({ region: 'cn-hangzhou', credentials }), /not a VOD region/);
    assert.throws(() => new VodClient({ region: 'cn-shanghai', endpoint: 'http://vod.example.com', credentials }), /https/);
  });
});
