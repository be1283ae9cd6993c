// Every host an aliyun CLI profile makes the extension contact passes the settings endpoints' rules (grammar,
// https or loopback) before @alicloud/credentials runs, and the confirmation can say which host or program it is.
import * as assert from 'node:assert/strict';
import type { CliProfileEntry } from '../../../src/credentials/cliConfig';
import { checkCliHosts, programOf, stsHostOf } from '../../../src/credentials/cliHosts';

const entry = (mode: string, fields: Record<string, unknown> = {}, name = 'ops'): CliProfileEntry => ({ name, mode, fields: { mode, name, ...fields } });
const role = (fields: Record<string, unknown> = {}) => entry('RamRoleArn', { access_key_id: 'k', access_key_secret: 's', ram_role_arn: 'acs:ram::1:role/r', ram_session_name: 's', ...fields });

describe('aliyun CLI hosts', () => {
  it('builds the STS host the way the library would: sts_endpoint, sts_region, ALIBABA_CLOUD_STS_REGION, VPC, global', () => {
    assert.deepEqual(stsHostOf(role({ sts_endpoint: '127.0.0.1:8443', sts_region: 'cn-beijing' }), {}), { host: '127.0.0.1:8443', from: 'sts_endpoint' });
    assert.deepEqual(stsHostOf(role({ sts_region: 'cn-hangzhou' }), { ALIBABA_CLOUD_STS_REGION: 'cn-beijing' }), { host: 'sts.cn-hangzhou.aliyuncs.com', from: 'sts_region' });
    assert.deepEqual(stsHostOf(role(), { ALIBABA_CLOUD_STS_REGION: 'cn-beijing' }), { host: 'sts.cn-beijing.aliyuncs.com', from: 'ALIBABA_CLOUD_STS_REGION' });
    assert.equal(stsHostOf(role({ sts_region: 'cn-beijing', enable_vpc: true }), {}).host, 'sts-vpc.cn-beijing.aliyuncs.com');
    assert.equal(stsHostOf(role({ sts_region: 'cn-beijing' }), { ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: 'TRUE' }).host, 'sts-vpc.cn-beijing.aliyuncs.com');
    assert.equal(stsHostOf(role(), {}).host, 'sts.aliyuncs.com');
  });

  it('names the host a role profile contacts', () => {
    const ok = checkCliHosts([role({ sts_region: 'cn-hangzhou' })], {});
    assert.deepEqual(ok, { ok: true, route: { profile: 'ops', mode: 'RamRoleArn', via: 'sts.cn-hangzhou.aliyuncs.com' } });
  });

  it('refuses a region or endpoint that would send AssumeRole elsewhere, naming where it came from', () => {
    const cases: [CliProfileEntry, Record<string, string>, RegExp][] = [
      [role(), { ALIBABA_CLOUD_STS_REGION: 'x@127.0.0.1:9999/' }, /STS host from ALIBABA_CLOUD_STS_REGION is refused: Endpoint must not contain a user name/],
      [role({ sts_region: "cn'evil.example:443" }), {}, /STS host from sts_region is refused/],
      [role({ sts_endpoint: 'https://sts.aliyuncs.com' }), {}, /STS host from sts_endpoint is refused/],
      [role({ sts_endpoint: 'sts.aliyuncs.com/path' }), {}, /no path/],
      [entry('OIDC', { sts_endpoint: '127.1:443' }), {}, /usual form/],
    ];
    for (const [e, env, problem] of cases) {
      const r = checkCliHosts([e], env);
      assert.equal(r.ok, false, JSON.stringify(e.fields));
      if (!r.ok) assert.match(r.problem, problem);
    }
  });

  it('checks every step of a chain, and says which source_profile is wrong', () => {
    const head = entry('ChainableRamRoleArn', { source_profile: 'base', ram_role_arn: 'acs:ram::1:role/r', ram_session_name: 's', sts_endpoint: 'sts.cn-shanghai.aliyuncs.com' }, 'chain');
    const base = { ...role({ sts_endpoint: 'evil.example:80/x' }), name: 'base' };
    const r = checkCliHosts([head, base], {});
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.problem, /source_profile of "chain"/);
    const good = checkCliHosts([head, { ...role(), name: 'base' }], {});
    assert.ok(good.ok);
    if (good.ok) assert.equal(good.route.via, 'sts.cn-shanghai.aliyuncs.com');
  });

  it('CloudSSO: the sign-in URL must be https (or loopback) with a plain host; the bearer token goes there', () => {
    const sso = (url: string) => checkCliHosts([entry('CloudSSO', { cloud_sso_sign_in_url: url })], {});
    assert.deepEqual(sso('https://signin-cn-shanghai.alibabacloudsso.com/device/login'), {
      ok: true, route: { profile: 'ops', mode: 'CloudSSO', via: 'signin-cn-shanghai.alibabacloudsso.com' },
    });
    assert.ok(sso('http://127.0.0.1:8080/login').ok);
    for (const bad of ['http://signin.example.com/login', 'https://user@signin.example.com/', 'ftp://signin.example.com', 'signin.example.com']) {
      const r = sso(bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.match(r.problem, /cloud_sso_sign_in_url/);
    }
  });

  it('EcsRamRole is refused (plain-http metadata host); OAuth names its fixed host; External names only its program', () => {
    const ecs = checkCliHosts([entry('EcsRamRole', { ram_role_name: 'r' })], {});
    assert.equal(ecs.ok, false);
    if (!ecs.ok) assert.match(ecs.problem, /100\.100\.100\.200/);
    assert.deepEqual(checkCliHosts([entry('OAuth', { oauth_site_type: 'intl' })], {}), { ok: true, route: { profile: 'ops', mode: 'OAuth', via: 'oauth.alibabacloud.com' } });
    assert.deepEqual(checkCliHosts([entry('External', { process_command: '/usr/local/bin/get-key --secret hunter2' })], {}), {
      ok: true, route: { profile: 'ops', mode: 'External', runs: 'get-key' },
    });
    assert.equal(programOf('"C:\\Program Files\\vault\\vault.exe" read x'), 'vault.exe');
    assert.deepEqual(checkCliHosts([entry('AK', { access_key_id: 'k', access_key_secret: 's' })], {}), { ok: true, route: { profile: 'ops', mode: 'AK' } });
  });
});
