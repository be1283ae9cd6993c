import { useBundle } from '../../support/vscode';
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RecordWords } from '../../../src/records/recordText';
import { recordDescription, recordDetails, recordLabel, shortRequestId, recordTooltip, undoneText } from '../../../src/records/recordText';
import { recordWords } from '../../../src/webview/recordWords';
import { detachRecord, record } from '../history/fixtures';

const words = recordWords();

describe('record text', () => {
  it('labels a record by action and target', () => {
    assert.equal(recordLabel(record({ target: 'media-out' })), 'UnbindOutputBucket media-out');
    assert.equal(recordLabel(record({ action: 'ListAppInfo', target: '' })), 'ListAppInfo');
  });

  it('describes a record by time and a short RequestId', () => {
    const r = record({ requestId: '0D5B4B5F-1111-2222-3333-444455556666' });
    assert.equal(recordDescription(r, words, () => '12:00:01'), '12:00:01 · 0D5B4B5F…');
    assert.equal(shortRequestId(undefined, words), 'no RequestId');
    assert.equal(shortRequestId('abc', words), 'abc');
  });

  it('lists error and policy outcomes in the details', () => {
    const details = new Map(recordDetails(detachRecord({
      outcome: 'failed',
      failedPolicyNames: ['Custom1'],
      error: { kind: 'permission', code: 'Forbidden.OperateApp', message: 'no', httpStatus: 403 },
    }), words));
    assert.equal(details.get('Error code'), 'Forbidden.OperateApp');
    assert.equal(details.get('HTTP status'), '403');
    assert.equal(details.get('FailedPolicyNames'), 'Custom1');
    assert.equal(details.get('Param IdentityName'), 'alice');
    assert.equal(details.has('NonExistPolicyNames'), false, 'empty lists are left out');
  });
});

describe('undoneText', () => {
  it('says when and by which call a record was undone', () => {
    const r = { ...record(), undoneBy: { requestId: '1A2B3C4D-0000-4000-8000-000000000001', time: '2025-01-02T08:00:00.000Z' } };
    assert.equal(undoneText(r, words), 'Undone at 2025-01-02T08:00:00.000Z (RequestId 1A2B3C4D-0000-4000-8000-000000000001)');
    assert.equal(undoneText(record(), words), undefined);
  });

  it('formats the default description time like toLocaleTimeString', () => {
    const r = record({ time: '2025-01-01T12:34:56.000Z' });
    assert.equal(recordDescription(r, words).split(' · ')[0], new Date(r.time).toLocaleTimeString());
  });
});

describe('recordTooltip', () => {
  it('leads with the undo note, then every field', () => {
    const r = { ...record({ target: 'media-out' }), undoneBy: { requestId: 'UNDO-REQ-1', time: '2025-01-02T08:00:00.000Z' } };
    const lines = recordTooltip(r, words).split('\n');
    assert.equal(lines[0], 'Undone at 2025-01-02T08:00:00.000Z (RequestId UNDO-REQ-1)');
    assert.ok(lines.includes('Target: media-out'));
    assert.ok(!recordTooltip(record(), words).includes('Undone'));
  });
});

describe('records settled by a read-back', () => {
  it('name the read that confirmed a write, or the read that failed, with its RequestId', () => {
    const confirmed = recordDetails(record({ confirmedBy: { action: 'ListAllMediaBucket', requestId: 'READ-1' } }), words);
    assertLine(confirmed, 'Confirmed by', 'ListAllMediaBucket (RequestId READ-1)');
    const unknown = recordDetails(
      record({
        outcome: 'unknown',
        error: { kind: 'unknown-outcome', code: 'OutcomeUnknown', message: 'lost', readBack: { action: 'ListAllMediaBucket', code: 'ServiceUnavailable', requestId: 'READ-2' } },
      }),
      words,
    );
    assertLine(unknown, 'Read-back failed', 'ListAllMediaBucket (RequestId READ-2): ServiceUnavailable');
  });
});

function assertLine(lines: Array<[string, string]>, name: string, value: string): void {
  const found = lines.find(([n]) => n === name);
  if (!found || found[1] !== value) throw new Error(`expected "${name}: ${value}", got ${JSON.stringify(found)}`);
}

describe('the signer in a record', () => {
  const signed = record({ maskedAccessKeyId: 'LTAI****abcd', credential: { source: 'aliyun-cli:dev', roleArn: 'acs:ram::1234567890123456:role/ops', sessionName: 'vscode-demo' } });

  it('names the credential source and the assumed role with its session', () => {
    const lines = recordDetails(signed, words);
    assertLine(lines, 'AccessKeyId', 'LTAI****abcd');
    assertLine(lines, 'Credential source', 'aliyun-cli:dev');
    assertLine(lines, 'Assumed role', 'acs:ram::1234567890123456:role/ops (session vscode-demo)');
    const noSession = recordDetails(record({ credential: { source: 'keychain', roleArn: 'acs:ram::1:role/x' } }), words);
    assertLine(noSession, 'Assumed role', 'acs:ram::1:role/x');
    assert.ok(!recordDetails(record({ credential: { source: 'keychain' } }), words).some(([n]) => n === 'Assumed role'), 'no role, no line');
  });

  it('in zh-cn: Chinese names, the source, ARN, session and RequestId as they are', () => {
    const zhCn = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Parameters<typeof useBundle>[0];
    // recordWords() looks its words up once per extension host; a fresh copy of the module words them in Chinese.
    const modulePath = require.resolve('../../../src/webview/recordWords');
    const cached = require.cache[modulePath];
    delete require.cache[modulePath];
    useBundle(zhCn);
    try {
      const zh = (require(modulePath) as { recordWords(): RecordWords }).recordWords();
      const lines = recordDetails({ ...signed, requestId: 'REQ-1' }, zh);
      assertLine(lines, '凭据来源', 'aliyun-cli:dev');
      assertLine(lines, '扮演的角色', 'acs:ram::1234567890123456:role/ops（会话 vscode-demo）');
      assertLine(lines, 'AccessKeyId', 'LTAI****abcd');
      assertLine(lines, 'RequestId', 'REQ-1');
      assertLine(lines, '操作', `MPS ${signed.action}`);
    } finally {
      useBundle(undefined);
      if (cached) require.cache[modulePath] = cached;
      else delete require.cache[modulePath];
    }
  });
});
