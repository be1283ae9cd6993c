// The cloud core's, settings', credentials' and profiles' own messages (worded through @vscode/l10n) follow the
// display language: with the Chinese bundle loaded they come out in Chinese with their values in place. What is
// not ours to translate — Alibaba's own Message, error codes, RequestIds, action names —
// comes out as it went in, in either language.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RamClient } from '../../../src/cloud/clients';
import { CloudError, cancelledError, describeError, toCloudError } from '../../../src/cloud/errors';
import { validateEndpoint, validateRegion } from '../../../src/cloud/endpoints';
import { fromErrorBody, fromPopCoreFailure } from '../../../src/cloud/popCoreErrors';
import { outcomeUnknownError } from '../../../src/cloud/readBack';
import { validateSystemPolicyNames } from '../../../src/cloud/requestValidation';
import { validateAccessKeyId, validateBucketName } from '../../../src/cloud/validate';
import { describeCliProblem, checkEntry } from '../../../src/credentials/cliConfig';
import { checkCliHosts } from '../../../src/credentials/cliHosts';
import { missingCredentialsError, originOf } from '../../../src/credentials/credentialLookup';
import { cannotStoreKey, sourceOf } from '../../../src/credentials/sources';
import { scanProgressText } from '../../../src/profiles/accessScans';
import { UserDirectory } from '../../../src/profiles/userDirectory';
import { IdentityResolver } from '../../../src/profiles/identityResolver';
import type { Profile } from '../../../src/settings/profileConfig';
import { parseProfiles } from '../../../src/settings/parseProfiles';
import { useBundle, type Bundle } from '../../support/l10n';

const zhCn = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Bundle;

const PROFILE: Profile = { name: 'prod', region: 'cn-shanghai', credentialSource: 'keychain', endpoints: {}, outputBuckets: [], inputBuckets: [], identities: [] };
const REQUEST_ID = '4AEA0480-32F4-1656-92B3-F4D4CDE6BBB3';

