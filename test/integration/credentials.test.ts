// Where the signing key comes from, proven at the emulator (which records the AccessKeyId of every request and
// accepts only correctly signed ones):
//  - keychain profiles: setCredentials stores the key in SecretStorage and every call reads it from there (a
//    replaced key signs the next call; a cleared key makes calls fail with MissingCredentials and send nothing);
//  - environment profiles: the key comes from the environment of the extension host, read at call time, in the
//    documented order of spellings. The runner starts VS Code with only the Terraform spelling
//    (ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY) set to the emulator's demo key and the others emptied, so the
//    first test shows a key inherited from the environment VS Code was started in.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DEMO_ACCESS_KEY,
  assertAcceptedAndSigned,
  clearCredentialEnvironment,
  clearCredentials,
  emulatorProfile,
  extensionApi,
  requestsOf,
  saveCredentialEnvironment,
  setCredentials,
  setProfiles,
  startTestEmulator,
  unbind,
  userDataDir,
  type RunningEmulator,
} from './support/harness';

const KEYCHAIN = 'cred-keychain-it';
const ENVIRONMENT = 'cred-env-it';

/** A second key the emulator accepts, to tell which key signed a request. */
const SECOND_KEY = { accessKeyId: 'LTAI5tCredSecondKey0002', accessKeySecret: 'CredentialsSecondSecretNotReal000002' };
const STS_KEY = { accessKeyId: 'STS.CredTestToken0003', accessKeySecret: 'CredentialsStsSecretNotReal00000003', securityToken: 'CredStsSecurityTokenNotReal0003' };

