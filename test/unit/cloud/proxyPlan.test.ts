// Which way a call goes under VS Code's proxy settings (src/cloud/proxyPlan.ts): VS Code's own order in mode `on`,
// nothing decided in the other modes, and a proxy that cannot be used stops calls instead of being gone around.
import { strict as assert } from 'node:assert';
import { proxyPlan, routeOf, type ProxySettings } from '../../../src/cloud/proxyPlan';

const ENDPOINT = 'https://mts.cn-shanghai.aliyuncs.com';

function settings(over: Partial<ProxySettings> = {}): ProxySettings {
  return { support: 'on', proxy: '', noProxy: [], env: {}, ...over };
}

const via = (over: Partial<ProxySettings>, endpoint = ENDPOINT) => routeOf(proxyPlan(settings(over)), endpoint);

describe('proxy plan', () => {
  it('on: http.proxy carries calls, credentials kept for the agent and left out of what is shown', () => {
    const plan = proxyPlan(settings({ proxy: 'http://alice:s3cret@proxy.corp.example:3128', authorization: 'Basic eA==' }));
    assert.equal(plan.proxy?.url, 'http://alice:s3cret@proxy.corp.example:3128/');
    assert.equal(plan.proxy?.shown, 'http://proxy.corp.example:3128');
    assert.equal(plan.proxy?.source, 'http.proxy');
    assert.equal(plan.proxy?.authorization, 'Basic eA==');
    assert.ok(!plan.summary.includes('s3cret') && !plan.summary.includes('alice'), plan.summary);
    assert.ok(plan.summary.includes('http://proxy.corp.example:3128'), plan.summary);
    assert.equal(routeOf(plan, ENDPOINT).proxy?.shown, 'http://proxy.corp.example:3128');
  });

  it('on: http.proxy wins over the environment; lower-case variables over upper-case; HTTPS_PROXY over HTTP_PROXY', () => {
    assert.equal(via({ proxy: 'http://setting:1', env: { HTTPS_PROXY: 'http://env:2' } }).proxy?.shown, 'http://setting:1');
    assert.equal(via({ env: { HTTPS_PROXY: 'http://upper:2', https_proxy: 'http://lower:3' } }).proxy?.shown, 'http://lower:3');
    assert.equal(via({ env: { HTTP_PROXY: 'http://plain:4', HTTPS_PROXY: 'https://tls:5' } }).proxy?.shown, 'https://tls:5');
    assert.equal(via({ env: { HTTP_PROXY: 'http://plain:4' } }).proxy?.source, 'HTTP_PROXY');
  });

  it('on without any proxy named: direct, and the summary says a system-only proxy is not seen in this mode', () => {
    const plan = proxyPlan(settings());
    assert.deepEqual(routeOf(plan, ENDPOINT), {});
    assert.match(plan.summary, /override or fallback/);
  });

  it('loopback endpoints never go through a proxy', () => {
    for (const endpoint of ['http://127.0.0.1:8080', 'http://localhost:1', 'http://[::1]:9', 'http://127.3.2.1:80']) {
      assert.deepEqual(via({ proxy: 'http://proxy:3128' }, endpoint), {}, endpoint);
    }
  });

  it('no-proxy lists: domain and subdomains, optional port, `*`; http.noProxy replaces NO_PROXY instead of adding to it', () => {
    const proxy = 'http://proxy:3128';
    assert.deepEqual(via({ proxy, noProxy: ['aliyuncs.com'] }), {});
    assert.deepEqual(via({ proxy, noProxy: ['.cn-shanghai.aliyuncs.com'] }), {});
    assert.deepEqual(via({ proxy, noProxy: ['aliyuncs.com:443'] }), {});
    assert.ok(via({ proxy, noProxy: ['aliyuncs.com:8443'] }).proxy, 'another port still goes through the proxy');
    assert.ok(via({ proxy, noProxy: ['yuncs.com'] }).proxy, 'a suffix that is not a whole label does not match');
    assert.deepEqual(via({ proxy, noProxy: ['*'] }), {});
    assert.deepEqual(via({ proxy, env: { NO_PROXY: 'example.org, aliyuncs.com' } }), {});
    assert.ok(via({ proxy, noProxy: ['example.org'], env: { no_proxy: 'aliyuncs.com' } }).proxy, 'the setting list replaces the variable');
  });

  it('a proxy that cannot be used is a problem for every proxied call, never a reason to go direct', () => {
    for (const [proxy, words] of [
      ['socks5://proxy:1080', /socks5 proxies are not supported/],
      ['proxy.corp.example:3128', /no scheme/],
      ['http://', /not a URL/],
    ] as const) {
      const plan = proxyPlan(settings({ proxy }));
      assert.equal(plan.proxy, undefined, proxy);
      assert.match(routeOf(plan, ENDPOINT).problem ?? '', words, proxy);
      assert.match(plan.summary, /Nothing was sent/);
      assert.deepEqual(routeOf(plan, 'http://127.0.0.1:9'), {}, 'loopback is unaffected');
    }
  });

  it('off, override, fallback and unknown modes decide nothing here, whatever the proxy settings say', () => {
    for (const support of ['off', 'override', 'fallback', '', 'bogus']) {
      const plan = proxyPlan(settings({ support, proxy: 'http://proxy:3128', env: { HTTPS_PROXY: 'socks5://x:1' } }));
      assert.deepEqual(routeOf(plan, ENDPOINT), {}, support);
      assert.equal(plan.problem, undefined, support);
    }
    assert.match(proxyPlan(settings({ support: 'off' })).summary, /off/);
    assert.match(proxyPlan(settings({ support: '' })).summary, /override/);
  });
});
