// Texts worded without VS Code (through @vscode/l10n) follow the display language too: with the Chinese bundle
// loaded, as VS Code does in a zh-cn window, they come out in Chinese with their values in place; without one,
// in English.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CloudError } from '../../../src/cloud';
import { describeIdentity, identityText } from '../../../src/cloud/identity';
import { validateBucketName } from '../../../src/cloud/validate';
import { AccessScans } from '../../../src/profiles/accessScans';
import type { Profile } from '../../../src/settings/profileConfig';
import { scanChildren, scanDescription, scanTooltip } from '../../../src/tree/accessScanRows';
import { credentialText } from '../../../src/tree/credentialText';
import type { AnyResourceNode } from '../../../src/tree/nodes';
import { useBundle, type Bundle } from '../../support/l10n';

const zhCn = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Bundle;

describe('texts below the VS Code adapters', () => {
  afterEach(() => useBundle(undefined));

  it('a validator answers in English without a bundle and in Chinese with the zh-cn one, the value kept', () => {
    assert.equal(validateBucketName(' media-out'), 'Bucket name " media-out" has leading or trailing spaces.');
    useBundle(zhCn);
    assert.equal(validateBucketName(' media-out'), 'Bucket 名称“ media-out”的开头或结尾有空格。');
    assert.equal(validateBucketName(''), '必须填写 Bucket 名称。');
  });

  it('an identity reads in the display language for people, while its recorded form stays the same', () => {
    const alice = { identityType: 'RamUser' as const, identityName: '2037164829300001', userName: 'alice', appId: 'app-1000000' };
    assert.equal(identityText(alice), 'RamUser alice (2037…0001) in app-1000000');
    useBundle(zhCn);
    assert.equal(identityText(alice), 'RamUser alice (2037…0001)（应用 app-1000000）');
    assert.equal(describeIdentity(alice), 'RamUser alice (2037…0001) in app-1000000', 'records and targets are data');
  });

  it("the profile row's credential: Chinese words around the source, the role's name and ARN, and the session", () => {
    const role = 'acs:ram::1234567890123456:role/transcoderole';
    const profile: Profile = { name: 'demo', region: 'cn-shanghai', credentialSource: 'aliyun-cli', cliProfile: 'dev', endpoints: {}, outputBuckets: [], inputBuckets: [], identities: [] };
    const origin = { source: 'aliyun-cli:dev', roleArn: role, sessionName: 'vscode-demo', expiration: '2025-01-01T08:30:00.000Z' };
    const at = new Date(origin.expiration).toTimeString().slice(0, 5);
    const english = credentialText(profile, origin);
    assert.equal(english.short, `aliyun-cli:dev · role transcoderole · expires ${at}`);
    assert.equal(english.line, `AccessKey: aliyun-cli:dev\nAssumes role: ${role} (session vscode-demo)\nTemporary key expires: 2025-01-01T08:30:00.000Z`);
    useBundle(zhCn);
    const zh = credentialText(profile, origin);
    assert.equal(zh.short, `aliyun-cli:dev · 角色 transcoderole · ${at} 过期`);
    assert.equal(zh.line, `AccessKey：aliyun-cli:dev\n扮演角色：${role}（会话 vscode-demo）\n临时密钥过期时间：2025-01-01T08:30:00.000Z`);
    assert.equal(credentialText({ ...profile, credentialSource: 'keychain' }, undefined).line, 'AccessKey：keychain');
  });

  it("Find Access to App's rows in Chinese, with the counts, codes, RequestIds and action names kept", () => {
    const app = 'app-2000001';
    const profile: Profile = { name: 'p', region: 'cn-shanghai', credentialSource: 'keychain', endpoints: {}, outputBuckets: [], inputBuckets: [], identities: [] };
    const error = new CloudError({ kind: 'server', code: 'InternalError', message: 'boom', httpStatus: 500, requestId: 'REQ-9', retryable: true });
    const scans = new AccessScans();
    scans.start('p', app, 'Marketing').finish({
      appId: app,
      total: 1204,
      scanned: 1204,
      found: [{ identity: { identityType: 'RamRole', identityName: 'EditorRole', appId: app }, policies: [{ appId: app, policyName: 'VODAppFullAccess', policyType: 'System' }], requestId: 'R-1' }],
      failures: [{ identity: { identityType: 'RamUser', identityName: '2037164829300002', appId: app, userName: 'bob' }, error }],
      directoryFailures: [{ action: 'ListRoles', error }],
      cancelled: false,
      seconds: 12,
    });
    const entry = scans.get('p', app);
    assert.ok(entry);
    useBundle(zhCn);
    assert.equal(scanDescription(entry), '1 个身份拥有访问权限 · 不完整：1 个失败，ListRoles 失败');
    const tooltip = scanTooltip(entry).split('\n');
    assert.equal(tooltip[0], '视频点播 VOD 应用 Marketing（app-2000001），配置 p');
    assert.equal(tooltip[1], '在 12.0 秒内查询了 1,204 个 RAM 用户和 RAM 角色中的 1,204 个（ListAppPoliciesForIdentity）。');
    assert.equal(tooltip[2], '结果不完整（1 个失败，ListRoles 失败）：未在此列出的身份仍可能拥有访问权限。');
    const rows = scanChildren(entry, profile, <T extends AnyResourceNode>(n: T) => n);
    const messages = rows.flatMap((r) => (r.kind === 'message' ? [r] : []));
    assert.equal(messages[0]?.label, 'RamUser bob (2037…0002)：InternalError (HTTP 500) — 情况未知，查看日志');
    assert.equal(messages[0]?.requestId, 'REQ-9');
    assert.equal(messages[1]?.label, '无法列出 RAM 角色：InternalError — 未扫描任何 RAM 角色，查看日志');
  });
});
