// When a temporary key is renewed: a fifth of its lifetime before it lapses (at most five minutes), its lifetime
// measured from receipt on the local clock and never past what was asked for.
import * as assert from 'node:assert/strict';
import { RENEWAL_MARGIN_MS, renewAt, UNKNOWN_LIFETIME_MS } from '../../../src/cloud/assumedRole';

const MIN = 60_000;

describe('renewAt', () => {
  it('an hour-long key is renewed five minutes early; a 15-minute one three minutes early', () => {
    assert.equal(renewAt(0, 60 * MIN, 60 * MIN), 60 * MIN - RENEWAL_MARGIN_MS);
    assert.equal(renewAt(0, 15 * MIN, 15 * MIN), 12 * MIN);
  });

  it('a local clock ahead of the issuer (the key seems already expired) falls back to the lifetime asked for', () => {
    assert.equal(renewAt(20 * MIN, 15 * MIN, 15 * MIN), 20 * MIN + 12 * MIN);
  });

  it('a local clock behind the issuer never keeps a key longer than was asked for', () => {
    assert.equal(renewAt(-20 * MIN, 15 * MIN, 15 * MIN), -20 * MIN + 12 * MIN);
  });

  it('without a lifetime it can trust, a key is kept one minute (less a fifth)', () => {
    assert.equal(renewAt(0, Number.NaN), UNKNOWN_LIFETIME_MS * 0.8);
    assert.equal(renewAt(10 * MIN, 5 * MIN), 10 * MIN + UNKNOWN_LIFETIME_MS * 0.8);
    assert.equal(renewAt(0, 10 * MIN), 8 * MIN, 'an Expiration ahead is used as it is when nothing was asked for');
  });
});
