// STS GetCallerIdentity and AssumeRole through the official @alicloud/sts20150401 SDK, and the life of an issued
// credential: it signs MPS/VOD/RAM calls with its token until the STS clock passes its Expiration.
import { strict as assert } from 'node:assert';
import { DEMO_ACCOUNT_ID, DEMO_PARTNER_ACCOUNT_ID, demoUserId } from '../emulator/demoState';
import { DEMO_ACCESS_KEY, DEMO_PARTNER_KEY, DEMO_RAM_USER_KEY, startEmulator, type RunningEmulator } from '../emulator/server';
import { assertErrorBody, expectError, mpsClient, post, signedCall, type Key } from './emulator.helpers';
import { MtsModule, RamModule, StsModule, expectSdkError, mtsSdk, ramSdk, stsSdk } from './sdk.helpers';

const STS_HOST = 'sts.aliyuncs.com';
const ROLE = `acs:ram::${DEMO_ACCOUNT_ID}:role/transcoderole`;

describe('emulator STS (official @alicloud/sts20150401 SDK)', () => {
  let em: RunningEmulator;
  beforeEach(async () => {
    em = await startEmulator({ quiet: true, qpsLimits: false });
  });
  afterEach(() => em.close());

  async function assume(o: Partial<{ roleArn: string; roleSessionName: string; durationSeconds: number; externalId: string; policy: string }> = {}, key: Key = DEMO_RAM_USER_KEY) {
    const r = await stsSdk(em, key).assumeRole(new StsModule.AssumeRoleRequest({ roleArn: ROLE, roleSessionName: 'contract-test', ...o }));
    const c = r.body?.credentials;
    assert.ok(c?.accessKeyId && c.accessKeySecret && c.securityToken && c.expiration);
    return { body: r.body!, key: { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken }, expiration: c.expiration };
  }

  it('GetCallerIdentity: account root, RAM user, and another account', async () => {
    const root = (await stsSdk(em).getCallerIdentity()).body;
    assert.deepEqual([root?.accountId, root?.identityType, root?.arn, root?.principalId, root?.userId],
      [DEMO_ACCOUNT_ID, 'Account', `acs:ram::${DEMO_ACCOUNT_ID}:root`, DEMO_ACCOUNT_ID, DEMO_ACCOUNT_ID]);
    const user = (await stsSdk(em, DEMO_RAM_USER_KEY).getCallerIdentity()).body;
    const operator = demoUserId('media-operator');
    assert.deepEqual([user?.accountId, user?.identityType, user?.arn, user?.principalId, user?.userId],
      [DEMO_ACCOUNT_ID, 'RAMUser', `acs:ram::${DEMO_ACCOUNT_ID}:user/media-operator`, operator, operator]);
    const partner = (await stsSdk(em, DEMO_PARTNER_KEY).getCallerIdentity()).body;
    assert.deepEqual([partner?.accountId, partner?.identityType, partner?.userId], [DEMO_PARTNER_ACCOUNT_ID, 'RAMUser', demoUserId('partner-admin')]);
  });

  it('AssumeRole issues an STS. key, a token and an Expiration DurationSeconds ahead (default 3600)', async () => {
    const before = em.sts.now();
    const { body, key, expiration } = await assume();
    assert.ok(key.accessKeyId.startsWith('STS.'), 'STS. prefix');
    const expiresIn = Date.parse(expiration) - before;
    assert.ok(expiresIn > 3598_000 && expiresIn <= 3601_000, `expires in ${expiresIn} ms`);
    assert.match(expiration, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.equal(body.assumedRoleUser?.arn, `${ROLE}/contract-test`);
    assert.match(String(body.assumedRoleUser?.assumedRoleId), /^\d+:contract-test$/);
    const shorter = await assume({ durationSeconds: 900 });
    assert.ok(Date.parse(shorter.expiration) - em.sts.now() <= 900_000);
    const me = (await stsSdk(em, key).getCallerIdentity()).body;
    assert.deepEqual([me?.identityType, me?.accountId, me?.arn, me?.principalId],
      ['AssumedRoleUser', DEMO_ACCOUNT_ID, `${ROLE}/contract-test`, body.assumedRoleUser?.assumedRoleId]);
    assert.match(String(me?.roleId), /^\d+$/);
  });

  it('the issued key signs MPS (v3 SDK and v1 pop-core) until it expires, then InvalidSecurityToken.Expired', async () => {
    const { key, expiration } = await assume({ durationSeconds: 900 });
    const listed = await mtsSdk(em, key).listAllMediaBucket(new MtsModule.ListAllMediaBucketRequest({}));
    assert.ok(listed.body?.mediaBucketList?.mediaBucket?.some((b) => b.bucket === 'media-output-demo'));
    await post(mpsClient(em, key), 'UnbindOutputBucket', { Bucket: 'media-output-archive' });
    assert.ok(!em.state.isBound('media-output-archive'));
    await ramSdk(em, key).getUser(new RamModule.GetUserRequest({ userName: 'alice' }));
    // Up to two seconds before the Expiration the key still works; at the Expiration it does not.
    em.sts.advanceClock(Date.parse(expiration) - em.sts.now() - 2_000);
    await post(mpsClient(em, key), 'ListAllMediaBucket');
    em.sts.advanceClock(2_000);
    await expectError(post(mpsClient(em, key), 'ListAllMediaBucket'), 'InvalidSecurityToken.Expired', 400);
    await expectSdkError(mtsSdk(em, key).bindOutputBucket(new MtsModule.BindOutputBucketRequest({ bucket: 'media-output-archive' })), 'InvalidSecurityToken.Expired', 400);
    assert.ok(!em.state.isBound('media-output-archive'), 'an expired key changes nothing');
    const outcomes = em.requests().filter((r) => r.accessKeyId === key.accessKeyId).map((r) => r.outcome);
    assert.deepEqual(outcomes, ['OK', 'OK', 'OK', 'OK', 'InvalidSecurityToken.Expired', 'InvalidSecurityToken.Expired']);
  });

  it('a wrong, malformed or missing token is refused before the signature is checked', async () => {
    const { key } = await assume();
    const other = await assume({ roleSessionName: 'other-session' });
    await expectError(post(mpsClient(em, { ...key, securityToken: other.key.securityToken }), 'ListAllMediaBucket'), 'InvalidSecurityToken.MismatchWithAccessKey', 400);
    await expectError(post(mpsClient(em, { ...key, securityToken: 'not-a-token' }), 'ListAllMediaBucket'), 'InvalidSecurityToken.Malformed', 400);
    await expectSdkError(mtsSdk(em, { ...key, securityToken: 'not-a-token' }).listAllMediaBucket(new MtsModule.ListAllMediaBucketRequest({})), 'InvalidSecurityToken.Malformed', 400);
    const { securityToken: _omit, ...noToken } = key;
    await expectError(post(mpsClient(em, noToken), 'ListAllMediaBucket'), 'MissingSecurityToken', 400);
    await expectError(post(mpsClient(em, { ...key, accessKeySecret: 'wrong' }), 'ListAllMediaBucket'), 'SignatureDoesNotMatch', 400);
  });

  it('AssumeRole validates RoleArn, RoleSessionName, DurationSeconds, Policy', async () => {
    const sts = stsSdk(em, DEMO_RAM_USER_KEY);
    const call = (o: object) => sts.assumeRole(new StsModule.AssumeRoleRequest({ roleArn: ROLE, roleSessionName: 'ok-name', ...o }));
    await expectSdkError(call({ roleArn: `acs:ram::${DEMO_ACCOUNT_ID}:role/nosuchrole` }), 'EntityNotExist.Role', 404, STS_HOST);
    await expectSdkError(call({ roleArn: `acs:ram::${DEMO_PARTNER_ACCOUNT_ID}:role/transcoderole` }), 'EntityNotExist.Role', 404);
    for (const roleSessionName of ['x', 'y'.repeat(65), 'has space']) await expectSdkError(call({ roleSessionName }), 'InvalidParameter', 400);
    await call({ roleSessionName: 'ab' });
    await call({ roleSessionName: 'z'.repeat(64) });
    await expectSdkError(call({ durationSeconds: 899 }), 'InvalidParameter', 400);
    await expectSdkError(call({ durationSeconds: 3601 }), 'InvalidParameter', 400, STS_HOST); // TranscodeRole's max is 3600
    const long = await sts.assumeRole(new StsModule.AssumeRoleRequest({ roleArn: `acs:ram::${DEMO_ACCOUNT_ID}:role/longsessionrole`, roleSessionName: 'batch', durationSeconds: 43200 }));
    assert.ok(Date.parse(String(long.body?.credentials?.expiration)) - em.sts.now() > 43000_000);
    await call({ policy: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'mts:*', Resource: '*' }] }) });
    await expectSdkError(call({ policy: 'not json' }), 'InvalidParameter', 400);
    await expectSdkError(call({ policy: JSON.stringify({ Version: '1', Statement: [], Pad: 'x'.repeat(2048) }) }), 'InvalidParameter', 400);
  });

  it('AssumeRole refuses account keys, untrusted accounts and a wrong ExternalId (NoPermission, 403)', async () => {
    await expectSdkError(stsSdk(em, DEMO_ACCESS_KEY).assumeRole(new StsModule.AssumeRoleRequest({ roleArn: ROLE, roleSessionName: 'root' })), 'NoPermission', 403);
    await expectSdkError(stsSdk(em, DEMO_PARTNER_KEY).assumeRole(new StsModule.AssumeRoleRequest({ roleArn: ROLE, roleSessionName: 'partner' })), 'NoPermission', 403);
    const partnerRole = `acs:ram::${DEMO_ACCOUNT_ID}:role/partneruploadrole`;
    const partner = (externalId?: string) => stsSdk(em, DEMO_PARTNER_KEY).assumeRole(new StsModule.AssumeRoleRequest({ roleArn: partnerRole, roleSessionName: 'partner', ...(externalId ? { externalId } : {}) }));
    await expectSdkError(partner(), 'NoPermission', 403);
    await expectSdkError(partner('wrong-id'), 'NoPermission', 403);
    const ok = await partner('partner-upload-2024');
    assert.equal(ok.body?.assumedRoleUser?.arn, `${partnerRole}/partner`);
    const asRole = (await stsSdk(em, { accessKeyId: String(ok.body?.credentials?.accessKeyId), accessKeySecret: String(ok.body?.credentials?.accessKeySecret), securityToken: String(ok.body?.credentials?.securityToken) }).getCallerIdentity()).body;
    assert.deepEqual([asRole?.accountId, asRole?.identityType], [DEMO_ACCOUNT_ID, 'AssumedRoleUser'], 'the session belongs to the role\'s account');
  });

  it('AssumeRoleWithOIDC (official SDK, unsigned): a JWT-shaped token and a provider of the role\'s account give a key that signs MPS', async () => {
    // The SDK sends this action anonymously; the key it is built with is never used.
    const sts = stsSdk(em);
    const request = (o: Partial<{ OIDCProviderArn: string; OIDCToken: string; roleArn: string }> = {}) =>
      new StsModule.AssumeRoleWithOIDCRequest({
        OIDCProviderArn: `acs:ram::${DEMO_ACCOUNT_ID}:oidc-provider/ack-rrsa`, OIDCToken: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', roleArn: ROLE, roleSessionName: 'rrsa-pod', ...o,
      });
    const r = (await sts.assumeRoleWithOIDC(request())).body;
    const c = r?.credentials;
    if (!c?.accessKeyId || !c.accessKeySecret || !c.securityToken) throw new Error('AssumeRoleWithOIDC gave no key and token');
    assert.ok(c.accessKeyId.startsWith('STS.'));
    assert.equal(r?.assumedRoleUser?.arn, `${ROLE}/rrsa-pod`);
    const sent = em.requests().at(-1);
    assert.equal(sent?.accessKeyId, undefined, 'no AccessKeyId was sent');
    await mpsClient(em, { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken }).request('ListAllMediaBucket', {}, { method: 'POST' });
    await expectSdkError(sts.assumeRoleWithOIDC(request({ OIDCToken: 'not-a-jwt' })), 'InvalidParameter', 400);
    await expectSdkError(sts.assumeRoleWithOIDC(request({ OIDCProviderArn: `acs:ram::${DEMO_PARTNER_ACCOUNT_ID}:oidc-provider/x` })), 'NoPermission', 403);
    await expectSdkError(sts.assumeRoleWithOIDC(request({ roleArn: `acs:ram::${DEMO_ACCOUNT_ID}:role/nosuchrole` })), 'EntityNotExist.Role', 404);
  });

  it('admin hooks: shorten the lifetime of new credentials, advance the STS clock, reset forgets sessions', async () => {
    const admin = (path: string, body: unknown) => fetch(`${em.url}/__emulator/${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    assert.equal((await admin('sts/lifetime', { seconds: 5 })).status, 200);
    const short = await assume();
    assert.ok(Date.parse(short.expiration) - em.sts.now() <= 5_000, 'the Expiration reflects the shortened lifetime');
    await post(mpsClient(em, short.key), 'ListAllMediaBucket');
    assert.equal((await admin('sts/clock', { advanceMs: 5_000 })).status, 200);
    await expectError(post(mpsClient(em, short.key), 'ListAllMediaBucket'), 'InvalidSecurityToken.Expired', 400);
    assert.equal((await admin('sts/lifetime', { seconds: null })).status, 200);
    assert.ok(Date.parse((await assume()).expiration) - em.sts.now() > 3500_000);
    assert.equal((await admin('sts/clock', { advanceMs: -1 })).status, 400);
    assert.equal((await admin('sts/lifetime', { seconds: 0 })).status, 400);
    const kept = await assume();
    assert.equal((await admin('reset', {})).status, 200);
    await expectError(post(mpsClient(em, kept.key), 'ListAllMediaBucket'), 'InvalidAccessKeyId.NotFound', 404);
  });

  it('signed v1 requests reach STS too: GET GetCallerIdentity, HostId and Recommend of its errors', async () => {
    const r = await signedCall(em, 'GetCallerIdentity', '2015-04-01', {}, { mode: 'query' });
    assert.equal(r.status, 200);
    assert.equal(r.body.IdentityType, 'Account');
    const missing = await signedCall(em, 'AssumeRole', '2015-04-01', { RoleSessionName: 'x1' }, { key: DEMO_RAM_USER_KEY });
    assert.equal(missing.status, 400);
    assertErrorBody(missing.body, 'MissingRoleArn');
    assert.equal(missing.body.HostId, STS_HOST);
    assert.match(String(missing.body.Recommend), /product=Sts/);
  });
});

describe('emulator QPS for RAM and STS actions', () => {
  let em: RunningEmulator;
  const clock = Date.now();
  afterEach(() => em.close());

  it('throttles each new action at its documented default within one window', async function () {
    this.timeout(30000);
    em = await startEmulator({ quiet: true, now: () => clock });
    const limits: [string, string, Record<string, string>, number][] = [
      ['ListUsers', '2015-05-01', {}, 20], ['ListRoles', '2015-05-01', {}, 20],
      ['GetUser', '2015-05-01', { UserName: 'alice' }, 100], ['GetRole', '2015-05-01', { RoleName: 'TranscodeRole' }, 100],
      ['GetCallerIdentity', '2015-04-01', {}, 100],
      ['AssumeRole', '2015-04-01', { RoleArn: ROLE, RoleSessionName: 'qps' }, 20],
    ];
    for (const [action, version, params, limit] of limits) {
      const answers = await Promise.all(Array.from({ length: limit + 1 }, () =>
        signedCall(em, action, version, params, { now: new Date(clock), key: DEMO_RAM_USER_KEY })));
      const codes = answers.map((a) => (a.status === 200 ? 'OK' : String(a.body.Code)));
      assert.deepEqual([codes.filter((c) => c === 'OK').length, codes.filter((c) => c === 'Throttling.User').length], [limit, 1], action);
    }
  });
});
