// aliyun CLI profiles through the real @alicloud/credentials, with HOME pointing at a temporary folder holding a
// .aliyun/config.json: the key of the chosen profile signs calls the emulator verifies, a rotated key signs the
// next call, an External command's key is used, and each broken case gives one CloudError naming file, profile
// and mode, with nothing sent and no secret in the message. (Role modes need the library's https STS call, which
// only a process started with NODE_EXTRA_CA_CERTS can trust: the integration suite runs them.)
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CloudError } from '../../src/cloud/errors';
import type { CredentialProvider } from '../../src/cloud/types';
import { StsClient } from '../../src/cloud/sts';
import { cliCredentials, libraryError, forgetCliProviders, retainCliProviders } from '../../src/credentials/cliProvider';
import { DEMO_ACCESS_KEY, DEMO_RAM_USER_KEY } from '../emulator/server';
import { emulatorPerTest, rejection } from './core.helpers';

const NOT_REAL = /NotReal|DemoSecret/;

describe('core aliyun CLI profiles (@alicloud/credentials, temporary HOME)', () => {
  const ctx = emulatorPerTest();
  let home: string;
  const savedHome = process.env.HOME;

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-profile-test-'));
    fs.mkdirSync(path.join(home, '.aliyun'));
    // The library reads os.homedir(), which follows HOME.
    process.env.HOME = home;
    forgetCliProviders();
  });
  afterEach(() => {
    process.env.HOME = savedHome;
    forgetCliProviders();
    fs.rmSync(home, { recursive: true, force: true });
  });

  const writeConfig = (config: unknown) => fs.writeFileSync(path.join(home, '.aliyun', 'config.json'), typeof config === 'string' ? config : JSON.stringify(config), { mode: 0o600 });
  const provider = (cliProfile?: string, env: Record<string, string> = {}, owner?: string): CredentialProvider => ({
    getCredentials: async () => (await cliCredentials({ ...(owner ? { owner } : {}), ...(cliProfile ? { cliProfile } : {}), home: os.homedir(), env })).credentials,
  });
  /** An External profile whose command counts its runs in a file and prints the demo key (with an expiration when given). */
  const countingExternal = (expiresInMs?: number) => {
    const runs = path.join(home, 'runs.txt');
    const script = path.join(home, 'count.js');
    const expiration = expiresInMs === undefined ? '' : `, expiration: new Date(Date.now() + ${expiresInMs}).toISOString()`;
    fs.writeFileSync(script, `require('fs').appendFileSync(${JSON.stringify(runs)}, 'x'); setTimeout(() => process.stdout.write(JSON.stringify({ mode: 'AK', access_key_id: ${JSON.stringify(DEMO_ACCESS_KEY.accessKeyId)}, access_key_secret: ${JSON.stringify(DEMO_ACCESS_KEY.accessKeySecret)}${expiration} })), 100);`);
    writeConfig({ profiles: [{ name: 'ext', mode: 'External', process_command: `${process.execPath} ${script}` }] });
    return () => (fs.existsSync(runs) ? fs.readFileSync(runs, 'utf8').length : 0);
  };
  const ak = (name: string, key: { accessKeyId: string; accessKeySecret: string }) => ({ name, mode: 'AK', access_key_id: key.accessKeyId, access_key_secret: key.accessKeySecret, region_id: 'cn-shanghai' });

  it('AK: the named profile signs; records name aliyun-cli:<profile>; current is used when none is named', async () => {
    writeConfig({ current: 'user', profiles: [ak('root', DEMO_ACCESS_KEY), ak('user', DEMO_RAM_USER_KEY)] });
    await ctx.h.mps({ credentials: provider('root') }).listAllMediaBuckets();
    await ctx.h.mps({ credentials: provider() }).listAllMediaBuckets();
    await ctx.h.mps({ credentials: provider(undefined, { ALIBABA_CLOUD_PROFILE: 'root' }) }).listAllMediaBuckets();
    assert.deepEqual(ctx.em.requests().map((r) => [r.accessKeyId, r.outcome]), [
      [DEMO_ACCESS_KEY.accessKeyId, 'OK'],
      [DEMO_RAM_USER_KEY.accessKeyId, 'OK'],
      [DEMO_ACCESS_KEY.accessKeyId, 'OK'],
    ]);
    assert.deepEqual(ctx.h.records.map((r) => r.credential), [{ source: 'aliyun-cli:root' }, { source: 'aliyun-cli:user' }, { source: 'aliyun-cli:root' }]);
  });

  it('a key rotated in the file signs the very next call', async () => {
    writeConfig({ profiles: [ak('dev', DEMO_ACCESS_KEY)] });
    const mps = ctx.h.mps({ credentials: provider('dev') });
    await mps.listAllMediaBuckets();
    writeConfig({ profiles: [ak('dev', DEMO_RAM_USER_KEY)] });
    await mps.listAllMediaBuckets();
    assert.deepEqual(ctx.em.requests().map((r) => r.accessKeyId), [DEMO_ACCESS_KEY.accessKeyId, DEMO_RAM_USER_KEY.accessKeyId]);
  });

  it('StsToken: the key and its token sign; the emulator checks the token', async () => {
    // A token the emulator issued, to a RAM user.
    const issued = await new StsClient(ctx.h.options({ credentials: { getCredentials: async () => DEMO_RAM_USER_KEY } })).assumeRole({
      roleArn: 'acs:ram::1839204725361048:role/transcoderole', sessionName: 'cli-sts', durationSeconds: 900,
    });
    writeConfig({ profiles: [{ name: 'tok', mode: 'StsToken', access_key_id: issued.credentials.accessKeyId, access_key_secret: issued.credentials.accessKeySecret, sts_token: issued.credentials.securityToken }] });
    await ctx.h.mps({ credentials: provider('tok') }).listAllMediaBuckets();
    const sent = ctx.em.requests().at(-1)!;
    assert.equal(sent.accessKeyId, issued.credentials.accessKeyId);
    assert.equal(sent.outcome, 'OK');
    // Expired: the message says which CLI profile to refresh, and the call is not retried.
    ctx.em.sts.advanceClock(3600_000);
    const err = await rejection(ctx.h.mps({ credentials: provider('tok') }).listAllMediaBuckets());
    assert.ok(err instanceof CloudError);
    assert.equal(err.code, 'InvalidSecurityToken.Expired');
    assert.match(err.message, /Refresh aliyun CLI profile "tok" \(run `aliyun configure --profile tok`\)/);
  });

  it('External: the command\'s key signs', async () => {
    const script = path.join(home, 'creds.js');
    fs.writeFileSync(script, `process.stdout.write(JSON.stringify({ mode: 'AK', access_key_id: ${JSON.stringify(DEMO_ACCESS_KEY.accessKeyId)}, access_key_secret: ${JSON.stringify(DEMO_ACCESS_KEY.accessKeySecret)} }));`);
    writeConfig({ profiles: [{ name: 'ext', mode: 'External', process_command: `${process.execPath} ${script}` }] });
    await ctx.h.mps({ credentials: provider('ext') }).listAllMediaBuckets();
    assert.equal(ctx.em.requests().at(-1)?.accessKeyId, DEMO_ACCESS_KEY.accessKeyId);
  });

  it('the profile variables in the CLI\'s order (ALIBABACLOUD_, ALIBABA_CLOUD_, ALICLOUD_PROFILE), then current, then "default"', async () => {
    writeConfig({ profiles: [ak('default', DEMO_RAM_USER_KEY), ak('root', DEMO_ACCESS_KEY)] });
    const signer = async (env: Record<string, string>) => (await cliCredentials({ home, env })).profile;
    assert.equal(await signer({ ALIBABACLOUD_PROFILE: 'root', ALIBABA_CLOUD_PROFILE: 'default' }), 'root');
    assert.equal(await signer({ ALIBABA_CLOUD_PROFILE: 'root', ALICLOUD_PROFILE: 'default' }), 'root');
    assert.equal(await signer({ ALICLOUD_PROFILE: 'root' }), 'root');
    assert.equal(await signer({}), 'default', 'a file without current: "default", as the CLI picks');
  });

  it('External: 48 lookups, 16 at a time, run the command once; config.json is never rewritten', async () => {
    const runs = countingExternal(3600_000);
    const file = path.join(home, '.aliyun', 'config.json');
    const before = fs.readFileSync(file, 'utf8');
    const ext = provider('ext');
    for (let wave = 0; wave < 3; wave += 1) {
      const keys = await Promise.all(Array.from({ length: 16 }, () => ext.getCredentials()));
      assert.ok(keys.every((k) => k.accessKeyId === DEMO_ACCESS_KEY.accessKeyId));
    }
    assert.equal(runs(), 1);
    assert.equal(fs.readFileSync(file, 'utf8'), before, 'the file is byte for byte what the user wrote');
  });

  it('External without an expiration: kept for a short while (one run for a burst), not run per lookup', async () => {
    const runs = countingExternal();
    const ext = provider('ext');
    await Promise.all(Array.from({ length: 16 }, () => ext.getCredentials()));
    for (let i = 0; i < 8; i += 1) await ext.getCredentials();
    assert.equal(runs(), 1);
  });

  it('a profile removed from the settings, or reading another CLI profile, lets go of its session', async () => {
    const runs = countingExternal(3600_000);
    await provider('ext', {}, 'a').getCredentials();
    retainCliProviders([{ name: 'a', cliProfile: 'ext' }, { name: 'b' }]);
    await provider('ext', {}, 'a').getCredentials();
    assert.equal(runs(), 1, 'kept while profile a still reads ext');
    retainCliProviders([{ name: 'a', cliProfile: 'other' }]);
    await provider('ext', {}, 'a').getCredentials();
    assert.equal(runs(), 2, 'dropped when a names another CLI profile');
    retainCliProviders([]);
    await provider('ext', {}, 'a').getCredentials();
    assert.equal(runs(), 3, 'dropped when a is removed');
    // A CLI profile gone from the file is dropped too: it comes back with a fresh run.
    writeConfig({ profiles: [ak('dev', DEMO_ACCESS_KEY)] });
    await provider('dev').getCredentials();
    countingExternal(3600_000);
    await provider('ext', {}, 'a').getCredentials();
    assert.equal(runs(), 4);
  });

  it('the library\'s error text is capped before it is cleaned: a 2 MB message costs no more than a short one', () => {
    const head = { name: 'ext', mode: 'External', fields: {} };
    const huge = new Error(`failed to execute external command: ${'A'.repeat(2 * 1024 * 1024)}`);
    const secrets = ['NotRealSecretValue01', 'NotRealSecretValue02'];
    libraryError(huge, head, '~/.aliyun/config.json', secrets);
    const started = process.hrtime.bigint();
    for (let i = 0; i < 10; i += 1) {
      const err = libraryError(huge, head, '~/.aliyun/config.json', secrets);
      assert.match(err.message, /its process_command failed/);
    }
    const perLookupMs = Number(process.hrtime.bigint() - started) / 1e6 / 10;
    assert.ok(perLookupMs < 20, `${perLookupMs.toFixed(1)} ms per lookup`);
  });

  describe('broken cases: one clear error, nothing sent, no secret in the message', () => {
    const cases: { title: string; setup: () => void; profile?: string; env?: Record<string, string>; expect: RegExp }[] = [
      {
        title: 'ALIBABA_CLOUD_STS_REGION that would send AssumeRole to another host and port',
        setup: () => writeConfig({ profiles: [{ name: 'role', mode: 'RamRoleArn', access_key_id: DEMO_RAM_USER_KEY.accessKeyId, access_key_secret: DEMO_RAM_USER_KEY.accessKeySecret, ram_role_arn: 'acs:ram::1839204725361048:role/transcoderole', ram_session_name: 's' }] }),
        profile: 'role',
        env: { ALIBABA_CLOUD_STS_REGION: 'x@127.0.0.1:9/' },
        expect: /\(mode RamRoleArn\) in .*: the STS host from ALIBABA_CLOUD_STS_REGION is refused: Endpoint must not contain a user name/,
      },
      {
        title: 'CloudSSO sign-in URL over plain http (the bearer token would go in clear)',
        setup: () => writeConfig({ profiles: [{ name: 'sso', mode: 'CloudSSO', cloud_sso_sign_in_url: 'http://signin.example.com/login', cloud_sso_account_id: '1', cloud_sso_access_config: 'ac-1', access_token: 'NotRealBearerToken01' }] }),
        profile: 'sso',
        expect: /\(mode CloudSSO\) .*cloud_sso_sign_in_url is refused: .*must use https/,
      },
      {
        title: 'EcsRamRole (the metadata service is plain http)',
        setup: () => writeConfig({ profiles: [{ name: 'ecs', mode: 'EcsRamRole', ram_role_name: 'r' }] }),
        profile: 'ecs',
        expect: /\(mode EcsRamRole\) .*100\.100\.100\.200/,
      },
      { title: 'missing file', setup: () => undefined, profile: 'dev', expect: /^aliyun CLI profile "dev" in ~\/\.aliyun\/config\.json: the file does not exist/ },
      { title: 'malformed JSON', setup: () => writeConfig(`{"profiles":[{"name":"dev","access_key_secret":"${DEMO_ACCESS_KEY.accessKeySecret}"`), profile: 'dev', expect: /aliyun CLI config ~\/\.aliyun\/config\.json: the file is not valid JSON/ },
      { title: 'unknown profile', setup: () => writeConfig({ profiles: [ak('dev', DEMO_ACCESS_KEY)] }), profile: 'prod', expect: /profile "prod" in .*no such profile in the file \(it has "dev"\)/ },
      { title: 'refused mode', setup: () => writeConfig({ profiles: [{ name: 'u', mode: 'CredentialsURI', credentials_uri: 'http://x' }] }), profile: 'u', expect: /profile "u" \(mode CredentialsURI\) in .*does not support mode "CredentialsURI"/ },
      { title: 'AK without its secret (the library would use the environment)', setup: () => writeConfig({ profiles: [{ name: 'half', mode: 'AK', access_key_id: DEMO_ACCESS_KEY.accessKeyId }] }), profile: 'half', expect: /\(mode AK\) .*access_key_secret is missing/ },
      {
        title: 'failing External command',
        setup: () => {
          const script = path.join(home, 'fail.js');
          fs.writeFileSync(script, `process.stderr.write('token ${DEMO_ACCESS_KEY.accessKeySecret}'); process.exit(3);`);
          writeConfig({ profiles: [{ name: 'ext', mode: 'External', process_command: `${process.execPath} ${script}` }] });
        },
        profile: 'ext',
        expect: /profile "ext" \(mode External\) in .*: its process_command failed/,
      },
      {
        title: 'External command that prints no JSON',
        setup: () => {
          const script = path.join(home, 'garbage.js');
          fs.writeFileSync(script, `process.stdout.write('access_key_secret=${DEMO_ACCESS_KEY.accessKeySecret}');`);
          writeConfig({ profiles: [{ name: 'ext', mode: 'External', process_command: `${process.execPath} ${script}` }] });
        },
        profile: 'ext',
        expect: /its process_command did not print JSON/,
      },
    ];
    for (const c of cases) {
      it(c.title, async () => {
        c.setup();
        const err = await rejection(ctx.h.mps({ credentials: provider(c.profile, c.env) }).listAllMediaBuckets());
        assert.ok(err instanceof CloudError, String(err));
        assert.equal(err.code, 'CliProfileUnusable');
        assert.equal(err.kind, 'auth');
        assert.match(err.message, c.expect);
        assert.ok(!NOT_REAL.test(err.message) && !err.message.includes(DEMO_ACCESS_KEY.accessKeySecret), err.message);
        assert.ok(!err.message.includes(home), 'the home folder is shown as ~');
        assert.equal(ctx.em.requests().length, 0, 'nothing sent');
        assert.equal(ctx.h.records.at(-1)?.attempts, 0);
      });
    }
  });
});
