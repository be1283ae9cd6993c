// The app-administrator rule over every outcome. The rule only reads two answers, so they are given as plain
// functions here (STS and VOD cannot run in a unit test); test/contract/core.appAdministrator.test.ts asks the
// emulator for real ones.
import * as assert from 'node:assert/strict';
import {
  appAdministratorRefusal,
  callerAsIdentity,
  decideAppAdministrator,
  isAccountItself,
  isCallerItself,
  type AppAdministratorSources,
} from '../../../src/cloud/appAdministrator';
import { CloudError } from '../../../src/cloud/errors';
import type { AppIdentity, AppPolicyList, CallerIdentity } from '../../../src/cloud/types';

const ACCOUNT: CallerIdentity = { requestId: 'R-STS', accountId: '1839204725361048', arn: 'acs:ram::1839204725361048:root', identityType: 'Account', principalId: '1839204725361048' };
const USER: CallerIdentity = { requestId: 'R-STS', accountId: '1839204725361048', arn: 'acs:ram::1839204725361048:user/analytics-ro', identityType: 'RAMUser', principalId: '2037164829300025' };
const ROLE: CallerIdentity = {
  requestId: 'R-STS', accountId: '1839204725361048', arn: 'acs:ram::1839204725361048:assumed-role/opsbreakglassrole/vscode-ops', identityType: 'AssumedRoleUser', principalId: '3094417288000009:vscode-ops',
};

function policies(requestId: string, ...names: string[]): AppPolicyList {
  return { requestId, policies: names.map((policyName) => ({ appId: 'app-1000000', policyName, policyType: 'System' as const })) };
}

/** Sources that answer as given and count what was asked (and with which `self`). */
function sources(caller: CallerIdentity | CloudError, own: (self?: AppIdentity) => AppPolicyList | CloudError) {
  const asked: (AppIdentity | undefined)[] = [];
  const s: AppAdministratorSources = {
    caller: async () => {
      if (caller instanceof CloudError) throw caller;
      return caller;
    },
    ownPolicies: async (self) => {
      asked.push(self);
      const answer = own(self);
      if (answer instanceof CloudError) throw answer;
      return answer;
    },
  };
  return { s, asked };
}

const throttled = new CloudError({ kind: 'throttled', code: 'Throttling.User', message: 'Request was denied due to user flow control.', requestId: 'R-THROTTLED', httpStatus: 400 });

describe('decideAppAdministrator: whose app policies this key can read', () => {
  it('the account itself is an administrator, without asking VOD', async () => {
    const { s, asked } = sources(ACCOUNT, () => assert.fail('VOD must not be asked'));
    const answer = await decideAppAdministrator(s);
    assert.deepEqual(answer, { status: 'administrator', caller: ACCOUNT, basis: 'account', requestId: 'R-STS' });
    assert.deepEqual(asked, []);
  });

  it('a RAM user whose own policies in app-1000000 hold VODAppAdministratorAccess is one (asked naming nobody)', async () => {
    const { s, asked } = sources(USER, () => policies('R-OWN', 'VODAppReadOnlyAccess', 'VODAppAdministratorAccess'));
    assert.deepEqual(await decideAppAdministrator(s), { status: 'administrator', caller: USER, basis: 'policy', requestId: 'R-OWN' });
    assert.deepEqual(asked, [undefined], 'one listing, without IdentityType/IdentityName');
  });

  it('without VODAppAdministratorAccess it is not one, and the listing that showed it is kept', async () => {
    const { s } = sources(ROLE, () => policies('R-OWN', 'VODAppFullAccess'));
    assert.deepEqual(await decideAppAdministrator(s), { status: 'not-administrator', caller: ROLE, requestId: 'R-OWN' });
  });

  it('VODAppAdministratorAccess in another app does not count', async () => {
    const { s } = sources(USER, () => ({ requestId: 'R-OWN', policies: [{ appId: 'app-2000001', policyName: 'VODAppAdministratorAccess', policyType: 'System' }] }));
    assert.equal((await decideAppAdministrator(s)).status, 'not-administrator');
  });

  it('a failed GetCallerIdentity is unknown, with its code and RequestId, and VOD is not asked', async () => {
    const denied = new CloudError({ kind: 'permission', code: 'Forbidden.RAM', message: 'denied', requestId: 'R-DENIED', httpStatus: 403 });
    const { s, asked } = sources(denied, () => assert.fail('VOD must not be asked'));
    const answer = await decideAppAdministrator(s);
    assert.equal(answer.status, 'unknown');
    assert.equal(answer.status === 'unknown' && answer.error, denied);
    assert.deepEqual(asked, []);
  });

  it('a failed own listing is unknown (never an administrator)', async () => {
    const { s, asked } = sources(USER, () => throttled);
    const answer = await decideAppAdministrator(s);
    assert.deepEqual(answer, { status: 'unknown', caller: USER, error: throttled });
    assert.equal(asked.length, 1, 'throttling is not a reason to name the caller');
  });

  it('a VOD that insists on a name is asked again naming the caller itself (the other choice Alibaba leaves open)', async () => {
    const missing = new CloudError({ kind: 'invalid-input', code: 'MissingIdentityType', message: 'IdentityType is mandatory', requestId: 'R-MISSING', httpStatus: 400 });
    const user = sources(USER, (self) => (self ? policies('R-SELF', 'VODAppAdministratorAccess') : missing));
    assert.deepEqual(await decideAppAdministrator(user.s), { status: 'administrator', caller: USER, basis: 'policy', requestId: 'R-SELF' });
    assert.deepEqual(user.asked, [undefined, { identityType: 'RamUser', identityName: '2037164829300025', appId: 'app-1000000' }]);
    const role = sources(ROLE, (self) => (self ? policies('R-SELF') : missing));
    assert.equal((await decideAppAdministrator(role.s)).status, 'not-administrator');
    assert.deepEqual(role.asked[1], { identityType: 'RamRole', identityName: 'opsbreakglassrole', appId: 'app-1000000' });
    // A caller VOD cannot name (no UserId) stays unknown.
    const nameless = sources({ ...USER, principalId: undefined }, () => missing);
    assert.equal((await decideAppAdministrator(nameless.s)).status, 'unknown');
  });
});

