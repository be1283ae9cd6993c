import { strict as assert } from 'node:assert';
import { CloudError } from '../../../src/cloud/errors';
import { resolveEndpoint, defaultEndpoint, isLoopbackHost } from '../../../src/cloud/endpoints';
import { canOmitAppId, validateIdentity, validateSystemPolicyNames } from '../../../src/cloud/requestValidation';
import {
  assertValid,
  validateAccessKeyId,
  validateAccessKeySecret,
  validateAppId,
  validateBucketName,
  validateCredentials,
  validateEndpoint,
  validateIdentityName,
  validateIdentityType,
  validatePolicyNames,
  validateRegion,
} from '../../../src/cloud/validate';

describe('validate', () => {
  describe('bucket names', () => {
    it('accepts OSS-shaped names', () => {
      for (const name of ['abc', 'my-bucket-01', '0ab', 'a'.repeat(63)]) {
        assert.equal(validateBucketName(name), undefined, name);
      }
    });
    it('says exactly what is wrong', () => {
      assert.match(validateBucketName('')!, /required/);
      assert.match(validateBucketName('ab')!, /3 to 63 characters long \(it has 2\)/);
      assert.match(validateBucketName('a'.repeat(64))!, /it has 64/);
      assert.match(validateBucketName('MyBucket')!, /lowercase/);
      assert.match(validateBucketName('my_bucket')!, /contains "_"/);
      assert.match(validateBucketName('-bucket')!, /start and end/);
      assert.match(validateBucketName('bucket-')!, /start and end/);
      assert.match(validateBucketName(' bucket')!, /spaces/);
      assert.match(validateBucketName(42)!, /required/);
    });
  });

  describe('identities', () => {
    it('knows the two identity types', () => {
      assert.equal(validateIdentityType('RamUser'), undefined);
      assert.equal(validateIdentityType('RamRole'), undefined);
      assert.match(validateIdentityType('ramuser')!, /RamUser or RamRole \(got "ramuser"\)/);
    });
    it('applies user and role name rules', () => {
      assert.equal(validateIdentityName('RamUser', 'alice@example.onaliyun.com'), undefined);
      assert.equal(validateIdentityName('RamUser', '2000000000000001'), undefined);
      assert.equal(validateIdentityName('RamRole', 'media-ops.role'), undefined);
      assert.match(validateIdentityName('RamRole', 'bad@role')!, /RAM role name "bad@role" may contain only/);
      assert.match(validateIdentityName('RamUser', 'has space')!, /RAM user name/);
      assert.match(validateIdentityName('RamUser', 'x'.repeat(65))!, /longer than 64/);
      assert.match(validateIdentityName('RamUser', '')!, /required/);
    });
    it('refuses user names RAM cannot hold: a leading ".", "-" or "@"', () => {
      for (const name of ['.alice', '-alice', '@alice']) {
        assert.match(validateIdentityName('RamUser', name)!, /must not start with/, name);
      }
      assert.equal(validateIdentityName('RamUser', '_svc.deploy-1'), undefined);
      assert.equal(validateIdentityName('RamUser', 'a.b-c@d'), undefined);
    });
    it('validates a whole identity including an optional AppId', () => {
      assert.equal(validateIdentity({ identityType: 'RamUser', identityName: 'alice' }), undefined);
      assert.match(validateIdentity({ identityType: 'RamUser', identityName: 'alice', appId: 'app-x' })!, /AppId "app-x"/);
      assert.match(validateIdentity(null)!, /required/);
    });
    it('checks AppId shape', () => {
      assert.equal(validateAppId('app-1000000'), undefined);
      assert.match(validateAppId('1000000')!, /"app-" followed by digits/);
      assert.match(validateAppId('')!, /required/);
    });
  });

  describe('policy names', () => {
    it('accepts system and custom names', () => {
      assert.equal(validatePolicyNames(['VODAppFullAccess', 'VODAppReadOnlyAccess']), undefined);
      assert.equal(validatePolicyNames(['my-custom.policy_1']), undefined);
    });
    it('rejects empty, duplicate, too many, commas and odd characters', () => {
      assert.match(validatePolicyNames([])!, /At least one/);
      assert.match(validatePolicyNames('VODAppFullAccess')!, /At least one/);
      assert.match(validatePolicyNames(['VODAppFullAccess', 'VODAppFullAccess'])!, /listed twice/);
      assert.match(validatePolicyNames(Array.from({ length: 11 }, (_, i) => `p${i}`))!, /At most 10 .*got 11/);
      assert.match(validatePolicyNames(['a,b'])!, /contains a comma/);
      assert.match(validatePolicyNames(['bad name'])!, /neither a system policy/);
      assert.match(validatePolicyNames([''])!, /must not be empty/);
    });
    it('attach and detach take system policies only, as the API reference says', () => {
      assert.equal(validateSystemPolicyNames(['VODAppFullAccess', 'VODAppReadOnlyAccess', 'VODAppAdministratorAccess']), undefined);
      assert.match(validateSystemPolicyNames(['VODCustomUploadOnly'])!, /"VODCustomUploadOnly" is not a system policy: only system policies are supported/);
      assert.match(validateSystemPolicyNames(['VODAppFullAccess', 'a', 'b'])!, /"a", "b" are not system policies/);
      assert.match(validateSystemPolicyNames([])!, /At least one/);
    });
    it('allows omitting AppId only for VODAppAdministratorAccess alone', () => {
      assert.equal(canOmitAppId(['VODAppAdministratorAccess']), true);
      assert.equal(canOmitAppId(['VODAppAdministratorAccess', 'VODAppFullAccess']), false);
      assert.equal(canOmitAppId(['VODAppFullAccess']), false);
    });
  });

  describe('credentials', () => {
    it('checks AccessKeyId shape', () => {
      assert.equal(validateAccessKeyId('LTAI5tAbCdEfGh12abcd'), undefined);
      assert.equal(validateAccessKeyId('STS.NUabcdefgh12345678'), undefined);
      assert.match(validateAccessKeyId('short')!, /"LTAI" followed by 12 to 30 .*got 5/);
      assert.equal(validateAccessKeyId('LTAI5tEmuDemoKey0000001'), undefined, 'the emulator demo id');
      assert.equal(validateAccessKeyId('LTAI' + 'a'.repeat(12)), undefined);
      assert.equal(validateAccessKeyId('LTAI' + 'a'.repeat(30)), undefined);
      assert.match(validateAccessKeyId('LTAI' + 'a'.repeat(11))!, /12 to 30/);
      assert.match(validateAccessKeyId('LTAI' + 'a'.repeat(31))!, /12 to 30/);
      assert.match(validateAccessKeyId('AKIDabcdefghijklmnop')!, /"LTAI"/, 'another cloud’s id');
      assert.match(validateAccessKeyId('LTAI5tAbCdEf Gh12abcd')!, /spaces/);
      assert.match(validateAccessKeyId('STS.')!, /STS/);
    });
    it('recognizes a pasted secret in the id field and never echoes it', () => {
      const secret = 'Xb7kQ2mN9pR4sT6vW8yZ1aC3dE5fG0';
      assert.equal(secret.length, 30);
      const message = validateAccessKeyId(secret)!;
      assert.match(message, /looks like an AccessKey secret/);
      assert.ok(!message.includes(secret) && !message.includes(secret.slice(-4)));
      assert.ok(validateCredentials({ accessKeyId: secret, accessKeySecret: 's'.repeat(30) }));
    });
    it('checks secret shape without echoing it', () => {
      const secret = 'tooShortSecret';
      const message = validateAccessKeySecret(secret)!;
      assert.match(message, /20 to 64 .*got 14/);
      assert.ok(!message.includes(secret));
      assert.match(validateAccessKeySecret('a'.repeat(30) + '\n')!, /line breaks/);
      assert.equal(validateAccessKeySecret('s'.repeat(30)), undefined);
    });
    it('requires a SecurityToken for STS ids', () => {
      assert.match(validateCredentials({ accessKeyId: 'STS.NUabcdefgh12345678', accessKeySecret: 's'.repeat(30) })!, /SecurityToken/);
      assert.equal(
        validateCredentials({ accessKeyId: 'STS.NUabcdefgh12345678', accessKeySecret: 's'.repeat(30), securityToken: 'CAIStoken' }),
        undefined,
      );
    });
  });

  describe('regions and endpoints', () => {
    it('uses per-product region lists', () => {
      assert.equal(validateRegion('mps', 'cn-hangzhou'), undefined);
      assert.match(validateRegion('vod', 'cn-hangzhou')!, /not a VOD region/);
      assert.match(validateRegion('mps', '')!, /required/);
    });
    it('builds default endpoints', () => {
      assert.equal(defaultEndpoint('mps', 'cn-shanghai'), 'https://mts.cn-shanghai.aliyuncs.com');
      assert.equal(resolveEndpoint('vod', 'eu-central-1'), 'https://vod.eu-central-1.aliyuncs.com');
    });
    it('allows plain http only for loopback', () => {
      assert.equal(validateEndpoint('http://127.0.0.1:8080'), undefined);
      assert.equal(validateEndpoint('http://127.5.6.7'), undefined);
      assert.equal(validateEndpoint('http://localhost:1'), undefined);
      assert.equal(validateEndpoint('http://[::1]:9000/'), undefined);
      assert.match(validateEndpoint('http://mts.cn-shanghai.aliyuncs.com')!, /must use https/);
      assert.match(validateEndpoint('http://128.0.0.1')!, /must use https/);
      assert.match(validateEndpoint('ftp://x')!, /https/);
      assert.match(validateEndpoint('not a url')!, /not a URL/);
      assert.match(validateEndpoint('https://x.com/path')!, /no path/);
      assert.match(validateEndpoint('https://u:p@x.com')!, /user name or password/);
      assert.equal(isLoopbackHost('127.0.0.300'), false);
    });
    it('normalizes an override and throws invalid-input for a bad one', () => {
      assert.equal(resolveEndpoint('mps', 'cn-hangzhou', 'http://127.0.0.1:4000/'), 'http://127.0.0.1:4000');
      assert.throws(
        () => resolveEndpoint('mps', 'cn-hangzhou', 'http://example.com'),
        (e: unknown) => e instanceof CloudError && e.kind === 'invalid-input' && e.code === 'InvalidInput.Endpoint',
      );
    });
  });

  it('assertValid throws CloudError invalid-input with the message', () => {
    assert.doesNotThrow(() => assertValid(undefined));
    assert.throws(
      () => assertValid('Bucket name is required.'),
      (e: unknown) => e instanceof CloudError && e.kind === 'invalid-input' && e.message === 'Bucket name is required.' && !e.retryable,
    );
  });
});
