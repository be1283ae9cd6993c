import { strict as assert } from 'node:assert';
import { inspect } from 'node:util';
import { CloudError, cancelledError, describeError, toCloudError } from '../../../src/cloud/errors';
import { classify, fromPopCoreFailure, httpStatusError } from '../../../src/cloud/popCoreErrors';

const SECRET = 'TopSecretValue1234567890';
const TOKEN = 'CAIStokenValue987654321';
const GET_URL =
  `https://mts.cn-shanghai.aliyuncs.com/?AccessKeyId=LTAI5tAbCdEfGh12abcd&Action=UnbindOutputBucket` +
  `&SecurityToken=${TOKEN}&Signature=Zm9vYmFy%2Bc2lnbmF0dXJl%3D`;

/** Built the way pop-core 1.8.0 builds it (lib/rpc.js): message ends with the URL; data is the whole body. */
function popCoreError(body: Record<string, unknown>, statusCode: number, headers: Record<string, string> = {}): Error {
  const json = Object.assign(Object.create(null), body) as Record<string, unknown>;
  const err = new Error(`${json.Message}, URL: ${GET_URL}`) as Error & Record<string, unknown>;
  err.name = `${json.Code}Error`;
  err.data = json;
  err.code = json.Code;
  err.url = GET_URL;
  err.entry = { url: GET_URL, request: { headers: { 'x-acs-action': 'UnbindOutputBucket' } }, response: { statusCode, headers } };
  return err;
}

/** json-bigint's throw for a non-JSON body: a plain object, not an Error. */
function popCoreSyntaxError(text: string): unknown {
  return { name: 'SyntaxError', message: "Unexpected '<'", at: 1, text };
}

function printable(err: CloudError): string {
  return [err.message, err.stack ?? '', String(err), JSON.stringify(err), inspect(err), inspect(err, { showHidden: true, depth: 5 })].join('\n');
}