describe('the caller itself', () => {
  it('knows the account, a RAM user and an assumed role from GetCallerIdentity', () => {
    assert.equal(isAccountItself(ACCOUNT), true);
    assert.equal(isAccountItself({ ...ACCOUNT, identityType: '' }), true, 'an answer without IdentityType: the root Arn');
    assert.equal(isAccountItself(USER), false);
    assert.equal(isAccountItself({ ...USER, arn: 'acs:ram::1839204725361048:root' }), false, 'IdentityType wins over the Arn');
    assert.deepEqual(callerAsIdentity(ACCOUNT), undefined);
  });

  it('matches a RAM user by UserId and a role by name regardless of case', () => {
    assert.equal(isCallerItself(USER, { identityType: 'RamUser', identityName: '2037164829300025' }), true);
    assert.equal(isCallerItself(USER, { identityType: 'RamUser', identityName: '2037164829300001' }), false);
    assert.equal(isCallerItself(USER, { identityType: 'RamRole', identityName: '2037164829300025' }), false);
    assert.equal(isCallerItself(ROLE, { identityType: 'RamRole', identityName: 'OpsBreakGlassRole' }), true);
    assert.equal(isCallerItself(ROLE, { identityType: 'RamRole', identityName: 'EditorRole' }), false);
    assert.equal(isCallerItself(undefined, { identityType: 'RamRole', identityName: 'EditorRole' }), false);
  });
});

describe('appAdministratorRefusal: what people and callers are told', () => {
  it("NotAppAdministrator: kind permission, the caller and what to do, the deciding listing's RequestId in words", () => {
    const e = appAdministratorRefusal({ status: 'not-administrator', caller: USER, requestId: 'R-OWN' });
    // The refused call was never sent: its record must not carry another call's RequestId.
    assert.deepEqual([e.kind, e.code, e.requestId, e.retryable], ['permission', 'NotAppAdministrator', undefined, false]);
    assert.match(e.message, /^Not a VOD app administrator: VOD would answer with this key's own app policies, not this identity's\. Sign with /);
    assert.match(e.message, /RequestId R-OWN\)$/);
    assert.match(e.message, /acs:ram::1839204725361048:user\/analytics-ro/);
    assert.match(e.message, /own app policies/);
    assert.match(e.message, /VODAppAdministratorAccess/);
  });

  it('AppAdministratorUnknown: the failure\'s code, message and RequestId', () => {
    const e = appAdministratorRefusal({ status: 'unknown', caller: USER, error: throttled });
    assert.deepEqual([e.kind, e.code, e.requestId], ['permission', 'AppAdministratorUnknown', undefined]);
    assert.match(e.message, /^Cannot tell whether this key is a VOD app administrator, so no other identity's app policies are shown/);
    assert.match(e.message, /\(Throttling\.User \(HTTP 400\): Request was denied due to user flow control\. RequestId R-THROTTLED\)$/);
    assert.match(e.message, /Refresh/);
  });
});
