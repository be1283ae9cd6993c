import { useBundle } from '../../support/vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import { accountLine, detachConfirmation, rewriteConfirmation, unbindConfirmation, undoConfirmation } from '../../../src/commands/confirmation';
import { confirmationWords as words } from '../../../src/commands/confirmationWords';
import { planUndo, type UndoableRecord, type UndoPlan } from '../../../src/history/undoPlan';
import { outputUnbindWords as unbind } from '../../../src/commands/mutations/unbindOutputBucket';
import { inputUnbindWords } from '../../../src/commands/mutations/unbindInputBucket';
import { REVOCATIONS } from '../../../src/commands/mutations/operations';

const account = { accountId: '1234567890123456', arn: 'acs:ram::1234567890123456:user/ops' };
const scope = { profile: 'demo', region: 'cn-shanghai', endpoint: 'https://mts.cn-shanghai.aliyuncs.com', account };
/** As the pipeline hands it to the confirmation: resolved from the configured name. */
const alice = { identityType: 'RamUser' as const, identityName: '2037164829300001', appId: 'app-1000000', userName: 'alice' };
const ACCOUNT_LINE = 'Account: 1234567890123456 as acs:ram::1234567890123456:user/ops';

describe('revocation confirmations', () => {
  it('names the account, bucket, profile, region and endpoint of a single unbind', () => {
    const c = unbindConfirmation(scope, ['media-output-demo'], unbind, words);
    assert.equal(c.message, 'Unbind output bucket "media-output-demo" from MPS?');
    assert.equal(c.accept, 'Unbind');
    assert.ok(c.detail.startsWith(`${ACCOUNT_LINE}\nProfile: demo\nRegion: cn-shanghai\nEndpoint: https://mts.cn-shanghai.aliyuncs.com\n`), c.detail);
    assert.match(c.detail, /not changed/);
  });

  it('the scope lines every revocation and undo shows name the credential source and the host it contacts', () => {
    const route = 'aliyun CLI profile ops (RamRoleArn) via sts.cn-hangzhou.aliyuncs.com';
    const c = unbindConfirmation({ ...scope, credentials: route }, ['media-output-demo'], unbind, words);
    assert.ok(c.detail.includes(`Endpoint: https://mts.cn-shanghai.aliyuncs.com\nCredentials: ${route}\n`), c.detail);
  });

  it('names the proxy the extension sends the calls through, right under the endpoint, when it chose one', () => {
    const route = 'aliyun CLI profile ops (AK) via the file ~/.aliyun/config.json';
    const c = unbindConfirmation({ ...scope, proxy: 'http://proxy.corp.example:3128 (http.proxy)', credentials: route }, ['media-output-demo'], unbind, words);
    assert.ok(c.detail.includes(`Endpoint: https://mts.cn-shanghai.aliyuncs.com\nThrough proxy: http://proxy.corp.example:3128 (http.proxy)\nCredentials: ${route}\n`), c.detail);
    assert.doesNotMatch(unbindConfirmation(scope, ['media-output-demo'], unbind, words).detail, /proxy/i);
  });

  it('says what MPS stops doing with an input bucket, for one and for many', () => {
    const one = unbindConfirmation(scope, ['media-input-uploads'], inputUnbindWords, words);
    assert.equal(one.message, 'Unbind input bucket "media-input-uploads" from MPS?');
    assert.match(one.detail, /no longer read media from this bucket/);
    const many = unbindConfirmation(scope, ['in-1', 'in-2'], inputUnbindWords, words);
    assert.deepEqual([many.message, many.accept], ['Unbind 2 input buckets from MPS?', 'Unbind 2']);
    assert.match(many.detail, /• in-1\n• in-2\n\nAccount: /);
  });

  it('says in words, with the code, when the account cannot be read', () => {
    const c = unbindConfirmation({ ...scope, account: { unknown: 'GetCallerIdentity failed: InvalidAccessKeyId.NotFound' } }, ['b-1'], unbind, words);
    assert.match(c.detail, /^Account: unknown — GetCallerIdentity failed: InvalidAccessKeyId\.NotFound\nProfile: demo\n/);
    assert.equal(accountLine({ unknown: 'no AccessKey is configured for this profile' }, words), 'Account: unknown — no AccessKey is configured for this profile');
  });

  it('lists every bucket of a bulk unbind, and the count on the button', () => {
    const c = unbindConfirmation({ ...scope, endpoint: 'http://127.0.0.1:8765' }, ['a-1', 'b-2', 'c-3'], unbind, words);
    assert.equal(c.message, 'Unbind 3 output buckets from MPS?');
    assert.equal(c.accept, 'Unbind 3');
    assert.match(c.detail, /• a-1\n• b-2\n• c-3\n\nAccount: 1234567890123456 as .*\nProfile: demo/);
    assert.match(c.detail, /Endpoint: http:\/\/127\.0\.0\.1:8765/);
  });

  it('shortens very long lists but keeps the exact count', () => {
    const buckets = Array.from({ length: 40 }, (_, i) => `bucket-${i}`);
    const c = unbindConfirmation(scope, buckets, unbind, words);
    assert.equal(c.message, 'Unbind 40 output buckets from MPS?');
    assert.match(c.detail, /… and 25 more/);
  });

  it('names the policies and the identity of a detach by user name and UserId', () => {
    const one = detachConfirmation({ ...scope, endpoint: 'https://vod.cn-shanghai.aliyuncs.com' }, [{ identity: alice, policyNames: ['VODAppFullAccess'] }], words);
    assert.equal(one.message, 'Detach app policy "VODAppFullAccess" from RamUser alice (2037…0001) in app-1000000?');
    assert.equal(one.accept, 'Detach');
    assert.ok(
      one.detail.includes(`• VODAppFullAccess\n\nIdentity: RamUser alice (2037…0001) in app-1000000\n${ACCOUNT_LINE}\nProfile: demo\nRegion: cn-shanghai\nEndpoint: https://vod.`),
      one.detail,
    );

    const two = detachConfirmation(scope, [{ identity: alice, policyNames: ['A', 'B'] }], words);
    assert.equal(two.message, 'Detach 2 app policies from RamUser alice (2037…0001) in app-1000000?');
    assert.equal(two.accept, 'Detach 2');
  });

  it('groups a detach across identities; roles stay by name', () => {
    const bob = { identityType: 'RamRole' as const, identityName: 'bob', appId: 'app-2' };
    const c = detachConfirmation(scope, [
      { identity: alice, policyNames: ['A'] },
      { identity: bob, policyNames: ['B', 'C'] },
    ], words);
    assert.equal(c.message, 'Detach 3 app policies from 2 identities?');
    assert.match(c.detail, /• RamUser alice \(2037…0001\) in app-1000000: A\n• RamRole bob in app-2: B, C/);
  });

  it('shows the account in the undo confirmation beside profile, region and endpoint', () => {
    const record: UndoableRecord = {
      id: 'r1', time: '2026-01-01T00:00:00.000Z', product: 'vod', action: 'DetachAppPolicyFromIdentity', region: 'cn-shanghai',
      endpoint: 'https://vod.cn-shanghai.aliyuncs.com', profile: 'demo', account: account.accountId,
      target: 'RamUser alice (2037…0001) in app-1000000',
      params: { IdentityType: 'RamUser', IdentityName: alice.identityName, AppId: 'app-1000000', PolicyNames: 'VODAppFullAccess' },
      outcome: 'succeeded', requestId: 'REQ-1', latencyMs: 5, attempts: 1, nonExistPolicyNames: [], failedPolicyNames: [],
    };
    const decision = planUndo(record);
    assert.ok('plan' in decision);
    const c = undoConfirmation(record, decision.plan, { ...scope, endpoint: record.endpoint }, words, REVOCATIONS.DetachAppPolicyFromIdentity.undoText(decision.plan));
    assert.equal(c.message, 'Undo DetachAppPolicyFromIdentity of RamUser alice (2037…0001) in app-1000000?');
    assert.ok(c.detail.includes(`${ACCOUNT_LINE}\nProfile: demo\nRegion: cn-shanghai\nEndpoint: https://vod.cn-shanghai.aliyuncs.com\n`), c.detail);
    assert.match(c.detail, /Original RequestId: REQ-1/);
  });

  it('lists each name and its UserId before writing them into the settings', () => {
    const c = rewriteConfirmation('demo', [{ userName: 'alice', userId: '2037164829300001' }], [{ userName: 'ghost', code: 'EntityNotExist.User' }], words);
    assert.equal(c.message, 'Write the UserIds of 1 RAM user into profile demo?');
    assert.match(c.detail, /^• alice → 2037164829300001\n\nNot changed \(RAM could not say their UserId\):\n• ghost: EntityNotExist\.User\n/);
    assert.equal(c.accept, 'Use UserId');
  });
});

