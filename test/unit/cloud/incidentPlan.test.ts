// The incident planner (cloud/incidentPlan.ts) over in-memory reads: which steps it plans from app policies and a
// RAM picture, which are ticked, what it lists as remaining, and the own-identity guard. Pure logic: the reads
// are the planner's injected interface (the emulator-backed run is in the integration suite).
import { strict as assert } from 'node:assert';
import { CloudError } from '../../../src/cloud/errors';
import {
  countSteps, isOwnIdentity, ownIdentityRefusal, planIncident, remainsAfter, tickedByDefault, type IncidentIdentity, type IncidentSources,
} from '../../../src/cloud/incidentPlan';
import type { RamPicture } from '../../../src/cloud/ramGrants';
import { readPolicyDocument } from '../../../src/cloud/ramPolicy';
import type { AppPolicy } from '../../../src/cloud/types';

const ALICE: IncidentIdentity = { identityType: 'RamUser', identityName: '2037164829300001', ramName: 'alice' };
const doc = (statements: object[]) => readPolicyDocument(JSON.stringify({ Version: '1', Statement: statements }));
const VOD_ALL = doc([{ Effect: 'Allow', Action: 'vod:*', Resource: '*' }]);
const refused = (code: string) => new CloudError({ kind: 'permission', code, message: `${code} refused`, requestId: 'REQ-1', retryable: false });

const picture: RamPicture = {
  identity: { kind: 'User', name: 'alice' },
  grants: [
    { policyName: 'AliyunVODFullAccess', policyType: 'System', routes: [{ kind: 'direct' }], reading: VOD_ALL },
    { policyName: 'vod-editors', policyType: 'Custom', routes: [{ kind: 'group', groupName: 'media-devs' }], reading: doc([{ Effect: 'Allow', Action: ['vod:Get*', 'mts:Submit*'], Resource: '*' }]) },
    { policyName: 'no-vod-deletes', policyType: 'Custom', routes: [{ kind: 'direct' }], reading: doc([{ Effect: 'Deny', Action: 'vod:Delete*', Resource: '*' }]) },
    { policyName: 'everything-but-ram', policyType: 'Custom', routes: [{ kind: 'direct' }], reading: doc([{ Effect: 'Allow', NotAction: ['ram:*'], Resource: '*' }]) },
    { policyName: 'unread-one', policyType: 'Custom', routes: [{ kind: 'direct' }] },
  ],
  gaps: [],
};

function sources(overrides: Partial<IncidentSources> = {}): IncidentSources {
  const held: Record<string, AppPolicy[]> = {
    'app-1': [{ appId: 'app-1', policyName: 'VODAppFullAccess', policyType: 'System' }],
    'app-2': [{ appId: 'app-2', policyName: 'VODAppReadOnlyAccess', policyType: 'System' }, { appId: 'app-2', policyName: 'my-custom', policyType: 'Custom' }],
    'app-3': [],
  };
  return {
    appAdministrator: { administrator: true },
    listApps: async () => ['app-1', 'app-2', 'app-3'].map((appId) => ({ appId, appName: `name of ${appId}` })),
    listAppPolicies: async (appId) => held[appId],
    ramPicture: async () => picture,
    groupPolicies: async () => [{ policyName: 'vod-editors' }, { policyName: 'AliyunOSSFullAccess' }],
    ...overrides,
  };
}

