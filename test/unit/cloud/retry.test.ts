import { strict as assert } from 'node:assert';
import { CloudError } from '../../../src/cloud/errors';
import { backoffDelay, retryPolicy, shouldRetry, withRetries } from '../../../src/cloud/retry';
import type { CloudErrorKind } from '../../../src/cloud/types';

const error = (kind: CloudErrorKind, extra: Partial<ConstructorParameters<typeof CloudError>[0]> = {}) =>
  new CloudError({ kind, code: extra.code ?? kind, message: kind, ...extra });

describe('retry', () => {
  const policy = retryPolicy({ random: () => 0.5, sleep: async () => undefined });

  it('retries throttling, server errors, timeouts, resets, HTML pages and SignatureNonceUsed', () => {
    assert.equal(shouldRetry(error('throttled'), 1, policy), true);
    assert.equal(shouldRetry(error('server'), 1, policy), true);
    assert.equal(shouldRetry(error('timeout'), 1, policy), true);
    assert.equal(shouldRetry(error('network', { retryable: true, code: 'ECONNRESET' }), 1, policy), true);
    assert.equal(shouldRetry(error('bad-response', { retryable: true, httpStatus: 502 }), 1, policy), true);
    assert.equal(shouldRetry(error('auth', { code: 'SignatureNonceUsed' }), 1, policy), true);
  });

  it('never retries auth, permission, invalid input, not found or cancellation', () => {
    for (const kind of ['auth', 'permission', 'invalid-input', 'not-found', 'cancelled'] as const) {
      assert.equal(shouldRetry(error(kind), 1, policy), false, kind);
    }
    assert.equal(shouldRetry(error('network', { code: 'ECONNREFUSED', retryable: false }), 1, policy), false);
  });

  it('bounds attempts (default 4)', async () => {
    assert.equal(retryPolicy().maxAttempts, 4);
    let calls = 0;
    await assert.rejects(
      withRetries(async () => {
        calls++;
        throw error('server');
      }, policy),
      (e: unknown) => e instanceof CloudError && e.kind === 'server',
    );
    assert.equal(calls, 4);
  });

  it('retries throttling for a time (default 60 s from the first attempt), whatever the number of attempts', async () => {
    assert.equal(retryPolicy().throttleBudgetMs, 60_000);
    let now = 0;
    const timed = retryPolicy({ random: () => 0.5, now: () => now, sleep: async (ms) => void (now += ms) });
    let calls = 0;
    await assert.rejects(
      withRetries(async () => {
        calls++;
        throw error('throttled');
      }, timed),
      (e: unknown) => e instanceof CloudError && e.kind === 'throttled',
    );
    assert.ok(calls > 4, `${calls} attempts`);
    assert.ok(now >= 60_000 && now < 60_000 + 4000, `gave up after ${now} ms`);
    // Throttled attempts do not use up the other faults' attempts.
    let n = 0;
    const kinds: CloudErrorKind[] = ['throttled', 'server', 'throttled', 'throttled', 'server', 'server'];
    const value = await withRetries(async () => {
      const kind = kinds[n++];
      if (kind) throw error(kind);
      return 'ok';
    }, timed);
    assert.deepEqual([value, n], ['ok', 7]);
    assert.equal(shouldRetry(error('throttled'), 10, timed, 59_999), true);
    assert.equal(shouldRetry(error('throttled'), 0, timed, 60_000), false);
  });

  it('stops at the first non-retryable error and returns the first success', async () => {
    let calls = 0;
    await assert.rejects(withRetries(async () => {
      calls++;
      throw error('permission');
    }, policy));
    assert.equal(calls, 1);
    let n = 0;
    const value = await withRetries(async (attempt) => {
      n = attempt;
      if (attempt < 3) throw error('server');
      return 'ok';
    }, policy);
    assert.deepEqual([value, n], ['ok', 3]);
  });

  it('keeps backoff within the exponential bounds for both jitter modes', () => {
    const at = (random: number, jitter: 'full' | 'equal', retry: number) =>
      backoffDelay(retry, retryPolicy({ random: () => random, jitter, baseDelayMs: 100, maxDelayMs: 1000 }));
    assert.equal(at(0, 'full', 1), 0);
    assert.equal(at(0.999999, 'full', 1), 100);
    assert.equal(at(0, 'equal', 1), 50);
    assert.equal(at(0.999999, 'equal', 3), 400);
    assert.equal(at(0.999999, 'equal', 10), 1000, 'capped at maxDelayMs');
    assert.equal(at(0, 'equal', 10), 500);
  });

  it('honours x-acs-retry-after as a floor, capped', () => {
    const p = retryPolicy({ random: () => 0, baseDelayMs: 100, maxRetryAfterMs: 5000 });
    assert.equal(backoffDelay(1, p, error('throttled', { retryAfterMs: 1200 })), 1200);
    assert.equal(backoffDelay(1, p, error('throttled', { retryAfterMs: 60_000 })), 5000);
  });

  it('reports each retry with the delay actually slept', async () => {
    const slept: number[] = [];
    const seen: [number, number][] = [];
    const p = retryPolicy({ random: () => 0.5, baseDelayMs: 100, sleep: async (ms) => void slept.push(ms) });
    await assert.rejects(withRetries(async () => { throw error('server'); }, p, { onRetry: (a, d) => seen.push([a, d]) }));
    assert.deepEqual(slept, [75, 150, 300]);
    assert.deepEqual(seen, [[1, 75], [2, 150], [3, 300]]);
  });

  it('cancels during backoff without another attempt', async () => {
    const controller = new AbortController();
    let calls = 0;
    const p = retryPolicy({
      sleep: (_ms, signal) => new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('x')))),
    });
    const running = withRetries(async () => {
      calls++;
      throw error('server');
    }, p, { signal: controller.signal });
    await new Promise((r) => setImmediate(r));
    controller.abort();
    await assert.rejects(running, (e: unknown) => e instanceof CloudError && e.kind === 'cancelled');
    assert.equal(calls, 1);
  });

  it('rejects a nonsensical attempt count', () => {
    assert.throws(() => retryPolicy({ maxAttempts: 0 }), RangeError);
  });
});
