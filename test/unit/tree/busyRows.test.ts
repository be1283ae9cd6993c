import * as assert from 'node:assert/strict';
import { BusyRows } from '../../../src/tree/busyRows';

describe('BusyRows', () => {
  it('keeps a row busy until every overlapping call on it has finished', () => {
    const rows = new BusyRows();
    rows.mark('r', 'unbinding…');
    rows.mark('r', 'binding…');
    assert.equal(rows.label('r'), 'binding…');
    rows.unmark('r');
    assert.equal(rows.label('r'), 'binding…', 'one call is still in flight');
    rows.unmark('r');
    assert.equal(rows.label('r'), undefined);
    rows.unmark('r');
    assert.equal(rows.label('r'), undefined, 'an extra unmark is harmless');
  });
});
