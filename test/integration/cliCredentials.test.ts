// Credentials the way aliyun CLI users hold them, in the real extension host: the runner gives the host a HOME of
// its own (a temporary folder) and the CA of the emulator's TLS certificate (NODE_EXTRA_CA_CERTS), so
// @alicloud/credentials reads `~/.aliyun/config.json` from there and reaches the emulator's STS over https.
//  - every mode that works offline signs the revocation the emulator verifies: AK, StsToken, RamRoleArn and
//    ChainableRamRoleArn (the library's AssumeRole at the emulator's TLS port), External (a small script);
//  - a key rotated in the file signs the next call; records and the log name the CLI profile (and role);
//  - each broken case (missing file, malformed JSON, unknown profile, refused mode, failing External command) is one
//    error row under the profile, one clear error result, and nothing sent;
//  - assumeRole on a keychain profile: AssumeRole through the profile's STS endpoint, recorded with its RequestId,
//    the temporary key signs, the profile row shows role and expiry, an expired token is renewed once;
//  - Import aliyun CLI Profiles writes references, never keys.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { StsClient } from '../../src/cloud/sts';
import { DEMO_ACCOUNT_ID } from '../emulator/demoState';
import { DEMO_RAM_USER_KEY } from '../emulator/server';
import {
  DEMO_ACCESS_KEY,
  assertAcceptedAndSigned,
  clearCredentials,
  cliConfigFile,
  emulatorProfile,
  extensionApi,
  rememberIssuedSecrets,
  removeCliConfig,
  requestsOf,
  setCredentials,
  setProfiles,
  startTlsTestEmulator,
  unbind,
  waitFor,
  waitForLog,
  writeCliConfig,
  type ExtensionApi,
  type ProfileSetting,
  type RunningEmulator,
} from './support/harness';
import { treeRows } from './support/treeRows';

const ROLE = `acs:ram::${DEMO_ACCOUNT_ID}:role/transcoderole`;
/** A second root key of the demo account, to tell a rotated key from the first. */
const ROTATED_KEY = { accessKeyId: 'LTAI5tCliRotatedKey0002', accessKeySecret: 'CliRotatedSecretNotReal0002' };

interface RecordSeen {
  action: string;
  profile?: string;
  outcome: string;
  id: string;
  requestId?: string;
  attempts: number;
  maskedAccessKeyId?: string;
  credential?: { source: string; roleArn?: string; sessionName?: string };
  error?: { code: string };
}

