// The TLS listener: @alicloud/credentials reaches STS over https only, so a child Node trusting the run's CA via
// NODE_EXTRA_CA_CERTS assumes a role through it, and the credentials it gets back then sign an MPS call.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { DEMO_ACCOUNT_ID } from '../emulator/demoState';
import { DEMO_RAM_USER_KEY, startEmulator, type RunningEmulator } from '../emulator/server';
import { signedParams } from '../emulator/signature';
import { runNodeScript, type ScriptRun } from '../support/nodeScript';
import { mpsClient, post } from './emulator.helpers';

// Runs in the child: the credentials library's RAMRoleARN provider against the emulator's https port. It prints
// only non-secret facts about what it got, so nothing secret reaches the test output.
const CHILD = `
const { RAMRoleARNCredentialsProvider, StaticAKCredentialsProvider } = require('@alicloud/credentials');
const source = StaticAKCredentialsProvider.builder()
  .withAccessKeyId(process.env.EMU_KEY_ID).withAccessKeySecret(process.env.EMU_KEY_SECRET).build();
const provider = RAMRoleARNCredentialsProvider.builder().withCredentialsProvider(source)
  .withRoleArn(process.env.EMU_ROLE_ARN).withRoleSessionName('tls-session').withDurationSeconds(900)
  .withStsEndpoint(process.env.EMU_STS_HOST).build();
provider.getCredentials().then((c) => {
  process.stdout.write(JSON.stringify({ accessKeyId: c.accessKeyId, hasSecret: !!c.accessKeySecret, hasToken: !!c.securityToken, providerName: c.providerName }));
}, (e) => { process.stderr.write(String(e && e.message).replace(/CAIS[A-Za-z0-9+/=]+/g, '<token>')); process.exit(1); });
`;

function runChild(env: NodeJS.ProcessEnv): Promise<ScriptRun> {
  return runNodeScript(CHILD, env, 15000);
}

describe('emulator TLS listener', () => {
  let em: RunningEmulator;
  beforeEach(async () => {
    em = await startEmulator({ quiet: true, tls: true });
  });
  afterEach(() => em.close());

  it('serves https on its own port with a certificate signed by the printed CA', async () => {
    assert.match(String(em.tlsUrl), /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(em.tlsPort, em.port);
    const ca = readFileSync(String(em.caFile), 'utf8');
    assert.match(ca, /^-----BEGIN CERTIFICATE-----/);
    const health = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      request(`${em.tlsUrl}/__emulator/health`, { ca, agent: false }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => { body += d.toString(); });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      }).on('error', reject).end();
    });
    assert.equal(health.status, 200);
    assert.equal(JSON.parse(health.body).tlsUrl, em.tlsUrl);
    // Without the CA the handshake fails: the certificate is not trusted by accident.
    await assert.rejects(new Promise((resolve, reject) => request(`${em.tlsUrl}/__emulator/health`, { agent: false }, resolve).on('error', reject).end()),
      (e: NodeJS.ErrnoException) => /self[- ]signed|unable to (get|verify)/i.test(String(e.code) + e.message));
  });

  it('@alicloud/credentials assumes a role over https with NODE_EXTRA_CA_CERTS; the credentials then sign MPS calls', async function () {
    this.timeout(20000);
    const r = await runChild({
      NODE_EXTRA_CA_CERTS: String(em.caFile),
      EMU_KEY_ID: DEMO_RAM_USER_KEY.accessKeyId, EMU_KEY_SECRET: DEMO_RAM_USER_KEY.accessKeySecret,
      EMU_ROLE_ARN: `acs:ram::${DEMO_ACCOUNT_ID}:role/transcoderole`, EMU_STS_HOST: new URL(String(em.tlsUrl)).host,
    });
    assert.equal(r.code, 0, r.stderr);
    const got = JSON.parse(r.stdout) as { accessKeyId: string; hasSecret: boolean; hasToken: boolean; providerName: string };
    assert.ok(got.accessKeyId.startsWith('STS.'));
    assert.deepEqual([got.hasSecret, got.hasToken], [true, true]);
    const assumed = em.requests().filter((q) => q.action === 'AssumeRole');
    assert.deepEqual(assumed.map((q) => [q.outcome, q.accessKeyId, q.params.RoleSessionName]), [['OK', DEMO_RAM_USER_KEY.accessKeyId, 'tls-session']]);
  });

  it('the same handler answers both ports: an STS key issued over https works over http', async () => {
    const res = await new Promise<Record<string, { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string }>>((resolve, reject) => {
      // Signed with the v1 helper, sent over TLS.
      const body = new URLSearchParams(signedParams('POST', { Action: 'AssumeRole', Version: '2015-04-01', RoleArn: `acs:ram::${DEMO_ACCOUNT_ID}:role/transcoderole`, RoleSessionName: 'both-ports' }, DEMO_RAM_USER_KEY)).toString();
      const req = request(`${em.tlsUrl}/`, { method: 'POST', agent: false, ca: readFileSync(String(em.caFile)), headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (r) => {
        let text = '';
        r.on('data', (d: Buffer) => { text += d.toString(); });
        r.on('end', () => resolve(JSON.parse(text)));
      });
      req.on('error', reject);
      req.end(body);
    });
    const c = res.Credentials;
    await post(mpsClient(em, { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: c.SecurityToken }), 'ListAllMediaBucket');
  });

  it('removes the CA file on close', async () => {
    const file = String(em.caFile);
    assert.ok(existsSync(file));
    await em.close();
    assert.ok(!existsSync(file));
  });
});
