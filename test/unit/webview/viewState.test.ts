import { strict as assert } from 'node:assert';
import { DEFAULT_QUERY } from '../../../src/webview/recordQuery';
import { restoreViewState } from '../../../src/webview/viewState';

describe('restoreViewState', () => {
  it('starts from the defaults when nothing was saved', () => {
    assert.deepEqual(restoreViewState(undefined), { query: DEFAULT_QUERY });
    assert.deepEqual(restoreViewState('junk'), { query: DEFAULT_QUERY });
  });

  it('restores what the webview saved before it was hidden', () => {
    const saved = { query: { text: 'BBBB', outcome: 'failed', sortKey: 'latency', sortDirection: 'asc' }, selectedId: 'rec-7' };
    assert.deepEqual(restoreViewState(saved), saved);
  });

  it('replaces each unknown value by its default, keeping the valid ones', () => {
    const restored = restoreViewState({ query: { text: 42, outcome: 'exploded', sortKey: 'outcome', sortDirection: 'sideways' }, selectedId: 9 });
    assert.deepEqual(restored, { query: { ...DEFAULT_QUERY, sortKey: 'outcome' } });
  });
});
