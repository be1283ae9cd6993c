import { strict as assert } from 'node:assert';
import { trustedAlibabaUrl } from '../../../src/cloud/trustedLink';

describe('trustedAlibabaUrl', () => {
  it("accepts the Recommend links Alibaba sends, and Alibaba's documentation, API and console pages", () => {
    const recommend = 'https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=Mts&requestId=4AEA0480-32F4-1656-92B3-F4D4CDE6BBB3';
    assert.equal(trustedAlibabaUrl(recommend), recommend);
    for (const url of [
      'https://next.api.aliyun.com/troubleshoot?q=Throttling.User',
      'https://api.alibabacloud.com/troubleshoot?q=Forbidden.RAM',
      'https://next.api.alibabacloud.com/troubleshoot?q=Forbidden.RAM',
      'https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-detachapppolicyfromidentity',
      'https://www.alibabacloud.com/help/en/',
      'https://www.alibabacloud.com/help',
      'https://ram.console.aliyun.com/users/detail?userId=216959339000001',
      'https://vod.console.alibabacloud.com/#/overview',
      'https://API.ALIYUN.COM/troubleshoot',
    ]) {
      assert.ok(trustedAlibabaUrl(url), url);
    }
  });

  it("refuses other hosts of Alibaba's domains: OSS buckets, API endpoints, community and blog pages", () => {
    for (const url of [
      // Customer content: an OSS bucket serves whatever its owner uploaded.
      'https://media-output-demo.oss-cn-shanghai.aliyuncs.com/troubleshoot.html',
      'https://oss-cn-shanghai.aliyuncs.com/bucket/page.html',
      'https://mts.cn-shanghai.aliyuncs.com/',
      'https://aliyuncs.com/',
      'https://aliyun.com/',
      'https://www.aliyun.com/',
      'https://developer.aliyun.com/article/1',
      'https://alibabacloud.com/',
      'https://www.alibabacloud.com/blog/someone-wrote-this',
      'https://www.alibabacloud.com/helpdesk',
      'https://www.alibabacloud.com/help/../blog/x',
      'https://www.alibabacloud.com/help/%2e%2e/blog/x',
      'https://www.alibabacloud.com/help%2F..%2Fblog',
      'https://www.alibabacloud.com/help/..%2fblog',
      'https://console.aliyun.com/',
      'https://a.b.console.aliyun.com/',
      'https://evil.io/?next=https://api.aliyun.com/',
    ]) {
      assert.equal(trustedAlibabaUrl(url), undefined, url);
    }
  });

  it('rejects look-alike hosts', () => {
    for (const url of [
      'https://api.aliyun.com.evil.io/troubleshoot',
      'https://evilapi.aliyun.com/',
      'https://api.aliyun.co/',
      'https://help.aliyun.com.cn/',
      'https://ram.console.aliyun.com.attacker.net/',
      'https://api.aliyun.com./',
      'https://xn--api-aliyun-9ua.com/',
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
      'javascript:alert(1)//api.aliyun.com',
      'data:text/html,https://api.aliyun.com',
      'ftp://api.aliyun.com/',
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
    for (const value of [undefined, null, 42, {}, ['https://api.aliyun.com/']]) assert.equal(trustedAlibabaUrl(value), undefined);
  });
});
