import * as assert from 'node:assert/strict';
import { describeIdentity, describeWho, isRamUserId, shortUserId } from '../../../src/cloud/identity';

describe('describeIdentity: the one spelling of an identity', () => {
  it('shows a resolved RAM user by name and shortened UserId', () => {
    const alice = { identityType: 'RamUser' as const, identityName: '2037164829300001', userName: 'alice', appId: 'app-1000000' };
    assert.equal(describeWho(alice), 'RamUser alice (2037…0001)');
    assert.equal(describeIdentity(alice), 'RamUser alice (2037…0001) in app-1000000');
  });

  it('shows the full UserId when no name is known, and a name alone before it is resolved', () => {
    assert.equal(describeWho({ identityType: 'RamUser', identityName: '2037164829300001' }), 'RamUser 2037164829300001');
    assert.equal(describeWho({ identityType: 'RamUser', identityName: 'alice' }), 'RamUser alice');
  });

  it('keeps roles by name, ignoring any user name', () => {
    assert.equal(describeIdentity({ identityType: 'RamRole', identityName: 'transcoder', appId: 'app-2', userName: 'x' }), 'RamRole transcoder in app-2');
  });

  it('says ? for what is missing instead of throwing', () => {
    assert.equal(describeIdentity(undefined), '? ?');
  });

  it('knows a UserId when it sees one', () => {
    assert.equal(isRamUserId('2037164829300001'), true);
    assert.equal(isRamUserId('alice'), false);
    assert.equal(isRamUserId('123abc'), false);
    assert.equal(shortUserId('12345'), '12345');
  });
});
