import { strict as assert } from 'node:assert';
import { progressText, progressTitle } from '../../../src/commands/progressText';

describe('progressText', () => {
  it('reads "Detaching 312/1,000"', () => {
    assert.equal(progressText('Detaching', 312, 1000), 'Detaching 312/1,000');
    assert.equal(progressText('Unbinding', 0, 3), 'Unbinding 0/3');
    assert.equal(progressText('Scanning', 12345, 1234567), 'Scanning 12,345/1,234,567');
  });

  it('never shows more done than total, nor negative counts', () => {
    assert.equal(progressText('Detaching', 11, 10), 'Detaching 10/10');
    assert.equal(progressText('Detaching', -1, 10), 'Detaching 0/10');
  });
});

describe('progressTitle', () => {
  it('turns a mutation busy word into the status title', () => {
    assert.equal(progressTitle('detaching…'), 'Detaching');
    assert.equal(progressTitle('unbinding…'), 'Unbinding');
    assert.equal(progressTitle('binding...'), 'Binding');
  });
});