describe('revocation confirmations in Simplified Chinese', () => {
  before(() => useBundle(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'))));
  after(() => useBundle(undefined));

  it('words the modal in Chinese and keeps the bucket, account, ARN, region and endpoint as they are', () => {
    const c = unbindConfirmation(scope, ['media-output-demo'], unbind, words);
    assert.equal(c.message, '从媒体处理 MPS 解绑输出媒体 Bucket“media-output-demo”？');
    assert.equal(c.accept, '解绑');
    assert.equal(unbindConfirmation(scope, ['media-input-demo'], inputUnbindWords, words).message, '从媒体处理 MPS 解绑输入媒体 Bucket“media-input-demo”？');
    assert.ok(
      c.detail.startsWith('账号：1234567890123456，身份 acs:ram::1234567890123456:user/ops\n配置：demo\n地域：cn-shanghai\n终端节点：https://mts.cn-shanghai.aliyuncs.com\n'),
      c.detail,
    );
  });

  it('keeps API action names and RequestIds in the undo confirmation', () => {
    const plan: UndoPlan = { profile: 'demo', region: 'cn-shanghai', endpoint: 'https://mts.cn-shanghai.aliyuncs.com', product: 'mps', revocation: 'UnbindOutputBucket', action: 'BindOutputBucket', target: { bucket: 'b1' }, requestId: 'REQ-9' };
    const record = { action: 'UnbindOutputBucket', target: 'b1' } as UndoableRecord;
    const c = undoConfirmation(record, plan, scope, words, REVOCATIONS.UnbindOutputBucket.undoText(plan));
    assert.equal(c.message, '撤销对 b1 的 UnbindOutputBucket？');
    assert.match(c.detail, /BindOutputBucket 只接受 Bucket 名称/);
    assert.match(c.detail, /原请求 ID：REQ-9/);
  });
});
