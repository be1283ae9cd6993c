import { strict as assert } from 'node:assert';
import { isAlibabaHost, trustedAlibabaUrl } from '../../../src/cloud/trustedLink';

describe('trustedAlibabaUrl', () => {
  it('accepts the Recommend links Alibaba sends, and https links on its domains and their subdomains', () => {
    const recommend = 'https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=Mts&requestId=4AEA0480-32F4-1656-92B3-F4D4CDE6BBB3';
    assert.equal(trustedAlibabaUrl(recommend), recommend);
    for (const url of [
      'https://next.api.aliyun.com/troubleshoot?q=Throttling.User',
      'https://aliyun.com/',
      'https://ram.console.aliyun.com/users/detail?userId=216959339000001',
      'https://www.alibabacloud.com/help/en/',
      'https://alibabacloud.com/',
      'https://mts.cn-shanghai.aliyuncs.com/',
      'https://API.ALIYUN.COM/troubleshoot',
    ]) {
      assert.ok(trustedAlibabaUrl(url), url);
    }
  });

  it('rejects look-alike hosts', () => {
    for (const url of [
      'https://aliyun.com.evil.io/troubleshoot',
      'https://evilaliyun.com/',
      'https://api.aliyun.co/',
      'https://aliyuncs.com.attacker.net/',
      'https://alibabacloud.com.cn/',
      'https://aliyun.com./',
      'https://xn--aliyun-9ua.com/',
      'https://[::1]/',
      'https://127.0.0.1/',
    ]) {
      assert.equal(trustedAlibabaUrl(url), undefined, url);
    }
  });

  it('rejects userinfo tricks, ports, other schemes and text that is not one clean URL', () => {
    for (const text of [
      'https://api.aliyun.com@evil.io/',
      'https://user:pass@api.aliyun.com/',
      'https://evil.io\\@api.aliyun.com/',
      'https://evil.io#@api.aliyun.com/',
      'https://api.aliyun.com:8443/',
      'http://api.aliyun.com/troubleshoot',
      'javascript:alert(1)//aliyun.com',
      'data:text/html,https://aliyun.com',
      'ftp://aliyun.com/',
      '//api.aliyun.com/',
      'api.aliyun.com/troubleshoot',
      ' https://api.aliyun.com/',
      'https://api.aliyun.com/\n',
      'https://api.ali\tyun.com/',
      'https://api.aliyun.com/a b',
      `https://api.aliyun.com/${'x'.repeat(2100)}`,
      "Configure the user's UserId (digits, from the RAM console) as identityName in alicloudMedia.profiles.",
      '',
    ]) {
      assert.equal(trustedAlibabaUrl(text), undefined, JSON.stringify(text));
    }
  });

  it('rejects what is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['https://aliyun.com/']]) assert.equal(trustedAlibabaUrl(value), undefined);
  });
});

describe('isAlibabaHost', () => {
  it('matches a domain and its subdomains, nothing that merely contains it', () => {
    assert.equal(isAlibabaHost('aliyun.com'), true);
    assert.equal(isAlibabaHost('a.b.aliyuncs.com'), true);
    assert.equal(isAlibabaHost('notaliyun.com'), false);
    assert.equal(isAlibabaHost('aliyun.com.evil.io'), false);
  });
});
