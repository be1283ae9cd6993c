// Whether a key is a VOD app administrator, decided by the real core against the emulator (real signatures, the
// emulator deriving administrators from its account model), and what follows from it: another identity's listing
// is refused before anything is sent, and a detach whose answer was lost is never confirmed from the caller's own
// list.
import { strict as assert } from 'node:assert';
import { appAdministratorRefusal, decideAppAdministrator } from '../../src/cloud/appAdministrator';
import { CloudError } from '../../src/cloud/errors';
import { StsClient } from '../../src/cloud/sts';
import type { AccessKeyCredentials, AppIdentity } from '../../src/cloud/types';
import { checkPolicyListing, appAdministratorRefusalFor, type AdministratorSources } from '../../src/profiles/appAdministrators';
import { CallerAccounts } from '../../src/profiles/callerAccount';
import { demoUserId } from '../emulator/demoState';
import { DEMO_ACCESS_KEY, DEMO_READONLY_KEY, DEMO_RAM_USER_KEY } from '../emulator/server';
import { emulatorPerTest, harness, rejection, type Harness } from './core.helpers';

const ALICE: AppIdentity = { identityType: 'RamUser', identityName: demoUserId('alice'), appId: 'app-1000000' };
const ANALYTICS: AppIdentity = { identityType: 'RamUser', identityName: demoUserId('analytics-ro'), appId: 'app-2000001' };