describe('aliyun CLI profiles and assumed roles', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let api: ExtensionApi;
  const records: RecordSeen[] = [];
  let subscription: vscode.Disposable | undefined;

  const ak = (name: string, key: { accessKeyId: string; accessKeySecret: string }) => ({
    name, mode: 'AK', access_key_id: key.accessKeyId, access_key_secret: key.accessKeySecret, region_id: 'cn-shanghai',
  });
  const stsHost = () => `127.0.0.1:${emulator.tlsPort}`;

  before(async () => {
    emulator = await startTlsTestEmulator({ accessKeys: [DEMO_ACCESS_KEY, DEMO_RAM_USER_KEY, ROTATED_KEY] });
    api = await extensionApi();
    subscription = (api.onDidRecordCall as unknown as vscode.Event<RecordSeen>)((r) => records.push(r));
  });

  after(async () => {
    subscription?.dispose();
    await clearCredentials('role-it');
    await setProfiles(undefined);
    removeCliConfig();
    if (emulator) rememberIssuedSecrets(emulator);
    await emulator?.close();
  });

  async function useProfiles(...profiles: ProfileSetting[]): Promise<void> {
    await setProfiles(profiles.map((p) => emulatorProfile(emulator, p)));
  }

  /** A fresh bound bucket unbound through the command; the result and what MPS received. */
  async function unbindFresh(profile: string) {
    const bucket = `cli-${Math.random().toString(36).slice(2, 10)}`;
    emulator.state.replace({ ...emulator.state.toJSON(), mediaBuckets: [{ bucket, type: 'Output' }] });
    const since = emulator.requests().length;
    const result = await unbind({ profile, bucket });
    return { result, sent: requestsOf(emulator, 'UnbindOutputBucket', since), since };
  }

  const lastRecord = (action: string) => [...records].reverse().find((r) => r.action === action);

  describe('every mode that works offline signs the call', () => {
    it('AK: the CLI profile\'s key signs; the record and the log name aliyun-cli:<profile>', async () => {
      writeCliConfig({ current: 'dev', profiles: [ak('dev', DEMO_ACCESS_KEY)] });
      await useProfiles({ name: 'cli-it', credentialSource: 'aliyun-cli', cliProfile: 'dev' });
      const { result, sent } = await unbindFresh('cli-it');
      assert.equal(result.ok, true, JSON.stringify(result.error));
      assertAcceptedAndSigned(sent[0], DEMO_ACCESS_KEY.accessKeyId);
      assert.deepEqual(lastRecord('UnbindOutputBucket')?.credential, { source: 'aliyun-cli:dev' });
      const log = await waitForLog([`RequestId ${result.requestId}`]);
      const line = log.split('\n').find((l) => l.includes(`RequestId ${result.requestId}`)) ?? '';
      assert.match(line, /RequestId [0-9A-F-]+ AccessKeyId LTAI\*{4}0001 Source aliyun-cli:dev$/);
    });

    it('a key rotated in the CLI file signs the next call, with no change in VS Code', async () => {
      writeCliConfig({ current: 'dev', profiles: [ak('dev', ROTATED_KEY)] });
      const { result, sent } = await unbindFresh('cli-it');
      assert.equal(result.ok, true, JSON.stringify(result.error));
      assertAcceptedAndSigned(sent[0], ROTATED_KEY.accessKeyId);
    });

    it('without cliProfile, the file\'s current profile is used', async () => {
      writeCliConfig({ current: 'second', profiles: [ak('dev', DEMO_ACCESS_KEY), ak('second', ROTATED_KEY)] });
      await useProfiles({ name: 'cli-current-it', credentialSource: 'aliyun-cli' });
      const { result, sent } = await unbindFresh('cli-current-it');
      assert.equal(result.ok, true, JSON.stringify(result.error));
      assertAcceptedAndSigned(sent[0], ROTATED_KEY.accessKeyId);
      assert.equal(lastRecord('UnbindOutputBucket')?.credential?.source, 'aliyun-cli:second');
    });

    it('StsToken: the key and its token sign', async () => {
      const sts = new StsClient({ region: 'cn-shanghai', endpoint: emulator.url, credentials: { getCredentials: async () => DEMO_RAM_USER_KEY } });
      const issued = await sts.assumeRole({ roleArn: ROLE, sessionName: 'cli-token', durationSeconds: 900 });
      writeCliConfig({
        profiles: [{ name: 'tok', mode: 'StsToken', access_key_id: issued.credentials.accessKeyId, access_key_secret: issued.credentials.accessKeySecret, sts_token: issued.credentials.securityToken }],
      });
      await useProfiles({ name: 'cli-it', credentialSource: 'aliyun-cli', cliProfile: 'tok' });
      const { result, sent } = await unbindFresh('cli-it');
      assert.equal(result.ok, true, JSON.stringify(result.error));
      assertAcceptedAndSigned(sent[0], issued.credentials.accessKeyId);
    });

    it('an expired CLI token is not retried, and the message says to run aliyun configure for that profile', async () => {
      emulator.sts.advanceClock(3600_000);
      const { result, sent } = await unbindFresh('cli-it');
      assert.equal(result.ok, false);
      assert.equal(result.error?.code, 'InvalidSecurityToken.Expired');
      assert.match(result.error?.message ?? '', /aliyun configure --profile tok/);
      assert.equal(sent.length, 1, 'not retried');
    });

    it('RamRoleArn: the library assumes the role at the emulator\'s TLS STS; the role\'s key signs and is named', async () => {
      writeCliConfig({
        profiles: [{
          name: 'role', mode: 'RamRoleArn', access_key_id: DEMO_RAM_USER_KEY.accessKeyId, access_key_secret: DEMO_RAM_USER_KEY.accessKeySecret,
          ram_role_arn: ROLE, ram_session_name: 'cli-role', sts_endpoint: stsHost(),
        }],
      });
      await useProfiles({ name: 'cli-it', credentialSource: 'aliyun-cli', cliProfile: 'role' });
      const { result, sent, since } = await unbindFresh('cli-it');
      assert.equal(result.ok, true, JSON.stringify(result.error));
      const assumed = emulator.requests().slice(since).filter((r) => r.action === 'AssumeRole');
      assert.equal(assumed.length, 1);
      assert.equal(assumed[0].accessKeyId, DEMO_RAM_USER_KEY.accessKeyId);
      assert.ok(sent[0]?.accessKeyId?.startsWith('STS.'), 'signed with the role\'s temporary key');
      assert.equal(sent[0]?.outcome, 'OK');
      assert.deepEqual(lastRecord('UnbindOutputBucket')?.credential, { source: 'aliyun-cli:role', roleArn: ROLE, sessionName: 'cli-role' });
    });

    it('RamRoleArn whose own key is an STS key (sts_token): AssumeRole carries the token', async () => {
      const sts = new StsClient({ region: 'cn-shanghai', endpoint: emulator.url, credentials: { getCredentials: async () => DEMO_RAM_USER_KEY } });
      const base = await sts.assumeRole({ roleArn: ROLE, sessionName: 'cli-base', durationSeconds: 900 });
      writeCliConfig({
        profiles: [{
          name: 'role-sts', mode: 'RamRoleArn', access_key_id: base.credentials.accessKeyId, access_key_secret: base.credentials.accessKeySecret,
          sts_token: base.credentials.securityToken, ram_role_arn: ROLE, ram_session_name: 'cli-role-sts', sts_endpoint: stsHost(),
        }],
      });
      await useProfiles({ name: 'cli-it', credentialSource: 'aliyun-cli', cliProfile: 'role-sts' });
      const { result, sent, since } = await unbindFresh('cli-it');
      assert.equal(result.ok, true, JSON.stringify(result.error));
      const assumed = emulator.requests().slice(since).filter((r) => r.action === 'AssumeRole');
      assert.deepEqual(assumed.map((r) => [r.accessKeyId, r.outcome]), [[base.credentials.accessKeyId, 'OK']], 'signed with the STS key and accepted (not MissingSecurityToken)');
      assert.ok(sent[0]?.accessKeyId?.startsWith('STS.') && sent[0].accessKeyId !== base.credentials.accessKeyId, 'the role\'s own key signs MPS');
    });

    it('OIDC with provider ARN, token file and role ARN from ALIBABA_CLOUD_OIDC_* (RRSA): AssumeRoleWithOIDC, then the role\'s key signs', async () => {
      const tokenFile = path.join(path.dirname(cliConfigFile()), 'oidc-token');
      fs.writeFileSync(tokenFile, 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJlbXVsYXRvciJ9.c2lnbmF0dXJl');
      const env: Record<string, string> = {
        ALIBABA_CLOUD_OIDC_PROVIDER_ARN: `acs:ram::${DEMO_ACCOUNT_ID}:oidc-provider/ack-rrsa`,
        ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
        ALIBABA_CLOUD_ROLE_ARN: ROLE,
        ALIBABA_CLOUD_ROLE_SESSION_NAME: 'rrsa-pod',
      };
      // The extension reads process.env at call time, as it would in a pod that RRSA set up.
      const saved = Object.keys(env).map((k) => [k, process.env[k]] as const);
      Object.assign(process.env, env);
      try {
        writeCliConfig({ profiles: [{ name: 'rrsa', mode: 'OIDC', sts_endpoint: stsHost() }] });
        await useProfiles({ name: 'cli-it', credentialSource: 'aliyun-cli', cliProfile: 'rrsa' });
        const { result, sent, since } = await unbindFresh('cli-it');
        assert.equal(result.ok, true, JSON.stringify(result.error));
        const assumed = emulator.requests().slice(since).filter((r) => r.action === 'AssumeRoleWithOIDC');
        assert.deepEqual(assumed.map((r) => [r.params.RoleArn, r.params.RoleSessionName, r.outcome]), [[ROLE, 'rrsa-pod', 'OK']]);
        assert.ok(sent[0]?.accessKeyId?.startsWith('STS.'), 'signed with the role\'s temporary key');
        assert.deepEqual(lastRecord('UnbindOutputBucket')?.credential, { source: 'aliyun-cli:rrsa', roleArn: ROLE, sessionName: 'rrsa-pod' });
      } finally {
        for (const [k, v] of saved) if (v === undefined) delete process.env[k]; else process.env[k] = v;
      }
    });

    it('ChainableRamRoleArn: the source profile\'s key assumes the role', async () => {
      writeCliConfig({
        profiles: [
          ak('base', DEMO_RAM_USER_KEY),
          { name: 'chain', mode: 'ChainableRamRoleArn', source_profile: 'base', ram_role_arn: ROLE, ram_session_name: 'cli-chain', sts_endpoint: stsHost() },
        ],
      });
      await useProfiles({ name: 'cli-it', credentialSource: 'aliyun-cli', cliProfile: 'chain' });
      const { result, sent, since } = await unbindFresh('cli-it');
      assert.equal(result.ok, true, JSON.stringify(result.error));
      const assumed = emulator.requests().slice(since).filter((r) => r.action === 'AssumeRole');
      assert.deepEqual(assumed.map((r) => [r.accessKeyId, r.outcome]), [[DEMO_RAM_USER_KEY.accessKeyId, 'OK']]);
      assert.ok(sent[0]?.accessKeyId?.startsWith('STS.'));
      assert.equal(lastRecord('UnbindOutputBucket')?.credential?.sessionName, 'cli-chain');
    });

    it('External: the key the command prints signs', async () => {
      const script = path.join(path.dirname(cliConfigFile()), 'print-key.js');
      fs.mkdirSync(path.dirname(script), { recursive: true });
      fs.writeFileSync(script, `process.stdout.write(JSON.stringify({ mode: 'AK', access_key_id: ${JSON.stringify(DEMO_ACCESS_KEY.accessKeyId)}, access_key_secret: ${JSON.stringify(DEMO_ACCESS_KEY.accessKeySecret)} }));`);
      writeCliConfig({ profiles: [{ name: 'ext', mode: 'External', process_command: `${process.execPath} ${script}` }] });
      await useProfiles({ name: 'cli-it', credentialSource: 'aliyun-cli', cliProfile: 'ext' });
      const { result, sent } = await unbindFresh('cli-it');
      assert.equal(result.ok, true, JSON.stringify(result.error));
      assertAcceptedAndSigned(sent[0], DEMO_ACCESS_KEY.accessKeyId);
    });
  });

  describe('broken CLI profiles: one error row, one clear error, nothing sent', () => {
    const failing = path.join('.aliyun', 'fail.js');
    const cases: { title: string; write: () => void; cliProfile: string; env?: Record<string, string>; expect: RegExp }[] = [
      {
        // The library would build https://sts.x@127.0.0.1:PORT/.aliyuncs.com and send AssumeRole to the emulator.
        title: 'ALIBABA_CLOUD_STS_REGION pointing AssumeRole at another host and port',
        write: () => writeCliConfig({
          profiles: [{ name: 'role', mode: 'RamRoleArn', access_key_id: DEMO_RAM_USER_KEY.accessKeyId, access_key_secret: DEMO_RAM_USER_KEY.accessKeySecret, ram_role_arn: ROLE, ram_session_name: 'cli-role' }],
        }),
        cliProfile: 'role',
        env: { ALIBABA_CLOUD_STS_REGION: 'x@127.0.0.1:TLS_PORT/' },
        expect: /"role" \(mode RamRoleArn\) .*the STS host from ALIBABA_CLOUD_STS_REGION is refused/,
      },
      { title: 'missing file', write: () => removeCliConfig(), cliProfile: 'dev', expect: /aliyun CLI profile "dev" in ~\/\.aliyun\/config\.json: the file does not exist/ },
      { title: 'malformed JSON', write: () => writeCliConfig(`{"profiles":[{"name":"dev","access_key_secret":"${DEMO_ACCESS_KEY.accessKeySecret}"`), cliProfile: 'dev', expect: /aliyun CLI config ~\/\.aliyun\/config\.json: the file is not valid JSON/ },
      { title: 'unknown profile', write: () => writeCliConfig({ profiles: [ak('dev', DEMO_ACCESS_KEY)] }), cliProfile: 'prod', expect: /aliyun CLI profile "prod" in ~\/\.aliyun\/config\.json: there is no such profile/ },
      { title: 'refused mode', write: () => writeCliConfig({ profiles: [{ name: 'uri', mode: 'CredentialsURI', credentials_uri: 'http://127.0.0.1:1/' }] }), cliProfile: 'uri', expect: /"uri" \(mode CredentialsURI\) .*does not support mode "CredentialsURI"/ },
      {
        title: 'failing External command',
        write: () => {
          const script = path.join(path.dirname(path.dirname(cliConfigFile())), failing);
          writeCliConfig({ profiles: [{ name: 'ext', mode: 'External', process_command: `${process.execPath} ${script}` }] });
          fs.writeFileSync(script, `process.stderr.write('no key for you ${DEMO_ACCESS_KEY.accessKeySecret}'); process.exit(2);`);
        },
        cliProfile: 'ext',
        expect: /"ext" \(mode External\) .*its process_command failed/,
      },
    ];
    for (const c of cases) {
      it(c.title, async () => {
        c.write();
        // The extension reads process.env at call time: this host's environment is the one it sees.
        const saved = Object.keys(c.env ?? {}).map((k) => [k, process.env[k]] as const);
        for (const [k, v] of Object.entries(c.env ?? {})) process.env[k] = v.replace('TLS_PORT', String(emulator.tlsPort));
        try {
          await brokenCase(c);
        } finally {
          for (const [k, v] of saved) if (v === undefined) delete process.env[k]; else process.env[k] = v;
        }
      });
    }

    async function brokenCase(c: { cliProfile: string; expect: RegExp }): Promise<void> {
      await useProfiles({ name: 'cli-broken-it', credentialSource: 'aliyun-cli', cliProfile: c.cliProfile, outputBuckets: ['media-output-demo'] });
      await vscode.commands.executeCommand('alicloudMedia.refresh');
      const profile = await waitFor(async () => (await treeRows(api)).find((r) => r.label === 'cli-broken-it'), 'the profile row');
      const first = await waitFor(async () => (await treeRows(api, profile.element))[0], 'the profile\'s first row');
      assert.match(first.label, c.expect);
      assert.ok(!first.label.includes(DEMO_ACCESS_KEY.accessKeySecret));
      const received = emulator.stats().received;
      const result = await unbind({ profile: 'cli-broken-it', bucket: 'media-output-demo' });
      assert.equal(result.ok, false);
      assert.equal(result.error?.code, 'CliProfileUnusable');
      assert.match(result.error?.message ?? '', c.expect);
      assert.ok(!(result.error?.message ?? '').includes(DEMO_ACCESS_KEY.accessKeySecret));
      assert.equal(emulator.stats().received, received, 'a request was sent');
      // Nothing to store for a CLI profile: Set AccessKey… refuses, and the row offers neither command.
      const stored = await setCredentials('cli-broken-it', DEMO_ACCESS_KEY);
      assert.equal(stored.ok, false);
      assert.equal(stored.error?.code, 'CredentialSourceCannotStoreKey');
      assert.equal(profile.contextValue, 'profile');
    }
  });

  describe('assumeRole on a keychain profile', () => {
    const PROFILE = 'role-it';

    before(async () => {
      await useProfiles({ name: PROFILE, credentialSource: 'keychain', assumeRole: { roleArn: ROLE, durationSeconds: 3600 } });
      assert.deepEqual(await setCredentials(PROFILE, DEMO_RAM_USER_KEY), { ok: true });
    });

    it('AssumeRole goes to the profile\'s STS endpoint, recorded with its RequestId; the role\'s key signs MPS', async () => {
      const { result, sent, since } = await unbindFresh(PROFILE);
      assert.equal(result.ok, true, JSON.stringify(result.error));
      const assumed = emulator.requests().slice(since).filter((r) => r.action === 'AssumeRole');
      assert.equal(assumed.length, 1);
      assert.equal(assumed[0].accessKeyId, DEMO_RAM_USER_KEY.accessKeyId);
      const record = lastRecord('AssumeRole');
      assert.equal(record?.outcome, 'succeeded');
      assert.equal(record?.requestId, assumed[0].requestId);
      assert.deepEqual(record?.credential, { source: 'keychain' });
      assert.ok(sent[0]?.accessKeyId?.startsWith('STS.'));
      assert.deepEqual(lastRecord('UnbindOutputBucket')?.credential, { source: 'keychain', roleArn: ROLE, sessionName: `vscode-${PROFILE}` });
      const log = await waitForLog([`RequestId ${result.requestId}`, `RequestId ${record?.requestId}`]);
      const line = log.split('\n').find((l) => l.includes(`RequestId ${result.requestId}`)) ?? '';
      assert.match(line, new RegExp(`AccessKeyId STS\\.\\*{4}\\w{4} Source keychain Role ${ROLE.replace(/[/]/g, '\\/')} Session vscode-${PROFILE}$`));
    });

    it('the profile row shows the source, the role and when its key expires', async () => {
      await vscode.commands.executeCommand('alicloudMedia.refresh');
      const row = await waitFor(async () => {
        const found = (await treeRows(api)).find((r) => r.label === PROFILE);
        if (found) await treeRows(api, found.element);
        return found && /expires \d{2}:\d{2}/.test(found.description) ? found : undefined;
      }, 'the role and expiry on the profile row');
      assert.match(row.description, /^cn-shanghai · keychain · role transcoderole · expires \d{2}:\d{2}/);
      assert.match(row.tooltip, new RegExp(`Assumes role: ${ROLE.replace(/[/]/g, '\\/')} \\(session vscode-${PROFILE}\\)`));
      assert.match(row.tooltip, /Temporary key expires: \d{4}-\d{2}-\d{2}T/);
    });

    it('an expired token is renewed once: one more AssumeRole, and the call goes through', async () => {
      const before = requestsOf(emulator, 'AssumeRole').length;
      emulator.sts.advanceClock(2 * 3600_000);
      const { result, sent } = await unbindFresh(PROFILE);
      assert.equal(result.ok, true, JSON.stringify(result.error));
      assert.deepEqual(sent.map((r) => r.outcome), ['InvalidSecurityToken.Expired', 'OK']);
      assert.equal(requestsOf(emulator, 'AssumeRole').length, before + 1);
      assert.notEqual(sent[0].accessKeyId, sent[1].accessKeyId, 'the renewed key signs the second attempt');
    });

    it('a revocation made as the role can be undone after its temporary key was renewed', async () => {
      const { result, sent } = await unbindFresh(PROFILE);
      assert.equal(result.ok, true, JSON.stringify(result.error));
      const revocation = lastRecord('UnbindOutputBucket');
      assert.ok(revocation?.id, 'the revocation is recorded');
      emulator.sts.advanceClock(2 * 3600_000);
      const undo = await vscode.commands.executeCommand<{ ok: boolean; reason?: string; requestId?: string }>('alicloudMedia.undo', { recordId: revocation.id });
      assert.equal(undo?.ok, true, JSON.stringify(undo));
      const bind = requestsOf(emulator, 'BindOutputBucket').at(-1);
      assert.ok(bind?.accessKeyId?.startsWith('STS.'));
      assert.notEqual(bind?.accessKeyId, sent[0].accessKeyId, 'a renewed key signed the undo');
    });

    it('an unknown role: EntityNotExist.Role, and nothing reaches MPS', async () => {
      await useProfiles({ name: PROFILE, credentialSource: 'keychain', assumeRole: { roleArn: `acs:ram::${DEMO_ACCOUNT_ID}:role/nosuchrole` } });
      const { result, sent } = await unbindFresh(PROFILE);
      assert.equal(result.ok, false);
      assert.equal(result.error?.code, 'EntityNotExist.Role');
      assert.equal(sent.length, 0);
    });
  });

  describe('Import aliyun CLI Profiles', () => {
    it('adds profiles that refer to CLI profiles by name, with their region and site, and never their keys', async () => {
      // An OAuth profile of the international site says so in oauth_site_type; the others say nothing (china).
      const intl = { name: 'intl', mode: 'OAuth', region_id: 'ap-southeast-1', oauth_site_type: 'INTL', oauth_refresh_token: 'RefreshTokenNotReal0001' };
      writeCliConfig({ profiles: [ak('dev', DEMO_ACCESS_KEY), { ...ak('beijing', ROTATED_KEY), region_id: 'cn-beijing' }, intl] });
      await setProfiles([{ name: 'dev', region: 'cn-shanghai' }]);
      const result = await vscode.commands.executeCommand<{ ok: boolean; imported: { cliProfile: string; name: string; region: string; site: string }[] }>(
        'alicloudMedia.importCliProfiles',
        { profiles: ['dev', 'beijing', 'intl'] },
      );
      assert.deepEqual(result.imported, [
        { cliProfile: 'dev', name: 'dev-cli', region: 'cn-shanghai', site: 'china' },
        { cliProfile: 'beijing', name: 'beijing', region: 'cn-beijing', site: 'china' },
        { cliProfile: 'intl', name: 'intl', region: 'ap-southeast-1', site: 'international' },
      ]);
      const written = vscode.workspace.getConfiguration('alicloudMedia').inspect<unknown[]>('profiles')?.globalValue ?? [];
      assert.deepEqual(written.slice(1).map((p) => (p as { credentialSource: string; cliProfile: string }).cliProfile), ['dev', 'beijing', 'intl']);
      assert.deepEqual(written.slice(1).map((p) => (p as { site?: string }).site), [undefined, undefined, 'international']);
      assert.ok(!JSON.stringify(written).includes('RefreshTokenNotReal'), 'a token was copied into settings');
      const text = JSON.stringify(written);
      assert.ok(!text.includes(DEMO_ACCESS_KEY.accessKeySecret) && !text.includes(ROTATED_KEY.accessKeySecret), 'a key was copied into settings');
      const again = await vscode.commands.executeCommand<{ skipped: { cliProfile: string }[] }>('alicloudMedia.importCliProfiles', { profiles: ['dev'] });
      assert.deepEqual(again.skipped.map((s) => s.cliProfile), ['dev'], 'imported twice');
    });
  });
});
