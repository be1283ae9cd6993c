import * as assert from 'node:assert/strict';
import { detachConfirmation, unbindConfirmation } from '../../../src/commands/confirmation';

const scope = { profile: 'demo', region: 'cn-shanghai', endpoint: 'https://mts.cn-shanghai.aliyuncs.com' };
const alice = { identityType: 'RamUser' as const, identityName: 'alice', appId: 'app-1000000' };

describe('revocation confirmations', () => {
  it('names the bucket, profile, region and endpoint of a single unbind', () => {
    const c = unbindConfirmation(scope, ['media-output-demo']);
    assert.equal(c.message, 'Unbind output bucket "media-output-demo" from MPS?');
    assert.equal(c.accept, 'Unbind');
    assert.match(c.detail, /^Profile: demo\nRegion: cn-shanghai\nEndpoint: https:\/\/mts\.cn-shanghai\.aliyuncs\.com\n/);
    assert.match(c.detail, /not changed/);
  });

  it('lists every bucket of a bulk unbind, and the count on the button', () => {
    const c = unbindConfirmation({ ...scope, endpoint: 'http://127.0.0.1:8765' }, ['a-1', 'b-2', 'c-3']);
    assert.equal(c.message, 'Unbind 3 output buckets from MPS?');
    assert.equal(c.accept, 'Unbind 3');
    assert.match(c.detail, /• a-1\n• b-2\n• c-3\n\nProfile: demo/);
    assert.match(c.detail, /Endpoint: http:\/\/127\.0\.0\.1:8765/);
  });

  it('shortens very long lists but keeps the exact count', () => {
    const buckets = Array.from({ length: 40 }, (_, i) => `bucket-${i}`);
    const c = unbindConfirmation(scope, buckets);
    assert.equal(c.message, 'Unbind 40 output buckets from MPS?');
    assert.match(c.detail, /… and 25 more/);
  });

  it('names the policies and the identity of a detach', () => {
    const one = detachConfirmation({ ...scope, endpoint: 'https://vod.cn-shanghai.aliyuncs.com' }, [{ identity: alice, policyNames: ['VODAppFullAccess'] }]);
    assert.equal(one.message, 'Detach app policy "VODAppFullAccess" from RamUser:alice (app-1000000)?');
    assert.equal(one.accept, 'Detach');
    assert.match(one.detail, /• VODAppFullAccess\n\nIdentity: RamUser:alice \(app-1000000\)\nProfile: demo\nRegion: cn-shanghai\nEndpoint: https:\/\/vod\./);

    const two = detachConfirmation(scope, [{ identity: alice, policyNames: ['A', 'B'] }]);
    assert.equal(two.message, 'Detach 2 app policies from RamUser:alice (app-1000000)?');
    assert.equal(two.accept, 'Detach 2');
  });

  it('groups a detach across identities', () => {
    const bob = { identityType: 'RamRole' as const, identityName: 'bob', appId: 'app-2' };
    const c = detachConfirmation(scope, [
      { identity: alice, policyNames: ['A'] },
      { identity: bob, policyNames: ['B', 'C'] },
    ]);
    assert.equal(c.message, 'Detach 3 app policies from 2 identities?');
    assert.match(c.detail, /• RamUser:alice \(app-1000000\): A\n• RamRole:bob \(app-2\): B, C/);
  });
});
