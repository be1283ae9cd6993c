import { strict as assert } from 'node:assert';
import { consoleUrl, identityConsolePage } from '../../../src/cloud/consoleLinks';
import { trustedAlibabaUrl } from '../../../src/cloud/trustedLink';

describe('consoleUrl', () => {
  it('builds the RAM user page from the UserId and the role page from the role name', () => {
    assert.equal(consoleUrl({ page: 'ramUser', userId: '216959339000001' }, 'china'), 'https://ram.console.aliyun.com/users/detail?userId=216959339000001');
    assert.equal(consoleUrl({ page: 'ramRole', roleName: 'transcoder' }, 'china'), 'https://ram.console.aliyun.com/roles/detail?roleName=transcoder');
  });

  it('puts the region into the MPS and VOD pages, before the VOD fragment', () => {
    assert.equal(consoleUrl({ page: 'mps', region: 'cn-shanghai' }, 'china'), 'https://mps.console.aliyun.com/overview?regionId=cn-shanghai');
    assert.equal(consoleUrl({ page: 'vod', region: 'ap-southeast-1' }, 'china'), 'https://vod.console.aliyun.com/?regionId=ap-southeast-1#/overview');
  });

  it('encodes role names and refuses what is not a UserId or a region', () => {
    assert.equal(consoleUrl({ page: 'ramRole', roleName: 'a&b=c' }, 'china'), 'https://ram.console.aliyun.com/roles/detail?roleName=a%26b%3Dc');
    assert.throws(() => consoleUrl({ page: 'ramUser', userId: 'alice' }, 'china'), /not a RAM UserId/);
    assert.throws(() => consoleUrl({ page: 'mps', region: 'cn-shanghai&x=1' }, 'china'), /not a region/);
    assert.throws(() => consoleUrl({ page: 'ramRole', roleName: '' }, 'china'), /required/);
  });

  it('only builds links the extension would open', () => {
    for (const url of [
      consoleUrl({ page: 'mps', region: 'eu-central-1' }, 'china'),
      consoleUrl({ page: 'vod', region: 'cn-beijing' }, 'china'),
      consoleUrl({ page: 'ramUser', userId: '2037164829300001' }, 'china'),
      consoleUrl({ page: 'ramRole', roleName: 'AliyunMTSDefaultRole' }, 'china'),
    ]) {
      assert.equal(trustedAlibabaUrl(url), url);
    }
  });
});

describe('consoleUrl on the international site', () => {
  it('opens the same pages under console.alibabacloud.com', () => {
    assert.equal(consoleUrl({ page: 'ramUser', userId: '216959339000001' }, 'international'), 'https://ram.console.alibabacloud.com/users/detail?userId=216959339000001');
    assert.equal(consoleUrl({ page: 'ramRole', roleName: 'transcoder' }, 'international'), 'https://ram.console.alibabacloud.com/roles/detail?roleName=transcoder');
    assert.equal(consoleUrl({ page: 'mps', region: 'ap-southeast-1' }, 'international'), 'https://mps.console.alibabacloud.com/overview?regionId=ap-southeast-1');
    assert.equal(consoleUrl({ page: 'vod', region: 'eu-central-1' }, 'international'), 'https://vod.console.alibabacloud.com/?regionId=eu-central-1#/overview');
  });

  it('only builds links the extension would open', () => {
    for (const page of [{ page: 'mps', region: 'eu-central-1' }, { page: 'ramRole', roleName: 'AliyunMTSDefaultRole' }] as const) {
      const url = consoleUrl(page, 'international');
      assert.equal(trustedAlibabaUrl(url), url);
    }
  });
});

describe('identityConsolePage', () => {
  it('names a user by its UserId and a role by its name, as VOD does', () => {
    assert.deepEqual(identityConsolePage('RamUser', '2037164829300001'), { page: 'ramUser', userId: '2037164829300001' });
    assert.deepEqual(identityConsolePage('RamRole', 'transcoder'), { page: 'ramRole', roleName: 'transcoder' });
  });
});
