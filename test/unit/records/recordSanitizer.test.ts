import { strict as assert } from 'node:assert';
import { sanitizeRecord } from '../../../src/records/recordSanitizer';
import { detachRecord, record } from '../history/fixtures';

describe('sanitizeRecord', () => {
  describe('AccessKeyIds', () => {
    it('keeps a RAM user whose name merely starts with LTAI', () => {
      const input = detachRecord({
        target: 'RamUser:LTAIopsAdmin2024 (app-1000000)',
        params: { IdentityType: 'RamUser', IdentityName: 'LTAIopsAdmin2024', AppId: 'app-1000000', PolicyNames: 'VODAppFullAccess' },
        maskedAccessKeyId: 'LTAI****abcd',
      });
      const clean = sanitizeRecord(input);
      assert.equal(clean?.params.IdentityName, 'LTAIopsAdmin2024');
      assert.equal(clean?.target, 'RamUser:LTAIopsAdmin2024 (app-1000000)');
    });

    it('keeps such a name in policy lists and error messages too', () => {
      const clean = sanitizeRecord(detachRecord({
        failedPolicyNames: ['LTAIcustomPolicy01'],
        outcome: 'failed',
        error: { kind: 'not-found', code: 'EntityNotExist.User', message: 'The user LTAIopsAdmin2024 does not exist.' },
      }));
      assert.deepEqual(clean?.failedPolicyNames, ['LTAIcustomPolicy01']);
      assert.equal(clean?.error?.message, 'The user LTAIopsAdmin2024 does not exist.');
    });

    it('masks the maskedAccessKeyId field if it arrives unmasked', () => {
      assert.equal(sanitizeRecord(record({ maskedAccessKeyId: 'LTAI5tAbCdEfGh12abcd' }))?.maskedAccessKeyId, 'LTAI****abcd');
    });

    it('masks an AccessKeyId parameter, whatever its value looks like', () => {
      const clean = sanitizeRecord(record({ params: { Bucket: 'b', AccessKeyId: 'LTAI5tAbCdEfGh12abcd' } }));
      assert.equal(clean?.params.AccessKeyId, 'LTAI****abcd');
      assert.equal(clean?.params.Bucket, 'b');
    });

    it("masks a bare string that is the record's own AccessKeyId, wherever it hides", () => {
      const clean = sanitizeRecord(record({
        maskedAccessKeyId: 'LTAI****abcd',
        outcome: 'failed',
        error: { kind: 'auth', code: 'InvalidAccessKeyId', message: 'Key LTAI5tAbCdEfGh12abcd is disabled.' },
        params: { Bucket: 'b', Note: 'LTAI5tAbCdEfGh12abcd' },
      }));
      const stored = JSON.stringify(clean);
      assert.ok(!stored.includes('LTAI5tAbCdEfGh12abcd'), stored);
      assert.equal(clean?.error?.message, 'Key LTAI****abcd is disabled.');
      assert.equal(clean?.params.Note, 'LTAI****abcd');
    });

    it('masks AccessKeyId=… in text even without a known key (the core redaction)', () => {
      const clean = sanitizeRecord(record({ maskedAccessKeyId: undefined, endpoint: 'https://mts.aliyuncs.com/?AccessKeyId=LTAI5tAbCdEfGh12abcd' }));
      assert.ok(!JSON.stringify(clean).includes('LTAI5tAbCdEfGh12abcd'));
    });
  });
});

describe('sanitizeRecord: undoneBy', () => {
  it('keeps a well-formed undo annotation', () => {
    const undoneBy = { requestId: '1A2B3C4D-0000-4000-8000-000000000001', time: '2025-01-02T08:00:00.000Z' };
    assert.deepEqual(sanitizeRecord({ ...record(), undoneBy })?.undoneBy, undoneBy);
  });

  it('drops a malformed one but keeps the record', () => {
    for (const undoneBy of [{ requestId: 'x' }, { requestId: 'x', time: 'not a time' }, 'yesterday', { requestId: 7, time: '2025-01-02T08:00:00.000Z' }]) {
      const clean = sanitizeRecord({ ...record(), undoneBy });
      assert.ok(clean, JSON.stringify(undoneBy));
      assert.equal('undoneBy' in clean, false, JSON.stringify(undoneBy));
    }
  });
});
