import * as assert from 'node:assert/strict';
import { CloudError } from '../../../src/cloud';
import { credentialProviderFor } from '../../../src/credentials/credentialLookup';
import { parseStoredCredentials, profileOfSecretKey, secretKeyFor, serializeCredentials, type SecretStore } from '../../../src/credentials/keychainSecrets';
import type { Profile } from '../../../src/settings/profileConfig';

function memoryStore(initial: Record<string, string> = {}): SecretStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get: async (k) => data.get(k),
    store: async (k, v) => void data.set(k, v),
    delete: async (k) => void data.delete(k),
  };
}

const profile = (over: Partial<Profile> = {}): Profile => ({
  name: 'demo',
  region: 'cn-shanghai',
  credentialSource: 'keychain',
  endpoints: {},
  outputBuckets: [],
  inputBuckets: [],
  identities: [],
  ...over,
});

describe('credential lookup and keychain entries', () => {
  it('keys secrets per profile and maps keys back', () => {
    assert.equal(secretKeyFor('demo'), 'alicloudMedia.accessKey/demo');
    assert.equal(profileOfSecretKey('alicloudMedia.accessKey/my profile'), 'my profile');
    assert.equal(profileOfSecretKey('other.key'), undefined);
  });

  it('round-trips credentials and refuses anything else', () => {
    const c = { accessKeyId: 'LTAI5tExampleId1234', accessKeySecret: 's'.repeat(30) };
    assert.deepEqual(parseStoredCredentials(serializeCredentials(c)), c);
    assert.deepEqual(parseStoredCredentials(serializeCredentials({ ...c, securityToken: 't' })), { ...c, securityToken: 't' });
    assert.equal(parseStoredCredentials('not json'), undefined);
    assert.equal(parseStoredCredentials('{"accessKeyId":1}'), undefined);
    assert.equal(parseStoredCredentials(undefined), undefined);
  });

  it('reads the keychain on every call, so a new key takes effect at once', async () => {
    const store = memoryStore();
    const provider = credentialProviderFor(profile(), store);
    await store.store(secretKeyFor('demo'), serializeCredentials({ accessKeyId: 'id-1', accessKeySecret: 'secret-1' }));
    assert.equal((await provider.getCredentials()).accessKeyId, 'id-1');
    await store.store(secretKeyFor('demo'), serializeCredentials({ accessKeyId: 'id-2', accessKeySecret: 'secret-2' }));
    assert.equal((await provider.getCredentials()).accessKeyId, 'id-2');
  });

  it('fails with kind auth and a clear message when nothing is set', async () => {
    const provider = credentialProviderFor(profile(), memoryStore());
    await assert.rejects(provider.getCredentials(), (e: unknown) => {
      assert.ok(e instanceof CloudError);
      assert.equal(e.kind, 'auth');
      assert.equal(e.code, 'MissingCredentials');
      assert.equal(e.message, "No AccessKey set for profile demo — run 'Set AccessKey…'.");
      return true;
    });
  });

  it('reads the environment for environment profiles, never the keychain', async () => {
    const store = memoryStore({ [secretKeyFor('demo')]: serializeCredentials({ accessKeyId: 'keychain', accessKeySecret: 'x' }) });
    const env = { ALICLOUD_ACCESS_KEY: 'env-id', ALICLOUD_SECRET_KEY: 'env-secret' };
    const provider = credentialProviderFor(profile({ credentialSource: 'environment' }), store, () => env);
    const { origin, ...key } = await provider.getCredentials();
    assert.deepEqual(key, { accessKeyId: 'env-id', accessKeySecret: 'env-secret' });
    // Records name the source; the hint says what to refresh when a server refuses the token.
    assert.equal(origin?.source, 'environment');
    assert.match(origin?.refreshHint ?? '', /ALIBABA_CLOUD_SECURITY_TOKEN/);
    await assert.rejects(credentialProviderFor(profile({ credentialSource: 'environment' }), store, () => ({})).getCredentials(), /environment/);
  });
});
