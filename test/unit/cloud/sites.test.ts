import { strict as assert } from 'node:assert';
import { SITES, consoleOrigin, documentationUrl, isSite, siteOfCliProfile, troubleshootingUrlFor } from '../../../src/cloud/sites';
import { trustedAlibabaUrl } from '../../../src/cloud/trustedLink';

describe('sites', () => {
  it('knows exactly the two sites', () => {
    assert.deepEqual([...SITES], ['china', 'international']);
    assert.ok(isSite('international'));
    assert.ok(!isSite('International'));
    assert.ok(!isSite('intl'));
    assert.ok(!isSite(undefined));
  });

  it('puts each site on its own console domain', () => {
    assert.equal(consoleOrigin('china', 'ram'), 'https://ram.console.aliyun.com');
    assert.equal(consoleOrigin('international', 'vod'), 'https://vod.console.alibabacloud.com');
  });

  it('links documentation on each site, every link one the extension would open', () => {
    assert.equal(documentationUrl('china', 'ram'), 'https://help.aliyun.com/zh/ram/');
    assert.equal(documentationUrl('international', 'mps'), 'https://www.alibabacloud.com/help/en/mps/');
    for (const site of SITES) {
      for (const topic of ['mps', 'vod', 'ram', 'accessKey'] as const) {
        const url = documentationUrl(site, topic);
        assert.equal(trustedAlibabaUrl(url), url, url);
      }
    }
  });

  describe('troubleshootingUrlFor', () => {
    const china = 'https://api.aliyun.com/troubleshoot?q=Forbidden.RAM&product=Vod&requestId=0A1B2C3D';
    it("moves the China site's Troubleshoot page to the international API Explorer, query and all", () => {
      assert.equal(troubleshootingUrlFor('international', china), 'https://api.alibabacloud.com/troubleshoot?q=Forbidden.RAM&product=Vod&requestId=0A1B2C3D');
      assert.equal(troubleshootingUrlFor('international', 'https://next.api.aliyun.com/troubleshoot?q=x'), 'https://next.api.alibabacloud.com/troubleshoot?q=x');
    });

    it('moves an international link to the China site for a China profile', () => {
      assert.equal(troubleshootingUrlFor('china', 'https://api.alibabacloud.com/troubleshoot?q=x'), 'https://api.aliyun.com/troubleshoot?q=x');
    });

    it('leaves a link already on the site, and anything else, as it is', () => {
      assert.equal(troubleshootingUrlFor('china', china), china);
      for (const other of ['https://api.aliyun.com.evil.io/troubleshoot', 'https://evil.io/https://api.aliyun.com/', 'http://api.aliyun.com/troubleshoot']) {
        assert.equal(troubleshootingUrlFor('international', other), other);
      }
    });

    it('never turns an untrusted link into a trusted one', () => {
      for (const link of ['https://api.aliyun.com@evil.io/x', 'https://api.aliyun.com:8443/troubleshoot', 'https://api.aliyun.com/\\evil']) {
        assert.equal(trustedAlibabaUrl(troubleshootingUrlFor('international', link)), undefined, link);
      }
    });
  });

  describe('siteOfCliProfile', () => {
    it("reads an OAuth profile's oauth_site_type", () => {
      assert.equal(siteOfCliProfile({ mode: 'OAuth', oauth_site_type: 'INTL' }), 'international');
      assert.equal(siteOfCliProfile({ mode: 'OAuth', oauth_site_type: 'intl' }), 'international');
      assert.equal(siteOfCliProfile({ mode: 'OAuth', oauth_site_type: 'CN' }), 'china');
    });

    it('says nothing where the file says nothing (keys and regions are shared by both sites)', () => {
      assert.equal(siteOfCliProfile({ mode: 'AK', region_id: 'ap-southeast-1' }), undefined);
      assert.equal(siteOfCliProfile({ mode: 'OAuth', oauth_site_type: 'EU' }), undefined);
      assert.equal(siteOfCliProfile({ mode: 'CloudSSO', cloud_sso_sign_in_url: 'https://signin-ap-southeast-1.alibabacloudsso.com/d/login' }), undefined);
    });
  });
});
