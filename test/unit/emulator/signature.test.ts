import { strict as assert } from 'node:assert';
import {
  canonicalQuery, percentEncode, sign, signV3, signedParams, stringToSign, canonicalRequestV3, sha256Hex,
} from '../../emulator/signature';

// Alibaba's published "Request signature" worked example.
const example = {
  AccessKeyId: 'testid',
  Action: 'DescribeRegions',
  Format: 'XML',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
  SignatureVersion: '1.0',
  Timestamp: '2016-02-23T12:46:24Z',
  Version: '2014-05-26',
};

describe('emulator signature v1', () => {
  it('reproduces the published GET example', () => {
    assert.equal(
      stringToSign('GET', example),
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1'
        + '%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0'
        + '%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
    assert.equal(sign('GET', example, 'testsecret'), 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('signs the same inputs for POST', () => {
    assert.equal(sign('POST', example, 'testsecret'), 'MxbnVAM4w6sft9xjVpe/GCKueuk=');
    assert.equal(sign('post', example, 'testsecret'), 'MxbnVAM4w6sft9xjVpe/GCKueuk=');
  });

  it('ignores a Signature param when canonicalizing', () => {
    assert.equal(sign('GET', { ...example, Signature: 'whatever' }, 'testsecret'), 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('differs for a wrong secret', () => {
    assert.notEqual(sign('GET', example, 'testsecreT'), 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  describe('percentEncode', () => {
    const cases: [string, string][] = [
      [' ', '%20'],
      ['*', '%2A'],
      ['~', '~'],
      ['-_.', '-_.'],
      ['AZaz09', 'AZaz09'],
      ['+', '%2B'],
      ['/', '%2F'],
      [':', '%3A'],
      ["!'()", '%21%27%28%29'],
      ['é', '%C3%A9'],
      ['中文', '%E4%B8%AD%E6%96%87'],
      ['😀', '%F0%9F%98%80'],
      ['a=b&c', 'a%3Db%26c'],
    ];
    for (const [input, expected] of cases) {
      it(`encodes ${JSON.stringify(input)} as ${expected}`, () => assert.equal(percentEncode(input), expected));
    }
  });

  it('sorts by name and encodes names and values', () => {
    assert.equal(canonicalQuery({ b: 'x y', a: '*~', 'c d': '1' }), 'a=%2A~&b=x%20y&c%20d=1');
  });

  it('signedParams produces a request that verifies with sign()', () => {
    const p = signedParams('POST', { Action: 'ListAllMediaBucket', Version: '2014-06-18' },
      { accessKeyId: 'id', accessKeySecret: 's' }, new Date('2024-01-02T03:04:05.678Z'), 'n1');
    assert.equal(p.Timestamp, '2024-01-02T03:04:05Z');
    assert.equal(p.SignatureNonce, 'n1');
    assert.equal(p.Signature, sign('POST', p, 's'));
  });
});

describe('emulator signature v3 (ACS3-HMAC-SHA256)', () => {
  const input = {
    method: 'POST',
    path: '/',
    query: { Bucket: 'my bucket*' },
    headers: {
      host: '127.0.0.1:8765',
      'x-acs-action': 'BindOutputBucket',
      'x-acs-content-sha256': sha256Hex(''),
      'x-acs-date': '2024-01-02T03:04:05Z',
      'x-acs-signature-nonce': 'abc',
      'x-acs-version': '2014-06-18',
    },
    signedHeaders: ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'],
    payloadHash: sha256Hex(''),
  };

  it('builds the canonical request in the documented layout', () => {
    const lines = canonicalRequestV3(input).split('\n');
    assert.equal(lines[0], 'POST');
    assert.equal(lines[1], '/');
    assert.equal(lines[2], 'Bucket=my%20bucket%2A');
    assert.equal(lines[3], 'host:127.0.0.1:8765');
    assert.equal(lines[9], '');
    assert.equal(lines[10], input.signedHeaders.join(';'));
    assert.equal(lines[11], 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('matches an independent HMAC computation and changes with the secret', async () => {
    const { createHash, createHmac } = await import('node:crypto');
    const canon = canonicalRequestV3(input);
    const expected = createHmac('sha256', 'secret')
      .update('ACS3-HMAC-SHA256\n' + createHash('sha256').update(canon).digest('hex')).digest('hex');
    assert.equal(signV3(input, 'secret'), expected);
    assert.notEqual(signV3(input, 'secret2'), expected);
  });
});