describe('core: is this key a VOD app administrator?', () => {
  const ctx = emulatorPerTest();

  /** A session's parts, as ProfileSession has them: GetCallerIdentity cached per key, and a VOD client. */
  function sessionOf(key: AccessKeyCredentials): { h: Harness; session: AdministratorSources; callers: CallerAccounts } {
    const h = harness(ctx.em, key);
    const sts = new StsClient(h.options());
    const callers = new CallerAccounts(() => sts.getCallerIdentity());
    const vod = h.vod({ beforePolicyListing: (identity) => checkPolicyListing(session, identity) });
    const session: AdministratorSources = { caller: () => callers.of(key.accessKeyId), vod: () => vod };
    return { h, session, callers };
  }
  const decide = (key: AccessKeyCredentials) => {
    const h = harness(ctx.em, key);
    return decideAppAdministrator({ caller: () => new StsClient(h.options()).getCallerIdentity(), ownPolicies: (self) => h.vod().listOwnAppPolicies(self) });
  };
  const listingsNaming = (name: string) => ctx.em.requests().filter((r) => r.action === 'ListAppPoliciesForIdentity' && r.params.IdentityName === name).length;

  it('the account key: administrator from GetCallerIdentity alone', async () => {
    const answer = await decide(DEMO_ACCESS_KEY);
    assert.deepEqual([answer.status, answer.status === 'administrator' && answer.basis], ['administrator', 'account']);
    assert.equal(ctx.em.requests().filter((r) => r.action === 'ListAppPoliciesForIdentity').length, 0);
  });

  it("media-operator's key: administrator through VODAppAdministratorAccess, asked without IdentityType/IdentityName", async () => {
    const answer = await decide(DEMO_RAM_USER_KEY);
    assert.deepEqual([answer.status, answer.status === 'administrator' && answer.basis], ['administrator', 'policy']);
    const asked = ctx.em.requests().filter((r) => r.action === 'ListAppPoliciesForIdentity');
    assert.equal(asked.length, 1);
    assert.equal(asked[0].params.IdentityType, undefined);
    assert.equal(asked[0].params.IdentityName, undefined);
    assert.equal(asked[0].params.AppId, 'app-1000000');
  });

  it("analytics-ro's read-only key: not an administrator, with the RequestId of the listing that showed it", async () => {
    const answer = await decide(DEMO_READONLY_KEY);
    assert.equal(answer.status, 'not-administrator');
    const own = ctx.em.requests().find((r) => r.action === 'ListAppPoliciesForIdentity');
    assert.equal(answer.status === 'not-administrator' && answer.requestId, own?.requestId);
  });

  it('a failure is unknown, keeping the code and RequestId', async () => {
    ctx.em.setFault('ListAppPoliciesForIdentity', { kind: 'error', code: 'Forbidden.RAM', status: 403, times: 1 });
    const answer = await decide(DEMO_READONLY_KEY);
    assert.equal(answer.status, 'unknown');
    const error = answer.status === 'unknown' ? answer.error : undefined;
    assert.equal(error?.code, 'Forbidden.RAM');
    assert.equal(error?.requestId, ctx.em.requests().at(-1)?.requestId);
    assert.match(appAdministratorRefusal(answer as Parameters<typeof appAdministratorRefusal>[0]).message, new RegExp(`Forbidden.RAM .*RequestId ${error?.requestId}`));
  });

  it('with the read-only key another identity is refused before anything is sent; its own identity is listed', async () => {
    const { h, session } = sessionOf(DEMO_READONLY_KEY);
    const refused = await rejection(h.vod({ beforePolicyListing: (i) => checkPolicyListing(session, i) }).listAppPoliciesForIdentity(ALICE));
    assert.ok(refused instanceof CloudError);
    assert.deepEqual([refused.kind, refused.code], ['permission', 'NotAppAdministrator']);
    assert.equal(listingsNaming(ALICE.identityName), 0, 'VOD was not asked about alice');
    const record = h.records.find((r) => r.action === 'ListAppPoliciesForIdentity' && r.error?.code === 'NotAppAdministrator');
    assert.ok(record, 'the refusal is recorded (and so logged) like any call that was not sent');
    assert.equal(record.requestId, undefined, 'not sent: no RequestId of its own');
    const own = ctx.em.requests().find((r) => r.action === 'ListAppPoliciesForIdentity' && r.params.IdentityName === undefined);
    assert.match(refused.message, new RegExp(`RequestId ${own?.requestId}`), 'the deciding listing is named in words');
    const ownList = await session.vod().listAppPoliciesForIdentity(ANALYTICS);
    assert.deepEqual(ownList.policies.map((p) => p.policyName), ['VODAppReadOnlyAccess']);
  });

  it('decides once per GetCallerIdentity answer: many checks, one STS call and one own listing; a forgotten caller asks again', async () => {
    const { session, callers } = sessionOf(DEMO_READONLY_KEY);
    const count = (action: string) => ctx.em.requests().filter((r) => r.action === action).length;
    await Promise.all([1, 2, 3].map(() => appAdministratorRefusalFor(session, ALICE)));
    await appAdministratorRefusalFor(session);
    assert.deepEqual([count('GetCallerIdentity'), count('ListAppPoliciesForIdentity')], [1, 1]);
    callers.forget(); // what a Refresh of the profile and a key change do
    assert.equal((await appAdministratorRefusalFor(session))?.code, 'NotAppAdministrator');
    assert.deepEqual([count('GetCallerIdentity'), count('ListAppPoliciesForIdentity')], [2, 2]);
  });

  it('an administrator key lists anyone', async () => {
    const { session } = sessionOf(DEMO_RAM_USER_KEY);
    const list = await session.vod().listAppPoliciesForIdentity(ALICE);
    assert.deepEqual(list.policies.map((p) => p.policyName).sort(), ['VODAppFullAccess', 'VODCustomUploadOnly']);
    assert.equal(listingsNaming(ALICE.identityName), 1);
  });

  it("a lost detach answer is not confirmed from the read-only key's own list: the outcome stays unknown", async () => {
    const { h, session } = sessionOf(DEMO_READONLY_KEY);
    ctx.em.setFault('DetachAppPolicyFromIdentity', { kind: 'reset-after-action', times: 1 });
    const err = await rejection(session.vod().detachAppPolicyFromIdentity(ALICE, ['VODAppFullAccess']));
    assert.ok(err instanceof CloudError);
    assert.deepEqual([err.kind, err.code], ['unknown-outcome', 'OutcomeUnknown']);
    assert.equal(err.readBack?.action, 'ListAppPoliciesForIdentity');
    assert.equal(err.readBack?.code, 'NotAppAdministrator');
    assert.match(err.message, /NotAppAdministrator/);
    assert.equal(listingsNaming(ALICE.identityName), 0, "the caller's own list was never read as alice's");
    assert.equal(h.records.find((r) => r.action === 'DetachAppPolicyFromIdentity')?.outcome, 'unknown');
  });
});
