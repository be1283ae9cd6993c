// The log in another display language: its fixed words are Chinese, while the layout and every key token and value
// stay exactly as in English, so `grep "RequestId …"` and `grep "Code Forbidden.RAM"` find the same lines in any
// language and a pasted line reads the same to support.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CallRecord } from '../../../src/cloud';
import { bulkReportLines, bulkSummary } from '../../../src/commands/bulkSummary';
import { formatCallDetail, formatCallRecord } from '../../../src/log/formatCallRecord';
import { useBundle, type Bundle } from '../../support/l10n';

const zhCn = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Bundle;

const REQUEST_ID = '0D5B4B5F-1111-2222-3333-444455556666';
const READ_ID = '11111111-2222-3333-4444-555555555555';
const ROLE = 'acs:ram::1234567890123456:role/ops';

const base: CallRecord = {
  id: 'r1',
  time: '2025-01-01T00:00:00.000Z',
  product: 'mps',
  action: 'UnbindOutputBucket',
  region: 'cn-shanghai',
  endpoint: 'https://mts.cn-shanghai.aliyuncs.com',
  profile: 'demo',
  target: 'media-output-demo',
  params: { Bucket: 'media-output-demo' },
  maskedAccessKeyId: 'LTAI****abcd',
  credential: { source: 'aliyun-cli:dev', roleArn: ROLE, sessionName: 'vscode-demo' },
  outcome: 'succeeded',
  requestId: REQUEST_ID,
  latencyMs: 23,
  attempts: 1,
};

/** English words of the log that must not be left in a Chinese line. */
const ENGLISH_WORDS = /\b(succeeded|failed|cancelled|outcome|unknown|attempts?|profile|answer|lost|confirmed|read-back|none|params)\b/;

