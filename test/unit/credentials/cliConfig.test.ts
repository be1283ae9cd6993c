// Reading ~/.aliyun/config.json before @alicloud/credentials does: which profile is chosen, what each mode needs,
// and messages that name file, profile and mode without repeating anything secret from the file.
import * as assert from 'node:assert/strict';
import {
  checkEntry,
  chosenProfileName,
  describeCliProblem,
  parseCliConfig,
  resolveCliProfile,
  shownPath,
  type CliConfig,
} from '../../../src/credentials/cliConfig';

const FILE = '~/.aliyun/config.json';
const SECRET = 'VerySecretValueNotReal0001';

function config(profiles: Record<string, unknown>[], current?: string): CliConfig {
  const parsed = parseCliConfig(JSON.stringify({ ...(current ? { current } : {}), profiles }), FILE);
  assert.ok(parsed.ok);
  return parsed.value;
}

const ak = (name: string, extra: Record<string, unknown> = {}) => ({ name, mode: 'AK', access_key_id: 'LTAI5tCliKeyNotReal01', access_key_secret: SECRET, region_id: 'cn-beijing', ...extra });

describe('aliyun CLI config', () => {
  it('a file that is not JSON is described by position, never by its text', () => {
    const parsed = parseCliConfig(`{"profiles":[{"name":"dev","access_key_secret":"${SECRET}"`, FILE);
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    const message = describeCliProblem(parsed.problem);
    assert.match(message, /^aliyun CLI config ~\/\.aliyun\/config\.json: the file is not valid JSON/);
    assert.ok(!message.includes(SECRET));
  });

  it('a file without profiles, or with none named, is one problem', () => {
    for (const text of ['[]', '{"profiles":[]}', '{"profiles":[{"mode":"AK"}]}']) {
      const parsed = parseCliConfig(text, FILE);
      assert.equal(parsed.ok, false, text);
    }
  });

  it('chooses the named profile, then the CLI\'s variables in its order, then current, then "default"', () => {
    const c = config([ak('a'), ak('b'), ak('c'), ak('d')], 'c');
    const all = { ALIBABACLOUD_PROFILE: 'b', ALIBABA_CLOUD_PROFILE: 'd', ALICLOUD_PROFILE: 'a' };
    assert.equal(chosenProfileName(c, 'a', all), 'a');
    assert.equal(chosenProfileName(c, undefined, all), 'b');
    assert.equal(chosenProfileName(c, undefined, { ALIBABA_CLOUD_PROFILE: 'd', ALICLOUD_PROFILE: 'a' }), 'd');
    assert.equal(chosenProfileName(c, undefined, { ALICLOUD_PROFILE: 'a' }), 'a');
    assert.equal(chosenProfileName(c, undefined, { ALIBABACLOUD_PROFILE: ' ' }), 'c', 'a blank variable names nothing');
    assert.equal(chosenProfileName(c, undefined, {}), 'c');
    // Without `current` the CLI uses "default"; a file without one says so by name.
    assert.equal(chosenProfileName(config([ak('a')]), undefined, {}), 'default');
    const chain = resolveCliProfile(config([ak('a'), ak('default')]), undefined, {}, FILE);
    assert.ok(chain.ok);
    assert.equal(chain.value[0].name, 'default');
    const none = resolveCliProfile(config([ak('a')]), undefined, {}, FILE);
    assert.equal(none.ok, false);
    if (!none.ok) assert.match(describeCliProblem(none.problem), /profile "default" .*no such profile.*"a"/);
  });

  it('an OIDC profile takes provider ARN, token file, role ARN and session name from ALIBABA_CLOUD_* (RRSA)', () => {
    const oidc = { name: 'rrsa', mode: 'OIDC' };
    const missing = resolveCliProfile(config([oidc]), 'rrsa', {}, FILE);
    assert.equal(missing.ok, false);
    if (!missing.ok) assert.match(missing.problem.problem, /oidc_provider_arn \(or ALIBABA_CLOUD_OIDC_PROVIDER_ARN\), oidc_token_file \(or ALIBABA_CLOUD_OIDC_TOKEN_FILE\), ram_role_arn \(or ALIBABA_CLOUD_ROLE_ARN\) are missing/);
    const env = {
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'acs:ram::1839204725361048:oidc-provider/ack-rrsa',
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: '/var/run/secrets/tokens/oidc-token',
      ALIBABA_CLOUD_ROLE_ARN: 'acs:ram::1839204725361048:role/transcoderole',
      ALIBABA_CLOUD_ROLE_SESSION_NAME: 'pod-1',
    };
    const chain = resolveCliProfile(config([oidc]), 'rrsa', env, FILE);
    assert.ok(chain.ok);
    assert.equal(chain.value[0].fields.oidc_token_file, env.ALIBABA_CLOUD_OIDC_TOKEN_FILE);
    assert.equal(chain.value[0].fields.ram_session_name, 'pod-1');
    // What the file says wins over the environment.
    const own = resolveCliProfile(config([{ ...oidc, ram_role_arn: 'acs:ram::1839204725361048:role/own' }]), 'rrsa', env, FILE);
    assert.ok(own.ok);
    assert.equal(own.value[0].fields.ram_role_arn, 'acs:ram::1839204725361048:role/own');
    // Only OIDC reads them: an AK profile without a key stays an error.
    assert.equal(resolveCliProfile(config([{ name: 'k', mode: 'AK' }]), 'k', { ALIBABA_CLOUD_ACCESS_KEY_ID: 'x', ...env }, FILE).ok, false);
  });

  it('an unknown profile names the ones the file has', () => {
    const r = resolveCliProfile(config([ak('a'), ak('b')]), 'x', {}, FILE);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(describeCliProblem(r.problem), 'aliyun CLI profile "x" in ~/.aliyun/config.json: there is no such profile in the file (it has "a", "b").');
  });

  it('each mode needs its fields; the library would otherwise fall back to environment variables', () => {
    assert.equal(checkEntry({ name: 'a', mode: 'AK', fields: { access_key_id: 'x' } }), 'access_key_secret is missing.');
    assert.equal(checkEntry({ name: 'a', mode: 'StsToken', fields: { access_key_id: 'x', access_key_secret: 'y' } }), 'sts_token is missing.');
    assert.equal(checkEntry({ name: 'a', mode: 'RamRoleArn', fields: { access_key_id: 'x', access_key_secret: 'y' } }), 'ram_role_arn, ram_session_name are missing.');
    assert.equal(checkEntry({ name: 'a', mode: 'External', fields: {} }), 'process_command is missing.');
    assert.equal(checkEntry({ name: 'a', mode: 'EcsRamRole', fields: {} }), undefined);
    assert.equal(checkEntry({ name: 'a', mode: 'OAuth', fields: { oauth_site_type: 'EU', oauth_refresh_token: 'r' } }), 'oauth_site_type must be CN or INTL.');
    assert.equal(
      checkEntry({ name: 'a', mode: 'RamRoleArn', fields: { access_key_id: 'x', access_key_secret: 'y', ram_role_arn: 'r', ram_session_name: 's', expired_seconds: 60 } }),
      'expired_seconds must be a whole number of at least 900.',
    );
  });

  it('a mode the library refuses, or spells differently, is named', () => {
    assert.match(String(checkEntry({ name: 'a', mode: 'ak', fields: {} })), /case-sensitively: write "AK", not "ak"/);
    assert.match(String(checkEntry({ name: 'a', mode: 'CredentialsURI', fields: {} })), /does not support mode "CredentialsURI"/);
    assert.equal(checkEntry({ name: 'a', mode: '', fields: {} }), 'it has no "mode".');
    const r = resolveCliProfile(config([{ name: 'u', mode: 'RsaKeyPair' }]), 'u', {}, FILE);
    assert.ok(!r.ok && describeCliProblem(r.problem).startsWith('aliyun CLI profile "u" (mode RsaKeyPair) in ~/.aliyun/config.json: '));
  });

  it('ChainableRamRoleArn resolves its source profiles, and refuses a missing or looping one', () => {
    const chain = (name: string, source: string) => ({ name, mode: 'ChainableRamRoleArn', source_profile: source, ram_role_arn: 'acs:ram::1:role/r', ram_session_name: 's' });
    const ok = resolveCliProfile(config([ak('base'), chain('mid', 'base'), chain('top', 'mid')]), 'top', {}, FILE);
    assert.ok(ok.ok);
    if (ok.ok) assert.deepEqual(ok.value.map((p) => p.name), ['top', 'mid', 'base']);
    const missing = resolveCliProfile(config([chain('top', 'gone')]), 'top', {}, FILE);
    assert.ok(!missing.ok && /source_profile "gone" is not in the file/.test(missing.problem.problem) && missing.problem.profile === 'top');
    const loop = resolveCliProfile(config([chain('a', 'b'), chain('b', 'a')]), 'a', {}, FILE);
    assert.ok(!loop.ok && /a → b → a loops back/.test(loop.problem.problem));
    const brokenSource = resolveCliProfile(config([{ name: 'base', mode: 'AK' }, chain('top', 'base')]), 'top', {}, FILE);
    assert.ok(!brokenSource.ok && /\(source_profile of "top"\)/.test(brokenSource.problem.problem));
  });

  it('shows the home folder as ~', () => {
    assert.equal(shownPath('/home/u/.aliyun/config.json', '/home/u'), '~/.aliyun/config.json');
    assert.equal(shownPath('/etc/x', '/home/u'), '/etc/x');
  });
});
