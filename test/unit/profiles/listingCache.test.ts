import * as assert from 'node:assert/strict';
import { CloudError } from '../../../src/cloud';
import { bucketBinding } from '../../../src/tree/bucketBinding';
import { ListingCache } from '../../../src/profiles/listingCache';

describe('ListingCache', () => {
  it('shares a load in progress and caches the result until forgotten', async () => {
    const cache = new ListingCache<number>();
    let calls = 0;
    const fetch = async () => ++calls;
    const [a, b] = await Promise.all([cache.load('p', fetch), cache.load('p', fetch)]);
    assert.equal(calls, 1);
    assert.deepEqual(a, { status: 'loaded', value: 1 });
    assert.equal(b, a);
    await cache.load('p', fetch);
    assert.equal(calls, 1);
    cache.forget('p');
    assert.deepEqual(await cache.load('p', fetch), { status: 'loaded', value: 2 });
  });

  it('turns failures into a failed listing (never rejects)', async () => {
    const cache = new ListingCache<number>();
    const listing = await cache.load('p', () => Promise.reject(new CloudError({ kind: 'auth', code: 'SignatureDoesNotMatch', message: 'x', httpStatus: 400 })));
    assert.equal(listing.status, 'failed');
    assert.equal(listing.status === 'failed' && listing.error.code, 'SignatureDoesNotMatch');
  });

  it('does not let a load that was overtaken by a refresh overwrite the newer state', async () => {
    const cache = new ListingCache<string>();
    let release!: (v: string) => void;
    const slow = cache.load('p', () => new Promise<string>((r) => (release = r)));
    cache.forget('p');
    await cache.load('p', async () => 'fresh');
    release('stale');
    await slow;
    assert.deepEqual(cache.peek('p'), { status: 'loaded', value: 'fresh' });
  });
});

describe('bucketBinding', () => {
  const listing = {
    status: 'loaded' as const,
    value: { requestId: 'R', buckets: [{ bucket: 'out-1', type: 'Output' as const }, { bucket: 'in-1', type: 'Input' as const }] },
  };
  it('is bound only for an entry of the row\'s type', () => {
    assert.equal(bucketBinding(listing, 'Output', 'out-1'), 'bound');
    assert.equal(bucketBinding(listing, 'Output', 'in-1'), 'unbound');
    assert.equal(bucketBinding(listing, 'Input', 'in-1'), 'bound');
    assert.equal(bucketBinding(listing, 'Input', 'out-1'), 'unbound');
    assert.equal(bucketBinding(listing, 'Output', 'absent'), 'unbound');
  });
  it('is unknown until listed or after a failure', () => {
    assert.equal(bucketBinding(undefined, 'Input', 'in-1'), 'unknown');
    assert.equal(bucketBinding({ status: 'failed', error: new CloudError({ kind: 'network', code: 'ECONNREFUSED', message: 'x' }) }, 'Output', 'out-1'), 'unknown');
  });
});
