import { strict as assert } from 'node:assert';
import { demoState } from '../emulator/demoState';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { expectError, mpsClient, post, vodClient } from './emulator.helpers';

describe('emulator admin API (/__emulator/)', () => {
  let em: RunningEmulator;
  beforeEach(async () => {
    em = await startEmulator({ quiet: true });
  });
  afterEach(() => em.close());

  async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const res = await fetch(`${em.url}/__emulator/${path}`, {
      method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
    return { status: res.status, json: await res.json() };
  }

  it('GET stats and POST stats/reset', async () => {
    await post(mpsClient(em), 'ListAllMediaBucket');
    await expectError(post(mpsClient(em), 'UnbindOutputBucket', { Bucket: 'nope' }), 'Bucket.NotBind', 400);
    const s = (await admin('GET', 'stats')).json as { received: number; byAction: Record<string, { accepted: number; failed: number }> };
    assert.equal(s.received, 2);
    assert.equal(s.byAction.ListAllMediaBucket.accepted, 1);
    assert.equal(s.byAction.UnbindOutputBucket.failed, 1);
    assert.equal((await admin('POST', 'stats/reset')).status, 200);
    const after = (await admin('GET', 'stats')).json as { received: number; byAction: object };
    assert.deepEqual([after.received, after.byAction], [0, {}]);
  });

  it('POST faults / GET faults / DELETE faults', async () => {
    assert.equal((await admin('POST', 'faults', { action: 'ListAllMediaBucket', fault: { kind: 'server-error', status: 503, times: 1 } })).status, 200);
    assert.equal(((await admin('GET', 'faults')).json as unknown[]).length, 1);
    await expectError(post(mpsClient(em), 'ListAllMediaBucket'), 'ServiceUnavailable', 503);
    await post(mpsClient(em), 'ListAllMediaBucket');
    await admin('POST', 'faults', { action: '*', fault: { kind: 'throttle' } });
    await admin('DELETE', 'faults');
    await post(mpsClient(em), 'ListAllMediaBucket');
    assert.equal((await admin('POST', 'faults', { action: 'X', fault: { kind: 'nope' } })).status, 400);
  });

  it('POST latency', async () => {
    await admin('POST', 'latency', { ms: 150 });
    const t0 = Date.now();
    await post(mpsClient(em), 'ListAllMediaBucket');
    assert.ok(Date.now() - t0 >= 140);
    assert.equal((await admin('POST', 'latency', { ms: -1 })).status, 400);
  });

  it('GET/PUT state and POST reset', async () => {
    const got = (await admin('GET', 'state')).json;
    assert.deepEqual(got, demoState());
    const next = demoState();
    next.mediaBuckets = [{ bucket: 'replaced', type: 'Output' }];
    assert.equal((await admin('PUT', 'state', next)).status, 200);
    assert.deepEqual(em.state.outputBuckets(), ['replaced']);
    const bad = await admin('PUT', 'state', { mediaBuckets: 'no' });
    assert.equal(bad.status, 400);
    assert.match(String((bad.json as { error: string }).error), /mediaBuckets/);
    assert.deepEqual(em.state.outputBuckets(), ['replaced'], 'a rejected state changes nothing');
    await admin('POST', 'reset');
    assert.deepEqual(em.state.outputBuckets(), ['media-output-archive', 'media-output-demo', 'media-output-thumbs']);
  });

  it('PUT state can make a policy fail to detach (protectedPolicies): FailedPolicyNames, and the policy stays', async () => {
    // How a test in another process (an extension host) gets a bulk detach with a FailedPolicyNames answer.
    const next = demoState();
    const identity = { type: 'RamRole' as const, name: 'AuditReadOnlyRole', appId: 'app-1000000' };
    const entry = next.identities.find((i) => i.type === identity.type && i.name === identity.name && i.appId === identity.appId);
    assert.ok(entry, 'the demo state has the role');
    entry.protectedPolicies = ['VODAppReadOnlyAccess'];
    assert.equal((await admin('PUT', 'state', next)).status, 200);
    const answer = await post<{ NonExistPolicyNames: string[]; FailedPolicyNames: string[] }>(vodClient(em), 'DetachAppPolicyFromIdentity', {
      IdentityType: identity.type, IdentityName: identity.name, AppId: identity.appId, PolicyNames: 'VODAppReadOnlyAccess',
    });
    assert.deepEqual([answer.NonExistPolicyNames, answer.FailedPolicyNames], [[], ['VODAppReadOnlyAccess']]);
    assert.deepEqual(em.state.policiesOf(identity), ['VODAppReadOnlyAccess']);
  });

  it('GET requests lists recent calls without signatures; unknown routes 404', async () => {
    await post(mpsClient(em), 'ListAllMediaBucket');
    const reqs = (await admin('GET', 'requests')).json as { action: string; params: Record<string, string> }[];
    assert.equal(reqs.at(-1)?.action, 'ListAllMediaBucket');
    assert.equal(reqs.at(-1)?.params.Signature, undefined);
    assert.equal((await admin('GET', 'nothing-here')).status, 404);
  });

  it('admin calls are not counted as API requests and ignore faults', async () => {
    em.setFault('*', { kind: 'reset' });
    assert.equal((await admin('GET', 'health')).status, 200);
    assert.equal(em.stats().received, 0);
  });
});
