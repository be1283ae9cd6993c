import * as assert from 'node:assert/strict';
import type { CallRecord } from '../../../src/cloud';
import { formatCallDetail, formatCallRecord } from '../../../src/log/formatCallRecord';

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
  outcome: 'succeeded',
  requestId: '4AEA0480-32F4-1656-92B3-F4D4CDE6BBB3',
  latencyMs: 23,
  attempts: 1,
};

describe('formatCallRecord', () => {
  it('writes one info line for a success', () => {
    assert.deepEqual(formatCallRecord(base), {
      level: 'info',
      text: 'UnbindOutputBucket media-output-demo [profile demo, cn-shanghai] succeeded in 23 ms (1 attempt) RequestId 4AEA0480-32F4-1656-92B3-F4D4CDE6BBB3',
    });
  });

  it('adds code, status, message and recommend at error level', () => {
    const line = formatCallRecord({
      ...base,
      outcome: 'failed',
      attempts: 3,
      error: { kind: 'auth', code: 'SignatureDoesNotMatch', message: 'Specified signature is not matched.', httpStatus: 400, recommend: 'https://next.api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch' },
    });
    assert.equal(line.level, 'error');
    assert.equal(
      line.text,
      'UnbindOutputBucket media-output-demo [profile demo, cn-shanghai] failed in 23 ms (3 attempts) RequestId 4AEA0480-32F4-1656-92B3-F4D4CDE6BBB3 — Code SignatureDoesNotMatch, HTTP 400, Message "Specified signature is not matched.", Recommend https://next.api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch',
    );
  });

  it('handles calls stopped before sending (no RequestId, no status, 0 attempts)', () => {
    const { requestId: _r, ...rest } = base;
    const line = formatCallRecord({ ...rest, outcome: 'failed', attempts: 0, error: { kind: 'auth', code: 'MissingCredentials', message: 'No AccessKey set.' } });
    assert.equal(line.text, 'UnbindOutputBucket media-output-demo [profile demo, cn-shanghai] failed in 23 ms (0 attempts) — Code MissingCredentials, Message "No AccessKey set."');
  });

  it('logs cancellations as warnings', () => {
    assert.equal(formatCallRecord({ ...base, outcome: 'cancelled', error: { kind: 'cancelled', code: 'Cancelled', message: 'x' } }).level, 'warn');
  });

  it('adds the policy lists for detaches, warning when some failed', () => {
    const detach: CallRecord = { ...base, product: 'vod', action: 'DetachAppPolicyFromIdentity', target: 'RamUser:alice (app-1000000)', nonExistPolicyNames: ['VODAppReadOnlyAccess'], failedPolicyNames: [] };
    const ok = formatCallRecord(detach);
    assert.equal(ok.level, 'info');
    assert.match(ok.text, / — NonExistPolicyNames \[VODAppReadOnlyAccess\], FailedPolicyNames \[\]$/);
    assert.equal(formatCallRecord({ ...detach, failedPolicyNames: ['x'] }).level, 'warn');
  });

  it('details the parameters and the masked key for debug', () => {
    assert.equal(formatCallDetail(base), '  MPS https://mts.cn-shanghai.aliyuncs.com AccessKeyId LTAI****abcd params: Bucket=media-output-demo');
  });
});

describe('formatCallRecord: lost answers and hostile server text', () => {
  const READ_ID = '11111111-2222-3333-4444-555555555555';

  it('shows a write confirmed by its read-back', () => {
    const { requestId: _none, ...lost } = base;
    const line = formatCallRecord({ ...lost, confirmedBy: { action: 'ListAllMediaBucket', requestId: READ_ID } });
    assert.equal(line.level, 'info');
    assert.equal(
      line.text,
      `UnbindOutputBucket media-output-demo [profile demo, cn-shanghai] succeeded in 23 ms (1 attempt) — answer lost, confirmed by ListAllMediaBucket RequestId ${READ_ID}`,
    );
  });

  it('shows an unknown outcome with both RequestIds at error level', () => {
    const line = formatCallRecord({
      ...base,
      outcome: 'unknown',
      error: { kind: 'unknown-outcome', code: 'OutcomeUnknown', message: 'may or may not have taken effect', readBack: { action: 'ListAllMediaBucket', code: 'InternalError', requestId: READ_ID } },
    });
    assert.equal(line.level, 'error');
    assert.match(line.text, /outcome unknown in 23 ms/);
    assert.match(line.text, new RegExp(`read-back ListAllMediaBucket failed \\(Code InternalError\\) RequestId ${READ_ID}`));
    assert.match(line.text, /UnbindOutputBucket RequestId 4AEA0480-32F4-1656-92B3-F4D4CDE6BBB3$/);
  });

  it('never lets server text start a new log line', () => {
    const forged = '\n2025-01-01 [info] UnbindOutputBucket other-bucket succeeded\r\u2028';
    const line = formatCallRecord({
      ...base,
      outcome: 'failed',
      requestId: `X${forged}`,
      nonExistPolicyNames: [`A${forged}`],
      error: { kind: 'server', code: `C${forged}`, message: `M${forged}`, recommend: `R${forged}` },
    });
    assert.ok(![...line.text].some((c) => c.charCodeAt(0) < 0x20 || c === "\u2028"), JSON.stringify(line.text));
  });

  it('shows a target named with a newline or a bidi override escaped, on its own line', () => {
    const line = formatCallRecord({ ...base, target: 'RamUser evil\n2026-01-01 [info] forged \u202egnp.exe' });
    assert.match(line.text, /^UnbindOutputBucket RamUser evil\\n2026-01-01 \[info\] forged \\u202egnp\.exe \[/);
  });
});
