// Two windows, one request history: a second page on the same workbench runs an extension host of its own over the
// same global storage, as a second desktop window does. What one window records shows in the other's Request
// History within seconds, and a Clear in one window empties the other's too and stays cleared.
import * as assert from 'node:assert/strict';
import { emulatorWorkbench, uiEmulator } from './emulatorWorkbench';
import { useWorkbench, type Workbench } from './workbench';

/** Both windows notice the journal changing through a file watch (or a 1 s poll): well within this. */
const SEEN_WITHIN_MS = 5_000;

describe('two windows share one request history (UI)', function () {
  this.timeout(120_000);
  const wb = useWorkbench(emulatorWorkbench);
  let second: Workbench | undefined;

  before(async () => {
    await uiEmulator();
  });

  after(async () => {
    await second?.close();
  });

  /** A background page renders nothing (headless Chromium pauses its frames): the window in use comes to the front. */
  async function use(window: Workbench): Promise<Workbench> {
    await window.page.bringToFront();
    return window;
  }

  /** The rows of a window's Request History view. */
  function historyRows(window: Workbench) {
    return window.view('Request History').getByRole('treeitem');
  }

  it('a Clear in one window empties the other’s history, and what the other records next shows in the first', async () => {
    const first = wb();
    await first.reset();
    await first.openView('Alibaba Cloud Media');
    await first.runCommand('Alibaba Cloud Media: Refresh');
    await historyRows(first).first().waitFor({ state: 'visible', timeout: 30_000 });

    second = await first.anotherWindow();
    await use(second);
    // The new window restores the first one's layout (this container open) and fills it once its extension host
    // has registered the views; clicking the container before that would close the side bar.
    await second.view('Request History').waitFor({ state: 'visible', timeout: 60_000 }).catch(() => undefined);
    await second.openView('Alibaba Cloud Media');
    // The second window reads the first one's records from the shared journal.
    await historyRows(second).first().waitFor({ state: 'visible', timeout: 30_000 });

    await second.runCommand('Alibaba Cloud Media: Clear Request History…');
    const question = await second.answerDialog('Clear History');
    assert.match(question, /Clear all \d+ recorded requests\?/);
    const started = Date.now();
    await use(first);
    await first.view('Request History').getByText('No requests yet', { exact: false }).waitFor({ state: 'visible', timeout: SEEN_WITHIN_MS });
    assert.equal(await historyRows(first).count(), 0, 'the first window’s history is empty too');
    const clearSeenMs = Date.now() - started;

    // The first window records new calls; the second window shows exactly those, and nothing cleared came back.
    await first.runCommand('Alibaba Cloud Media: Refresh');
    await historyRows(first).first().waitFor({ state: 'visible', timeout: 30_000 });
    await use(second);
    const listed = historyRows(second).filter({ hasText: 'ListAllMediaBucket' }).first();
    await listed.waitFor({ state: 'visible', timeout: SEEN_WITHIN_MS + 10_000 });
    await second.page.waitForTimeout(1500); // the views settle (they refresh at most every 250 ms)
    const secondRows = await historyRows(second).allInnerTexts();
    await use(first);
    await first.page.waitForTimeout(500);
    const firstRows = await historyRows(first).allInnerTexts();
    assert.ok(firstRows.length > 0);
    assert.deepEqual(secondRows, firstRows, 'both windows list the same records');
    console.log(`    clear seen by the other window after ${clearSeenMs} ms`);
  });
});
