import * as assert from 'node:assert/strict';
import { readEnvironmentCredentials } from '../../../src/credentials/environment';

describe('readEnvironmentCredentials', () => {
  it('reads the official names, with the token', () => {
    const found = readEnvironmentCredentials({
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tExampleId1234',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret-value-0123456789',
      ALIBABA_CLOUD_SECURITY_TOKEN: 'tok',
    });
    assert.deepEqual(found, {
      credentials: { accessKeyId: 'LTAI5tExampleId1234', accessKeySecret: 'secret-value-0123456789', securityToken: 'tok' },
      source: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
    });
  });

  it('prefers the official names over the CLI and Terraform spellings', () => {
    const found = readEnvironmentCredentials({
      ALICLOUD_ACCESS_KEY: 'terraform-id',
      ALICLOUD_SECRET_KEY: 'terraform-secret',
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'official-id',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'official-secret',
    });
    assert.equal(found?.credentials.accessKeyId, 'official-id');
  });

  for (const [id, secret, token] of [
    ['ALIBABACLOUD_ACCESS_KEY_ID', 'ALIBABACLOUD_ACCESS_KEY_SECRET', 'ALIBABACLOUD_SECURITY_TOKEN'],
    ['ALICLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY_SECRET', 'ALICLOUD_SECURITY_TOKEN'],
    ['ALICLOUD_ACCESS_KEY', 'ALICLOUD_SECRET_KEY', 'ALICLOUD_SECURITY_TOKEN'],
  ] as const) {
    it(`reads ${id} / ${secret}`, () => {
      const found = readEnvironmentCredentials({ [id]: 'the-id', [secret]: 'the-secret', [token]: 'the-token' });
      assert.deepEqual(found?.credentials, { accessKeyId: 'the-id', accessKeySecret: 'the-secret', securityToken: 'the-token' });
      assert.equal(found?.source, id);
    });
  }

  it('never pairs an id with another family\'s secret, and ignores blanks', () => {
    assert.equal(readEnvironmentCredentials({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'id', ALICLOUD_SECRET_KEY: 'secret' }), undefined);
    assert.equal(readEnvironmentCredentials({ ALIBABA_CLOUD_ACCESS_KEY_ID: '  ', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'x' }), undefined);
    assert.equal(readEnvironmentCredentials({}), undefined);
  });

  it('omits an empty token', () => {
    const found = readEnvironmentCredentials({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's', ALIBABA_CLOUD_SECURITY_TOKEN: '' });
    assert.deepEqual(found?.credentials, { accessKeyId: 'id', accessKeySecret: 's' });
  });
});
