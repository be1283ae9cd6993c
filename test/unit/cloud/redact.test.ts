import { strict as assert } from 'node:assert';
import { maskAccessKeyId, redactText } from '../../../src/cloud/redact';

describe('redact', () => {
  it('masks AccessKeyIds to prefix and tail', () => {
    assert.equal(maskAccessKeyId('LTAI5tAbCdEfGh12abcd'), 'LTAI****abcd');
    assert.equal(maskAccessKeyId('STS.NUabcdefgh12345678'), 'STS.****5678');
    assert.equal(maskAccessKeyId('short'), '****');
    assert.equal(maskAccessKeyId(undefined), '');
  });

  it('drops query strings carrying signing parameters', () => {
    const url =
      'https://mts.cn-shanghai.aliyuncs.com/?AccessKeyId=LTAI5tAbCdEfGh12abcd&Action=UnbindOutputBucket&Signature=abc%2Bdef%3D&SecurityToken=CAIS123';
    const out = redactText(`Not found, URL: ${url}`);
    assert.ok(!out.includes('abc%2Bdef'), out);
    assert.ok(!out.includes('CAIS123'), out);
    assert.ok(!out.includes('LTAI5tAbCdEfGh12abcd'), out);
    assert.match(out, /^Not found, URL: https:\/\/mts\.cn-shanghai\.aliyuncs\.com\/\?\*\*\*$/);
  });

  it('keeps harmless URLs such as Recommend links', () => {
    const link = 'https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=Mts';
    assert.equal(redactText(link), link);
  });

  it('redacts values in plain, percent-encoded and JSON forms', () => {
    const echoed =
      'server string to sign is:POST&%2F&AccessKeyId%3DLTAI5tAbCdEfGh12abcd%26Action%3DX%26SecurityToken%3DCAIStoken123%26SignatureNonce%3Dn1';
    const out = redactText(echoed);
    assert.ok(!out.includes('CAIStoken123'), out);
    assert.ok(!out.includes('LTAI5tAbCdEfGh12abcd'), out);
    assert.match(out, /AccessKeyId%3DLTAI\*\*\*\*abcd%26Action%3DX/);
    assert.equal(redactText('Signature=aGVsbG8=&x=1'), 'Signature=***&x=1');
    assert.equal(redactText('{"AccessKeySecret":"s3cr3t-value"}'), '{"AccessKeySecret":"***"}');
  });

  it('replaces literal secrets and their URL encodings', () => {
    const secret = 'abc+def/ghi=jklmnopqrst';
    const text = `bad key ${secret} or ${encodeURIComponent(secret)}`;
    const out = redactText(text, [secret, undefined]);
    assert.equal(out, 'bad key *** or ***');
  });
});
