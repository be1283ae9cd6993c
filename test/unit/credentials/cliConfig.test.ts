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

  it('chooses the named profile, then ALIBABA_CLOUD_PROFILE, then current', () => {
    const c = config([ak('a'), ak('b'), ak('c')], 'c');
    assert.equal(chosenProfileName(c, 'a', { ALIBABA_CLOUD_PROFILE: 'b' }), 'a');
    assert.equal(chosenProfileName(c, undefined, { ALIBABA_CLOUD_PROFILE: 'b' }), 'b');
    assert.equal(chosenProfileName(c, undefined, {}), 'c');
    assert.equal(chosenProfileName(config([ak('a')]), undefined, {}), undefined);
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
