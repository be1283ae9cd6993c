import { strict as assert } from 'node:assert';
import { listItems, optionalNumber, optionalString, policyNameList, requireRequestId } from '../../../src/cloud/responses';
import { CloudError } from '../../../src/cloud/errors';

const JSONbig = require('json-bigint') as { parse(text: string): unknown };

describe('responses', () => {
  describe('NonExistPolicyNames / FailedPolicyNames', () => {
    it('accepts arrays, comma strings, the wrapped form and missing values', () => {
      assert.deepEqual(policyNameList(['VODAppFullAccess', 'custom1']), ['VODAppFullAccess', 'custom1']);
      assert.deepEqual(policyNameList('VODAppFullAccess, custom1,'), ['VODAppFullAccess', 'custom1']);
      assert.deepEqual(policyNameList(''), []);
      assert.deepEqual(policyNameList(undefined), []);
      assert.deepEqual(policyNameList(null), []);
      assert.deepEqual(policyNameList({ PolicyName: ['a', 'b'] }), ['a', 'b']);
      assert.deepEqual(policyNameList({ PolicyName: 'a' }), ['a']);
      assert.deepEqual(policyNameList({ PolicyName: [] }), []);
    });
    it('works on json-bigint output (null prototypes)', () => {
      const body = JSONbig.parse('{"RequestId":"R","NonExistPolicyNames":{"PolicyName":["x"]},"FailedPolicyNames":["y"]}') as Record<string, unknown>;
      assert.equal(Object.getPrototypeOf(body), null);
      assert.deepEqual(policyNameList(body.NonExistPolicyNames), ['x']);
      assert.deepEqual(policyNameList(body.FailedPolicyNames), ['y']);
      assert.equal(requireRequestId(body), 'R');
    });
  });

  it('unwraps lists in every shape', () => {
    assert.deepEqual(listItems([1, 2], 'MediaBucket'), [1, 2]);
    assert.deepEqual(listItems({ MediaBucket: [1] }, 'MediaBucket'), [1]);
    assert.deepEqual(listItems({ MediaBucket: { Bucket: 'b' } }, 'MediaBucket'), [{ Bucket: 'b' }]);
    assert.deepEqual(listItems(undefined, 'MediaBucket'), []);
  });

  it('reads BigNumber values', () => {
    const body = JSONbig.parse('{"Total":123456789012345678901,"Id":98765432109876543210}') as Record<string, unknown>;
    assert.equal(optionalString(body.Id), '98765432109876543210');
    assert.equal(typeof optionalNumber(body.Total), 'number');
    assert.equal(optionalNumber('12'), 12);
    assert.equal(optionalNumber('x'), undefined);
  });

  it('requires a RequestId', () => {
    assert.throws(() => requireRequestId({ ok: true }), (e: unknown) => e instanceof CloudError && e.kind === 'bad-response');
    assert.throws(() => requireRequestId('text'), CloudError);
  });
});