describe('messages of the core, settings, credentials and profiles', () => {
  afterEach(() => useBundle(undefined));

  it('validators of regions, endpoints, keys and policies keep the names, regions and codes they quote', () => {
    useBundle(zhCn);
    assert.equal(validateBucketName('ab'), 'Bucket 名称“ab”的长度必须为 3 到 63 个字符（当前为 2 个）。');
    assert.equal(validateRegion('vod', 'cn-qingdao')?.startsWith('地域“cn-qingdao”不是 VOD 地域。请使用以下地域之一：cn-beijing, cn-shanghai'), true);
    assert.equal(validateEndpoint('http://mts.example.com'), '终端节点 mts.example.com 必须使用 https://；只有 127.0.0.1、localhost 或 [::1] 才允许使用普通的 http://。');
    assert.equal(validateAccessKeyId('short'), 'AccessKeyId 必须是“LTAI”后跟 12 到 30 个字母和数字，或者是 STS ID“STS.…”（实际为 5 个字符）。');
    assert.match(validateSystemPolicyNames(['VODCustomUploadOnly']) ?? '', /^"VODCustomUploadOnly" 不是系统权限策略：只支持系统权限策略（VODAppFullAccess, /);
  });

  it('the core’s own error messages are translated; codes, statuses and RequestIds are not', () => {
    useBundle(zhCn);
    const reset = toCloudError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    assert.deepEqual([reset.code, reset.message], ['ECONNRESET', '连接被重置。']);
    assert.equal(cancelledError(true).message, '读取请求已发出、尚未应答时被取消；未等待其应答。');
    const timeout = fromPopCoreFailure(Object.assign(new Error('ReadTimeout(100)'), { name: 'RequestTimeoutError' }), { timeoutMs: 100 });
    assert.deepEqual([timeout.code, timeout.message], ['RequestTimeout', '100 毫秒内没有响应。']);
    const page = fromPopCoreFailure({ name: 'SyntaxError', message: "Unexpected '<'", text: '<title>502 Bad Gateway</title>' });
    assert.deepEqual([page.code, page.httpStatus, page.message], ['InvalidResponse', 502, '服务器应答的正文不是 JSON（看起来是一个 HTTP 502 页面）。']);
    // A body without a Message gets our words around the server's Code; describeError adds no "." after "。".
    const bare = fromErrorBody({ Code: 'Forbidden.RAM', RequestId: REQUEST_ID }, 403, undefined);
    assert.equal(bare.message, '阿里云返回了 Forbidden.RAM。');
    assert.equal(describeError(bare), `Forbidden.RAM (HTTP 403): 阿里云返回了 Forbidden.RAM。 RequestId ${REQUEST_ID}`);
  });

  it('Alibaba’s own Message stays exactly as the server sent it', () => {
    useBundle(zhCn);
    const err = fromErrorBody({ Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.', RequestId: REQUEST_ID }, 400, undefined);
    assert.equal(err.message, 'Specified signature is not matched with our calculation.');
    assert.equal(describeError(err), `SignatureDoesNotMatch (HTTP 400): Specified signature is not matched with our calculation. RequestId ${REQUEST_ID}`);
  });

  it('a lost answer names both actions and both RequestIds in a Chinese sentence', () => {
    useBundle(zhCn);
    const writeErr = new CloudError({ kind: 'timeout', code: 'RequestTimeout', message: 'x' });
    const readErr = new CloudError({ kind: 'server', code: 'InternalError', message: 'boom', requestId: 'READ-1' });
    const err = outcomeUnknownError({ action: 'UnbindOutputBucket', target: 'media-out' }, writeErr, 'ListAllMediaBucket', readErr);
    assert.equal(
      err.message,
      'UnbindOutputBucket media-out 可能已生效，也可能没有：它的应答丢失了（RequestTimeout：x），用 ListAllMediaBucket 回读状态也失败了（InternalError：boom）。' +
        '请先刷新再重试。UnbindOutputBucket 的请求 ID：无（没有应答）；ListAllMediaBucket 的请求 ID：READ-1。',
    );
    assert.equal(err.code, 'OutcomeUnknown');
  });

  it('settings problems, credential messages and aliyun CLI problems', () => {
    useBundle(zhCn);
    assert.deepEqual(parseProfiles([{ name: 'prod', region: 'mars-1' }]).problems, ['配置“prod”：地域“mars-1”既不是 MPS 地域，也不是 VOD 地域。已忽略该配置。']);
    assert.deepEqual(parseProfiles([{ name: 'prod', region: 'cn-shanghai', outputBuckets: ['a', 'media-out', 'media-out'] }]).problems, [
      '配置“prod”：Bucket 名称“a”的长度必须为 3 到 63 个字符（当前为 1 个）。已忽略该 Bucket。',
      '配置“prod”：Bucket“media-out”列出了两次。',
    ]);
    const missing = missingCredentialsError(PROFILE);
    assert.deepEqual([missing.code, missing.message], ['MissingCredentials', '配置 prod 尚未设置 AccessKey — 请运行“设置 AccessKey…”。']);
    assert.equal(originOf({ ...PROFILE, credentialSource: 'aliyun-cli', cliProfile: 'dev' }).refreshHint, '请刷新 aliyun CLI 配置（运行 `aliyun configure --profile dev`）。');
    const problem = checkEntry({ name: 'dev', mode: 'RamRoleArn', fields: { access_key_id: 'LTAI5tAbCdEfGh12abcd', access_key_secret: 's'.repeat(30) } });
    assert.equal(problem, '缺少 ram_role_arn, ram_session_name。');
    assert.equal(
      describeCliProblem({ file: '~/.aliyun/config.json', profile: 'dev', mode: 'RamRoleArn', problem: problem as string }),
      '~/.aliyun/config.json 中的 aliyun CLI 配置“dev”（模式 RamRoleArn）：缺少 ram_role_arn, ram_session_name。',
    );
  });

  it('the credential sources speak Chinese too; variable names, hosts and setting values stay as they are', async () => {
    useBundle(zhCn);
    const hosts = checkCliHosts([{ name: 'ops', mode: 'RamRoleArn', fields: {} }], { ALIBABA_CLOUD_STS_REGION: 'x@127.0.0.1:9/' });
    assert.equal(hosts.ok, false);
    if (!hosts.ok) assert.match(hosts.problem, /^来自 ALIBABA_CLOUD_STS_REGION 的 STS 主机被拒绝：/);
    assert.equal(cannotStoreKey({ ...PROFILE, credentialSource: 'environment' }), '配置 prod 从环境变量（environment）读取 AccessKey：VS Code 不为它保存 AccessKey，因此未保存也未删除任何内容。要在这里保存，请把 credentialSource 设为 "keychain"。');
    const context = { secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined }, env: {}, home: '/nonexistent' };
    assert.equal(await sourceOf({ ...PROFILE, credentialSource: 'environment' }).route({ ...PROFILE, credentialSource: 'environment' }, context), '环境变量 ALIBABA_CLOUD_ACCESS_KEY_ID');
  });

  it('a RAM user that cannot be resolved: the advice in Chinese, RAM’s code and RequestId kept', async () => {
    useBundle(zhCn);
    const refused = new CloudError({ kind: 'not-found', code: 'EntityNotExist.User', message: 'The user does not exist.', requestId: REQUEST_ID, httpStatus: 404 });
    const ram = { getUser: () => Promise.reject(refused) } as unknown as RamClient;
    const resolver = new IdentityResolver('prod', () => ram, new UserDirectory(() => ram));
    const err = await resolver.resolve({ identityType: 'RamUser', identityName: 'alice', appId: 'app-1000000' }).then(
      () => assert.fail('resolved'),
      (e: unknown) => e as CloudError,
    );
    assert.deepEqual([err.code, err.requestId, err.httpStatus], ['EntityNotExist.User', REQUEST_ID, 404]);
    assert.equal(
      err.message,
      '找不到 RAM 用户“alice”的 UserId（配置 prod）：此账号中没有 RAM 用户“alice”。视频点播 VOD 需要 UserId，因此没有向 VOD 发送任何请求。' +
        '请在 alicloudMedia.profiles 中把该用户的 UserId（一串数字，可在 RAM 控制台查看）配置为 identityName。',
    );
  });

  it('scan progress keeps its numbers in one format', () => {
    assert.equal(scanProgressText(312, 1204), '312 / 1,204 identities');
    useBundle(zhCn);
    assert.equal(scanProgressText(312, 1204), '312 / 1,204 个身份');
  });
});