describe('incident planner', () => {
  it('plans one app-policy detach per app holding system policies, RAM detaches for direct grants and a membership for the group', async () => {
    const plan = await planIncident(sources(), ALICE);
    assert.deepEqual(plan.steps.map((s) => s.id), ['app:app-1', 'app:app-2', 'ram:User:System:AliyunVODFullAccess', 'group:media-devs']);
    const membership = plan.steps[3];
    assert.ok(membership.kind === 'groupMembership');
    assert.deepEqual([membership.userName, membership.grantingPolicies, membership.alsoLoses], ['alice', ['vod-editors'], ['AliyunOSSFullAccess']]);
    const ram = plan.steps[2];
    assert.ok(ram.kind === 'ramPolicy');
    assert.deepEqual([ram.principal, ram.principalName, ram.policyType, ram.services], ['User', 'alice', 'System', ['vod']]);
    assert.equal(plan.appsRead, 3);
    assert.deepEqual(countSteps(plan.steps), { appPolicies: 2, ramPolicy: 1, groupMembership: 1 });
  });

  it('never plans detaching a policy from a group, nor a Deny-only policy; unevaluable policies and custom app policies remain', async () => {
    const plan = await planIncident(sources(), ALICE);
    assert.ok(!plan.steps.some((s) => s.kind === 'ramPolicy' && (s.policyName === 'vod-editors' || s.policyName === 'no-vod-deletes')));
    assert.deepEqual(plan.remains.map((r) => r.kind === 'ramUnevaluated' ? r.policyName : r.kind === 'customAppPolicy' ? `${r.appId}:${r.policyNames.join()}` : r.kind).sort(),
      ['app-2:my-custom', 'everything-but-ram', 'unread-one']);
  });

  it('ticks every step except group memberships; an unticked membership is named among what remains', async () => {
    const plan = await planIncident(sources(), ALICE);
    assert.deepEqual(plan.steps.map(tickedByDefault), [true, true, true, false]);
    const selected = new Set(plan.steps.filter(tickedByDefault).map((s) => s.id));
    const kept = remainsAfter(plan, selected).filter((r) => r.kind === 'membershipKept');
    assert.deepEqual(kept, [{ kind: 'membershipKept', groupName: 'media-devs', policies: ['vod-editors'] }]);
    assert.equal(remainsAfter(plan, new Set(plan.steps.map((s) => s.id))).filter((r) => r.kind === 'membershipKept').length, 0);
  });

  it('with a key that is no app administrator, VOD is not asked and the plan says app policies were not seen', async () => {
    let asked = 0;
    const plan = await planIncident(sources({ appAdministrator: { administrator: false, reason: 'lacks VODAppAdministratorAccess' }, listApps: async () => { asked++; return []; } }), ALICE);
    assert.equal(asked, 0);
    assert.ok(!plan.steps.some((s) => s.kind === 'appPolicies'));
    assert.deepEqual(plan.remains.find((r) => r.kind === 'appPoliciesNotSeen'), { kind: 'appPoliciesNotSeen', reason: 'lacks VODAppAdministratorAccess' });
  });

  it('failed listings and RAM gaps are remains with their errors, and the other steps are still planned', async () => {
    const plan = await planIncident(sources({
      listAppPolicies: async (appId) => { if (appId === 'app-2') throw refused('Forbidden.OperateApp'); return appId === 'app-1' ? [{ appId, policyName: 'VODAppFullAccess', policyType: 'System' }] : []; },
      groupPolicies: async () => { throw refused('NoPermission'); },
      ramPicture: async () => ({ ...picture, gaps: [{ action: 'ListGroupsForUser', subject: 'alice', error: refused('NoPermission') }] }),
    }), ALICE);
    const failed = plan.remains.find((r) => r.kind === 'appListingFailed');
    assert.ok(failed?.kind === 'appListingFailed' && failed.appId === 'app-2' && failed.error.code === 'Forbidden.OperateApp');
    assert.ok(plan.remains.some((r) => r.kind === 'ramReadFailed' && r.gap.action === 'ListGroupsForUser'));
    const membership = plan.steps.find((s) => s.kind === 'groupMembership');
    assert.ok(membership?.kind === 'groupMembership' && membership.alsoLoses === undefined && membership.alsoLosesError?.code === 'NoPermission');
    const noPicture = await planIncident(sources({ ramPicture: async () => refused('UserNameUnknown') }), ALICE);
    assert.ok(noPicture.remains.some((r) => r.kind === 'ramNotRead' && r.error.code === 'UserNameUnknown'));
    assert.ok(!noPicture.steps.some((s) => s.kind !== 'appPolicies'));
  });

  it('a cancel while planning rejects as cancelled and plans nothing', async () => {
    const ac = new AbortController();
    const p = planIncident(sources({ listAppPolicies: async () => { ac.abort(); return []; } }), ALICE, { signal: ac.signal });
    await assert.rejects(p, (e: CloudError) => e.kind === 'cancelled');
  });

  it('own-identity guard: the key\'s own user or assumed role needs a second acknowledgement; the root key never is the target', async () => {
    assert.equal(isOwnIdentity('acs:ram::1839204725361048:user/alice', ALICE), true);
    assert.equal(isOwnIdentity('acs:ram::1839204725361048:user/bob', ALICE), false);
    assert.equal(isOwnIdentity('acs:ram::1839204725361048:root', ALICE), false);
    assert.equal(isOwnIdentity(undefined, ALICE), false);
    const role: IncidentIdentity = { identityType: 'RamRole', identityName: 'TranscodeRole', ramName: 'TranscodeRole' };
    assert.equal(isOwnIdentity('acs:ram::1839204725361048:assumed-role/transcoderole/session-1', role), true);
    assert.equal(isOwnIdentity('acs:ram::1839204725361048:assumed-role/otherrole/session-1', role), false);
    const own = await planIncident(sources(), ALICE, { ownIdentity: true });
    assert.equal(ownIdentityRefusal(own, false), 'refuse');
    assert.equal(ownIdentityRefusal(own, true), 'ok');
    assert.equal(ownIdentityRefusal(await planIncident(sources(), ALICE), false), 'ok');
  });

  it('the key\'s own identity is listed even without administrator rights: that answer is its own', async () => {
    const plan = await planIncident(sources({ appAdministrator: { administrator: false } }), ALICE, { ownIdentity: true });
    assert.equal(plan.steps.filter((s) => s.kind === 'appPolicies').length, 2);
  });
});