describe('log lines in zh-cn', () => {
  beforeEach(() => useBundle(zhCn));
  afterEach(() => useBundle(undefined));

  it('a success: the action, target, brackets, RequestId and signer pairs as in English, the words in Chinese', () => {
    const { level, text } = formatCallRecord(base);
    assert.equal(level, 'info');
    assert.equal(
      text,
      `UnbindOutputBucket media-output-demo [配置 demo, cn-shanghai] 成功，用时 23 ms（1 次尝试） RequestId ${REQUEST_ID} AccessKeyId LTAI****abcd Source aliyun-cli:dev Role ${ROLE} Session vscode-demo`,
    );
    assert.doesNotMatch(text, ENGLISH_WORDS);
  });

  it('a failure keeps Code, HTTP, Message and Recommend after the separator, greppable as in English', () => {
    const { level, text } = formatCallRecord({
      ...base,
      outcome: 'failed',
      attempts: 3,
      error: { kind: 'permission', code: 'Forbidden.RAM', message: 'User not authorized to operate on the specified resource.', httpStatus: 403, recommend: 'https://api.aliyun.com/troubleshoot?q=Forbidden.RAM' },
    });
    assert.equal(level, 'error');
    assert.match(text, /^UnbindOutputBucket media-output-demo \[配置 demo, cn-shanghai\] 失败，用时 23 ms（3 次尝试） /);
    assert.ok(text.includes(`RequestId ${REQUEST_ID} AccessKeyId LTAI****abcd Source aliyun-cli:dev Role ${ROLE} Session vscode-demo`), text);
    assert.ok(
      text.endsWith(' — Code Forbidden.RAM, HTTP 403, Message "User not authorized to operate on the specified resource.", Recommend https://api.aliyun.com/troubleshoot?q=Forbidden.RAM'),
      text,
    );
    // What people grep for in a ticket finds the line in either language.
    assert.match(text, /Code Forbidden\.RAM/);
    assert.match(text, new RegExp(`RequestId ${REQUEST_ID}`));
  });

  it('an unknown outcome names both RequestIds, and "none" in Chinese where there is none', () => {
    const { requestId: _none, ...lost } = base;
    const { text } = formatCallRecord({
      ...lost,
      outcome: 'unknown',
      error: { kind: 'unknown-outcome', code: 'OutcomeUnknown', message: 'may or may not have taken effect', readBack: { action: 'ListAllMediaBucket', code: 'InternalError', requestId: READ_ID } },
    });
    assert.match(text, / 结果未知，用时 23 ms（1 次尝试） /);
    assert.ok(text.includes(`回读 ListAllMediaBucket 失败 (Code InternalError) RequestId ${READ_ID}`), text);
    assert.ok(text.endsWith(', UnbindOutputBucket RequestId 无'), text);
    assert.match(text, /Code OutcomeUnknown, Message "may or may not have taken effect"/);
  });

  it('a lost answer confirmed by a read, and a detach with its policy lists', () => {
    const { requestId: _none, ...lost } = base;
    const confirmed = formatCallRecord({ ...lost, confirmedBy: { action: 'ListAllMediaBucket', requestId: READ_ID } }).text;
    assert.ok(confirmed.endsWith(` — 应答丢失，已由 ListAllMediaBucket 确认 RequestId ${READ_ID}`), confirmed);

    const detach = formatCallRecord({
      ...base,
      product: 'vod',
      action: 'DetachAppPolicyFromIdentity',
      target: 'RamUser alice (app-1000000)',
      nonExistPolicyNames: ['VODAppReadOnlyAccess'],
      failedPolicyNames: ['VODAppFullAccess'],
    });
    assert.equal(detach.level, 'warn');
    assert.ok(detach.text.startsWith('DetachAppPolicyFromIdentity RamUser alice (app-1000000) [配置 demo, cn-shanghai] 成功'), detach.text);
    assert.ok(detach.text.endsWith(' — NonExistPolicyNames [VODAppReadOnlyAccess], FailedPolicyNames [VODAppFullAccess]'), detach.text);
  });

  it('the debug detail keeps the product, endpoint, masked key and parameters', () => {
    assert.equal(formatCallDetail(base), '  MPS https://mts.cn-shanghai.aliyuncs.com AccessKeyId LTAI****abcd 参数：Bucket=media-output-demo');
    assert.equal(formatCallDetail({ ...base, params: {} }), '  MPS https://mts.cn-shanghai.aliyuncs.com AccessKeyId LTAI****abcd 参数：（无）');
  });

  it("a bulk report: the summary and each target's line, RequestIds and errors untouched", () => {
    const head = (succeeded: number, total: number) => `已解绑 ${succeeded} / ${total} 个 Bucket`;
    const summary = bulkSummary({ succeeded: 1, failed: 1, skipped: 1, cancelled: true }, head);
    assert.equal(summary, '已解绑 1 / 3 个 Bucket — 已取消，1 个失败，1 个未发送');
    assert.deepEqual(
      bulkReportLines(summary, [
        { target: 'a-1', status: 'succeeded', requestId: 'R1', note: 'FailedPolicyNames [X]' },
        { target: 'b-2', status: 'failed', error: 'Forbidden.RAM (HTTP 403): denied. RequestId R2' },
        { target: 'c-3', status: 'skipped' },
      ]),
      [summary, '  a-1: 成功 RequestId R1 FailedPolicyNames [X]', '  b-2: 失败 — Forbidden.RAM (HTTP 403): denied. RequestId R2', '  c-3: 已跳过（未发送）'],
    );
  });

  it('English again without a bundle: the lines the integration tests and existing greps expect', () => {
    useBundle(undefined);
    assert.ok(formatCallRecord(base).text.startsWith('UnbindOutputBucket media-output-demo [profile demo, cn-shanghai] succeeded in 23 ms (1 attempt) RequestId '));
    assert.deepEqual(bulkReportLines('x', [{ target: 'c-3', status: 'skipped' }]), ['x', '  c-3: skipped (not sent)']);
  });
});
