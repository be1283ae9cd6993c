import { strict as assert } from 'node:assert';
import { recordDescription, recordDetails, recordLabel, shortRequestId } from '../../../src/records/recordText';
import { detachRecord, record } from '../history/fixtures';

describe('record text', () => {
  it('labels a record by action and target', () => {
    assert.equal(recordLabel(record({ target: 'media-out' })), 'UnbindOutputBucket media-out');
    assert.equal(recordLabel(record({ action: 'ListAppInfo', target: '' })), 'ListAppInfo');
  });

  it('describes a record by time and a short RequestId', () => {
    const r = record({ requestId: '0D5B4B5F-1111-2222-3333-444455556666' });
    assert.equal(recordDescription(r, () => '12:00:01'), '12:00:01 · 0D5B4B5F…');
    assert.equal(shortRequestId(undefined), 'no RequestId');
    assert.equal(shortRequestId('abc'), 'abc');
  });

  it('lists error and policy outcomes in the details', () => {
    const details = new Map(recordDetails(detachRecord({
      outcome: 'failed',
      failedPolicyNames: ['Custom1'],
      error: { kind: 'permission', code: 'Forbidden.OperateApp', message: 'no', httpStatus: 403 },
    })));
    assert.equal(details.get('Error code'), 'Forbidden.OperateApp');
    assert.equal(details.get('HTTP status'), '403');
    assert.equal(details.get('FailedPolicyNames'), 'Custom1');
    assert.equal(details.get('Param IdentityName'), 'alice');
    assert.equal(details.has('NonExistPolicyNames'), false, 'empty lists are left out');
  });
});