describe('credentials', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  const env = saveCredentialEnvironment();

  before(async () => {
    emulator = await startTestEmulator({ accessKeys: [{ ...DEMO_ACCESS_KEY }, SECOND_KEY, STS_KEY] });
    await extensionApi();
    await setProfiles([
      emulatorProfile(emulator, { name: KEYCHAIN, credentialSource: 'keychain' }),
      emulatorProfile(emulator, { name: ENVIRONMENT, credentialSource: 'environment' }),
    ]);
  });

  after(async () => {
    await clearCredentials(KEYCHAIN);
    await setProfiles(undefined);
    env.restore();
    await emulator?.close();
  });

  /** A fresh bound bucket, unbound through the command; returns the result and what the server received. */
  async function unbindFresh(profile: string) {
    const bucket = `cred-${Math.random().toString(36).slice(2, 10)}`;
    emulator.state.replace({ ...emulator.state.toJSON(), mediaBuckets: [{ bucket, type: 'Output' }] });
    const since = emulator.requests().length;
    const result = await unbind({ profile, bucket });
    return { bucket, result, sent: requestsOf(emulator, 'UnbindOutputBucket', since) };
  }

  describe('keychain (SecretStorage)', () => {
    it('without a stored key, a call fails with MissingCredentials and sends nothing', async () => {
      await clearCredentials(KEYCHAIN);
      const received = emulator.stats().received;
      const { result } = await unbindFresh(KEYCHAIN);
      assert.equal(result.ok, false);
      assert.equal(result.error?.code, 'MissingCredentials');
      assert.equal(result.error?.kind, 'auth');
      assert.match(result.error?.message ?? '', /Set AccessKey/);
      assert.equal(emulator.stats().received, received, 'a request was sent without credentials');
    });

    it('setCredentials stores the key; the next call is signed with it', async () => {
      assert.deepEqual(await setCredentials(KEYCHAIN, DEMO_ACCESS_KEY), { ok: true });
      const { result, sent, bucket } = await unbindFresh(KEYCHAIN);
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.equal(sent.length, 1);
      assertAcceptedAndSigned(sent[0], DEMO_ACCESS_KEY.accessKeyId);
      assert.equal(emulator.state.isBound(bucket), false);
    });

    it('a replaced key signs the very next call (read from SecretStorage per call, not cached)', async () => {
      assert.deepEqual(await setCredentials(KEYCHAIN, SECOND_KEY), { ok: true });
      const { result, sent } = await unbindFresh(KEYCHAIN);
      assert.equal(result.ok, true, JSON.stringify(result));
      assertAcceptedAndSigned(sent[0], SECOND_KEY.accessKeyId);
    });

    it('an STS key is stored with its token and the token is sent', async () => {
      assert.deepEqual(await setCredentials(KEYCHAIN, STS_KEY), { ok: true });
      const { result, sent } = await unbindFresh(KEYCHAIN);
      assert.equal(result.ok, true, JSON.stringify(result));
      assertAcceptedAndSigned(sent[0], STS_KEY.accessKeyId);
      assert.equal(sent[0]?.params.SecurityToken, STS_KEY.securityToken);
    });

    it('rejects malformed credentials without storing them (the stored key keeps signing)', async () => {
      assert.deepEqual(await setCredentials(KEYCHAIN, DEMO_ACCESS_KEY), { ok: true });
      const short = await setCredentials(KEYCHAIN, { accessKeyId: SECOND_KEY.accessKeyId, accessKeySecret: 'too-short' });
      assert.equal(short.ok, false);
      assert.equal(short.error?.kind, 'invalid-input');
      assert.ok(!short.error?.message.includes('too-short'), 'the rejected secret is echoed in the error');
      const sts = await setCredentials(KEYCHAIN, { accessKeyId: STS_KEY.accessKeyId, accessKeySecret: STS_KEY.accessKeySecret });
      assert.equal(sts.ok, false, 'an STS key without its token is accepted');
      const unknown = await setCredentials('no-such-profile', DEMO_ACCESS_KEY);
      assert.equal(unknown.error?.code, 'UnknownProfile');
      const { sent } = await unbindFresh(KEYCHAIN);
      assertAcceptedAndSigned(sent[0], DEMO_ACCESS_KEY.accessKeyId);
    });

    it('clearCredentials deletes it: calls fail with MissingCredentials again and send nothing', async () => {
      assert.deepEqual(await clearCredentials(KEYCHAIN), { ok: true });
      const received = emulator.stats().received;
      const { result } = await unbindFresh(KEYCHAIN);
      assert.equal(result.error?.code, 'MissingCredentials');
      assert.equal(emulator.stats().received, received);
    });

    it('the key is never written to settings', () => {
      const settings = fs.readFileSync(path.join(userDataDir(), 'User', 'settings.json'), 'utf8');
      assert.ok(settings.includes(KEYCHAIN), 'not the settings file the profiles are in');
      for (const key of [DEMO_ACCESS_KEY, SECOND_KEY, STS_KEY]) {
        assert.ok(!settings.includes(key.accessKeySecret), 'a secret is in settings.json');
        assert.ok(!settings.includes(key.accessKeyId), 'an AccessKeyId is in settings.json');
      }
    });
  });

  describe('environment', () => {
    afterEach(() => env.restore());

    it('uses the key VS Code was started with (inherited ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY)', async () => {
      assert.equal(process.env.ALICLOUD_ACCESS_KEY, DEMO_ACCESS_KEY.accessKeyId, 'the runner did not pass the Terraform spelling');
      for (const k of ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABACLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY_ID']) {
        assert.ok(!process.env[k], `${k} is set in the extension host: the runner should have emptied it`);
      }
      const { result, sent } = await unbindFresh(ENVIRONMENT);
      assert.equal(result.ok, true, JSON.stringify(result));
      assertAcceptedAndSigned(sent[0], DEMO_ACCESS_KEY.accessKeyId);
    });

    it('prefers ALIBABA_CLOUD_* over the other spellings, read at call time', async () => {
      process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = SECOND_KEY.accessKeyId;
      process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = SECOND_KEY.accessKeySecret;
      const { result, sent } = await unbindFresh(ENVIRONMENT);
      assert.equal(result.ok, true, JSON.stringify(result));
      assertAcceptedAndSigned(sent[0], SECOND_KEY.accessKeyId);
    });

    it('accepts the aliyun CLI spellings ALIBABACLOUD_* and ALICLOUD_ACCESS_KEY_ID/_SECRET', async () => {
      clearCredentialEnvironment();
      process.env.ALIBABACLOUD_ACCESS_KEY_ID = SECOND_KEY.accessKeyId;
      process.env.ALIBABACLOUD_ACCESS_KEY_SECRET = SECOND_KEY.accessKeySecret;
      assertAcceptedAndSigned((await unbindFresh(ENVIRONMENT)).sent[0], SECOND_KEY.accessKeyId);

      clearCredentialEnvironment();
      process.env.ALICLOUD_ACCESS_KEY_ID = STS_KEY.accessKeyId;
      process.env.ALICLOUD_ACCESS_KEY_SECRET = STS_KEY.accessKeySecret;
      process.env.ALICLOUD_SECURITY_TOKEN = STS_KEY.securityToken;
      const { sent } = await unbindFresh(ENVIRONMENT);
      assertAcceptedAndSigned(sent[0], STS_KEY.accessKeyId);
      assert.equal(sent[0]?.params.SecurityToken, STS_KEY.securityToken);
    });

    it('never pairs an id with another spelling\'s secret: an incomplete pair falls through to the next complete one', async () => {
      clearCredentialEnvironment();
      process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = SECOND_KEY.accessKeyId; // no ALIBABA_CLOUD_ACCESS_KEY_SECRET
      process.env.ALICLOUD_ACCESS_KEY = DEMO_ACCESS_KEY.accessKeyId;
      process.env.ALICLOUD_SECRET_KEY = DEMO_ACCESS_KEY.accessKeySecret;
      assertAcceptedAndSigned((await unbindFresh(ENVIRONMENT)).sent[0], DEMO_ACCESS_KEY.accessKeyId);
    });

    it('with no variables set, fails with MissingCredentials naming the variables and sends nothing', async () => {
      clearCredentialEnvironment();
      const received = emulator.stats().received;
      const { result } = await unbindFresh(ENVIRONMENT);
      assert.equal(result.ok, false);
      assert.equal(result.error?.code, 'MissingCredentials');
      assert.match(result.error?.message ?? '', /ALIBABA_CLOUD_ACCESS_KEY_ID/);
      assert.equal(emulator.stats().received, received);
    });

    it('setCredentials refuses an environment profile, which keeps using only the environment', async () => {
      clearCredentialEnvironment();
      const stored = await setCredentials(ENVIRONMENT, SECOND_KEY);
      assert.equal(stored.ok, false);
      assert.equal(stored.error?.code, 'CredentialSourceCannotStoreKey');
      assert.match(stored.error?.message ?? '', /environment/);
      const { result } = await unbindFresh(ENVIRONMENT);
      assert.equal(result.error?.code, 'MissingCredentials', 'an environment profile used a key from SecretStorage');
      const cleared = await clearCredentials(ENVIRONMENT);
      assert.equal(cleared.ok, false, 'Clear AccessKey is refused for an environment profile too');
    });
  });
});
