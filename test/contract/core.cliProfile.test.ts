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
import { cliCredentials, forgetCliProviders } from '../../src/credentials/cliProvider';
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
  const provider = (cliProfile?: string, env: Record<string, string> = {}): CredentialProvider => ({
    getCredentials: async () => (await cliCredentials({ ...(cliProfile ? { cliProfile } : {}), home: os.homedir(), env })).credentials,
  });
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

  describe('broken cases: one clear error, nothing sent, no secret in the message', () => {
    const cases: { title: string; setup: () => void; profile?: string; expect: RegExp }[] = [
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
        const err = await rejection(ctx.h.mps({ credentials: provider(c.profile) }).listAllMediaBuckets());
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
