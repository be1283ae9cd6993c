// Who the emulator treats as a VOD application administrator, derived from its account model: the account's own
// key, or a RAM user or role holding VODAppAdministratorAccess in app-1000000; `callers[key].appAdministrator`
// overrides. Everyone else is answered with their own app policies whatever IdentityType/IdentityName say
// (Alibaba's ListAppPoliciesForIdentity page). Raw pop-core against the emulator, real signatures.
import { strict as assert } from 'node:assert';
import { demoState, demoUserId } from '../emulator/demoState';
import { DEMO_ACCESS_KEY, DEMO_READONLY_KEY, DEMO_RAM_USER_KEY, startEmulator, type RunningEmulator } from '../emulator/server';
import { expectError, post, vodClient, type Key } from './emulator.helpers';
import RPCClient = require('@alicloud/pop-core');

interface PolicyList { AppPolicyList: { AppId: string; PolicyName: string }[] }

describe('emulator: VOD app administrators derived from the account model', () => {
  let em: RunningEmulator;
  beforeEach(async () => {
    em = await startEmulator({ quiet: true, qpsLimits: false });
  });
  afterEach(() => em.close());

  const ALICE = { IdentityType: 'RamUser', IdentityName: demoUserId('alice'), AppId: 'app-1000000' };
  const ALICE_HOLDS = ['VODAppFullAccess', 'VODCustomUploadOnly'];
  const list = async (key: Key, params: Record<string, string>) =>
    (await post<PolicyList>(vodClient(em, key), 'ListAppPoliciesForIdentity', params)).AppPolicyList.map((p) => p.PolicyName).sort();

  it('ships no wildcard that makes every key an administrator', () => {
    assert.equal(demoState().callers, undefined);
  });

  it("the account's own key is an administrator: it is answered about the identity it names", async () => {
    assert.deepEqual(await list(DEMO_ACCESS_KEY, ALICE), ALICE_HOLDS);
  });

  it('a RAM user holding VODAppAdministratorAccess in app-1000000 is an administrator', async () => {
    assert.deepEqual(await list(DEMO_RAM_USER_KEY, ALICE), ALICE_HOLDS);
    // Naming nobody, it gets its own list (the emulator's choice).
    assert.deepEqual(await list(DEMO_RAM_USER_KEY, { AppId: 'app-1000000' }), ['VODAppAdministratorAccess']);
  });

  it('the read-only key (analytics-ro) gets its own list whoever it names, and without a name', async () => {
    const own = ['VODAppReadOnlyAccess'];
    assert.deepEqual(await list(DEMO_READONLY_KEY, ALICE), own, 'alice holds other policies: this is analytics-ro\'s list');
    assert.deepEqual(await list(DEMO_READONLY_KEY, { IdentityType: 'RamRole', IdentityName: 'OpsBreakGlassRole', AppId: 'app-1000000' }), own);
    assert.deepEqual(await list(DEMO_READONLY_KEY, { AppId: 'app-1000000' }), own);
    // Its own list in another app, and in an app where it holds nothing.
    assert.deepEqual(await list(DEMO_READONLY_KEY, { ...ALICE, AppId: 'app-2000001' }), own);
    assert.deepEqual(await list(DEMO_READONLY_KEY, { ...ALICE, AppId: 'app-2000004' }), []);
  });

  it('follows the account model: attaching VODAppAdministratorAccess in app-1000000 makes analytics-ro one, in another app does not', async () => {
    const self = { IdentityType: 'RamUser', IdentityName: demoUserId('analytics-ro') };
    await post(vodClient(em), 'AttachAppPolicyToIdentity', { ...self, AppId: 'app-2000001', PolicyNames: 'VODAppAdministratorAccess' });
    assert.deepEqual(await list(DEMO_READONLY_KEY, ALICE), ['VODAppReadOnlyAccess'], 'the administrator policy counts in app-1000000 only');
    await post(vodClient(em), 'AttachAppPolicyToIdentity', { ...self, AppId: 'app-1000000', PolicyNames: 'VODAppAdministratorAccess' });
    assert.deepEqual(await list(DEMO_READONLY_KEY, ALICE), ALICE_HOLDS);
    await post(vodClient(em), 'DetachAppPolicyFromIdentity', { ...self, AppId: 'app-1000000', PolicyNames: 'VODAppAdministratorAccess' });
    assert.deepEqual(await list(DEMO_READONLY_KEY, ALICE), ['VODAppReadOnlyAccess']);
  });

  it('a role assumed with STS is an administrator when the role holds VODAppAdministratorAccess', async () => {
    const sts = new RPCClient({ endpoint: em.url, apiVersion: '2015-04-01', ...DEMO_RAM_USER_KEY });
    const assume = async (role: string): Promise<Key> => {
      const r = await sts.request<{ Credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string } }>(
        'AssumeRole', { RoleArn: `acs:ram::1839204725361048:role/${role}`, RoleSessionName: 'contract' }, { method: 'POST' });
      return { accessKeyId: r.Credentials.AccessKeyId, accessKeySecret: r.Credentials.AccessKeySecret, securityToken: r.Credentials.SecurityToken };
    };
    assert.deepEqual(await list(await assume('opsbreakglassrole'), ALICE), ALICE_HOLDS);
    assert.deepEqual(await list(await assume('auditreadonlyrole'), ALICE), ['VODAppReadOnlyAccess'], "AuditReadOnlyRole's own list");
  });

  it('an explicit callers entry still overrides the derivation', async () => {
    const state = demoState();
    state.callers = { [DEMO_ACCESS_KEY.accessKeyId]: { appAdministrator: false }, [DEMO_READONLY_KEY.accessKeyId]: { appAdministrator: true } };
    em.state.replace(state);
    assert.deepEqual(await list(DEMO_ACCESS_KEY, ALICE), [], 'an account key made non-administrator has no list of its own');
    assert.deepEqual(await list(DEMO_READONLY_KEY, ALICE), ALICE_HOLDS);
  });

  it("the account's own key must name someone: it has no app policies of its own", async () => {
    await expectError(post(vodClient(em), 'ListAppPoliciesForIdentity', { AppId: 'app-1000000' }), 'MissingIdentityType', 400);
  });
});