describe('errors', () => {
  it('normalizes a pop-core error body, stripping the URL', () => {
    const err = fromPopCoreFailure(
      popCoreError(
        {
          Code: 'SignatureDoesNotMatch',
          Message: 'Specified signature is not matched with our calculation.',
          RequestId: '4AEA0480-32F4-1656-92B3-F4D4CDE6BBB3',
          HostId: 'mts.cn-shanghai.aliyuncs.com',
          Recommend: 'https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=Mts',
        },
        400,
      ),
      { secrets: [SECRET, TOKEN] },
    );
    assert.ok(err instanceof CloudError);
    assert.equal(err.kind, 'auth');
    assert.equal(err.code, 'SignatureDoesNotMatch');
    assert.equal(err.httpStatus, 400);
    assert.equal(err.requestId, '4AEA0480-32F4-1656-92B3-F4D4CDE6BBB3');
    assert.equal(err.hostId, 'mts.cn-shanghai.aliyuncs.com');
    assert.equal(err.recommend, 'https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=Mts');
    assert.equal(err.retryable, false);
    assert.equal(err.message, 'Specified signature is not matched with our calculation.');
    const text = printable(err);
    for (const forbidden of [TOKEN, 'Zm9vYmFy', 'LTAI5tAbCdEfGh12abcd', 'URL:', 'entry', 'x-acs-action']) {
      assert.ok(!text.includes(forbidden), `printable text leaks ${forbidden}`);
    }
    assert.equal(describeError(err), 'SignatureDoesNotMatch (HTTP 400): Specified signature is not matched with our calculation. RequestId 4AEA0480-32F4-1656-92B3-F4D4CDE6BBB3');
  });

  it('reads x-acs-retry-after on throttling', () => {
    const err = fromPopCoreFailure(popCoreError({ Code: 'Throttling.User', Message: 'Request was denied due to user flow control.', RequestId: 'R1' }, 400, { 'x-acs-retry-after': '750' }));
    assert.equal(err.kind, 'throttled');
    assert.equal(err.retryable, true);
    assert.equal(err.retryAfterMs, 750);
  });

  it('maps a non-JSON body (pop-core SyntaxError object) to a retryable bad-response, keeping a visible status', () => {
    const err = fromPopCoreFailure(popCoreSyntaxError('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>'));
    assert.equal(err.kind, 'bad-response');
    assert.equal(err.httpStatus, 502);
    assert.equal(err.retryable, true);
    assert.match(err.message, /not JSON.*HTTP 502/);
    const unknown = fromPopCoreFailure(popCoreSyntaxError('garbage'));
    assert.equal(unknown.httpStatus, undefined);
    assert.equal(unknown.retryable, true);
    assert.equal(fromPopCoreFailure(popCoreSyntaxError('<title>403 Forbidden</title>')).retryable, false);
  });

  it('maps timeouts and Node network errors', () => {
    const timeout = new Error(`ReadTimeout(100). POST ${GET_URL} failed.`);
    timeout.name = 'RequestTimeoutError';
    const t = fromPopCoreFailure(timeout, { timeoutMs: 100 });
    assert.deepEqual([t.kind, t.retryable, t.message], ['timeout', true, 'No response within 100 ms.']);

    // Both ways: from pop-core on the request path, and as host code reads a Node error (the credentials library's).
    for (const normalize of [fromPopCoreFailure, toCloudError]) {
      const reset = Object.assign(new Error(`read ECONNRESET POST ${GET_URL} failed.`), { code: 'ECONNRESET' });
      assert.deepEqual([normalize(reset).kind, normalize(reset).retryable], ['network', true]);
      const hangUp = new Error(`socket hang up POST ${GET_URL} failed.`);
      assert.deepEqual([normalize(hangUp).kind, normalize(hangUp).retryable], ['network', true]);
      const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
      assert.deepEqual([normalize(refused).kind, normalize(refused).retryable], ['network', false]);
      const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
      assert.equal(normalize(epipe).retryable, true);
      const dns = Object.assign(new Error('getaddrinfo ENOTFOUND mts.nowhere'), { code: 'ENOTFOUND' });
      assert.equal(normalize(dns).kind, 'network');
      assert.ok(!normalize(reset).message.includes('Signature'));
    }
  });

  it('maps AbortError to cancelled and keeps CloudErrors as they are', () => {
    const abort = new Error('This operation was aborted');
    abort.name = 'AbortError';
    const original = new CloudError({ kind: 'server', code: 'InternalError', message: 'x' });
    for (const normalize of [toCloudError, fromPopCoreFailure]) {
      assert.equal(normalize(abort).kind, 'cancelled');
      assert.equal(normalize(original), original);
    }
  });

  it('builds errors for HTTP statuses pop-core resolved', () => {
    const e404 = httpStatusError(404, Object.assign(Object.create(null), { RequestId: 'R404' }), {});
    assert.deepEqual([e404.kind, e404.code, e404.httpStatus, e404.requestId, e404.retryable], ['not-found', 'HTTP404', 404, 'R404', false]);
    const e503 = httpStatusError(503, undefined, { 'x-acs-retry-after': '20' });
    assert.deepEqual([e503.kind, e503.retryable, e503.retryAfterMs], ['server', true, 20]);
    assert.equal(httpStatusError(403, {}, undefined).kind, 'permission');
    assert.equal(httpStatusError(400, {}, undefined).kind, 'invalid-input');
  });

  describe('classify', () => {
    const cases: [string | undefined, number | undefined, string][] = [
      ['InvalidAccessKeyId.NotFound', 404, 'auth'],
      ['InvalidAccessKeyId.Inactive', 400, 'auth'],
      ['IncompleteSignature', 400, 'auth'],
      ['InvalidSecurityToken.Expired', 400, 'auth'],
      ['InvalidTimeStamp.Expired', 400, 'auth'],
      ['Forbidden.RAM', 403, 'permission'],
      ['Forbidden.OperateApp', 403, 'permission'],
      ['OperationDenied.NotOpenAppService', 403, 'permission'],
      ['NoPermission', 403, 'permission'],
      ['Throttling', 400, 'throttled'],
      ['Throttling.Api', 400, 'throttled'],
      ['InvalidApi.NotFound', 404, 'not-found'],
      ['Bucket.NotFound', 404, 'not-found'],
      ['MissingBucket', 400, 'invalid-input'],
      ['InvalidParameter', 400, 'invalid-input'],
      ['Bucket.AlreadyBind', 400, 'invalid-input'],
      ['InternalError', 500, 'server'],
      ['ServiceUnavailable', 503, 'server'],
      [undefined, 502, 'server'],
      [undefined, 404, 'not-found'],
      [undefined, 429, 'throttled'],
    ];
    for (const [code, status, kind] of cases) {
      it(`${code ?? '(no code)'} / ${status} → ${kind}`, () => assert.equal(classify(code, status), kind));
    }
  });

  it('treats SignatureNonceUsed as retryable (the next attempt has a fresh nonce)', () => {
    const err = fromPopCoreFailure(popCoreError({ Code: 'SignatureNonceUsed', Message: 'Specified signature nonce was used already.', RequestId: 'R2' }, 400));
    assert.equal(err.retryable, true);
  });

  it('redacts secrets in unexpected errors too', () => {
    const err = fromPopCoreFailure(new Error(`boom with ${SECRET}`), { secrets: [SECRET] });
    assert.ok(!printable(err).includes(SECRET));
    assert.equal(err.kind, 'bad-response');
  });

  it('describeError omits missing parts', () => {
    assert.equal(describeError(new CloudError({ kind: 'network', code: 'ECONNRESET', message: 'The connection was reset.' })), 'ECONNRESET: The connection was reset.');
  });
});

describe('cancellation messages', () => {
  it('say whether a read was cut off in flight or nothing was sent', () => {
    assert.match(cancelledError(true).message, /read was cancelled while its request was in flight/);
    assert.match(cancelledError().message, /before a request was in flight/);
    assert.equal(cancelledError().kind, 'cancelled');
  });
});
