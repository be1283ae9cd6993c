import { strict as assert } from 'node:assert';
import { undoClientsFromSessions, type SessionLookup } from '../../../src/history/undoClients';

function sessions(region: string, calls: string[]): SessionLookup {
  return {
    get: (name) =>
      name === 'prod'
        ? {
            profile: { region },
            mps: () => ({ bindOutputBucket: async (bucket) => (calls.push(`bind ${bucket}`), { requestId: 'R-bind' }) }),
            vod: () => {
              throw new Error('cn-qingdao has no VOD');
            },
          }
        : undefined,
  };
}

describe('undoClientsFromSessions', () => {
  it('hands out the profile session clients for the record region', async () => {
    const calls: string[] = [];
    const clients = await undoClientsFromSessions(sessions('cn-qingdao', calls))('prod', 'cn-qingdao');
    assert.deepEqual(await clients.mps.bindOutputBucket('b1'), { requestId: 'R-bind' });
    assert.deepEqual(calls, ['bind b1']);
  });

  it('builds each product client only when used', async () => {
    await assert.doesNotReject(undoClientsFromSessions(sessions('cn-qingdao', []))('prod', 'cn-qingdao'));
  });

  it('refuses a missing profile, a removed profile and a changed region', async () => {
    const factory = undoClientsFromSessions(sessions('cn-shanghai', []));
    await assert.rejects(factory(undefined, 'cn-shanghai'), /not made with a profile/);
    await assert.rejects(factory('gone', 'cn-shanghai'), /no longer exists/);
    await assert.rejects(factory('prod', 'cn-beijing'), /now uses region cn-shanghai/);
  });
});
