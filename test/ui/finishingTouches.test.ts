// The walkthrough and the Request Inspector's return after a reload, in the real workbench (code-server + headless
// Chromium), with screenshots under test-output/ui/ as evidence of what a user sees:
//   - "Get Started" opens the walkthrough; a step's command button works and the step ticks off;
//   - the inspector, filtered, comes back after the window reloads, with its filter and the rows it matches.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { waitFor } from '../support/wait';
import { useOwnEmulatorWorkbench } from './emulatorWorkbench';

const PROFILE = 'touches-ui';

describe('finishing touches (UI)', function () {
  this.timeout(180_000);
  // Its own workbench: the emulator URL in the settings differs from the shared instance's.
  const { wb, emulator } = useOwnEmulatorWorkbench({ profile: { name: PROFILE, outputBuckets: ['media-output-demo'] }, userSettings: { 'workbench.startupEditor': 'none' } });

  it('Get Started shows the walkthrough; the "Open Resources" button opens the view and ticks the step off', async () => {
    // Once the extension's view is there, its contributions are in the palette.
    await wb().openView('Alibaba Cloud Media');
    await wb().runCommand('Alibaba Cloud Media: Get Started');
    const page = wb().page;
    await page.getByText('Get Started with Alibaba Cloud Media Access').first().waitFor({ timeout: 30_000 });
    for (const title of ['Add a profile', 'Choose where the key comes from', 'Open the Resources view', 'Revoke, with a confirmation', 'Find the RequestId in the log and the history']) {
      await page.locator('.getting-started-step').filter({ hasText: title }).first().waitFor({ timeout: 10_000 });
    }
    const step = page.locator('.getting-started-step[data-step-id$="#openTree"]');
    assert.equal(await step.getAttribute('aria-checked'), 'false', 'the step was done before its button was used');
    await step.click();
    const button = step.getByRole('button', { name: 'Open Resources' }).or(step.locator('a', { hasText: 'Open Resources' })).first();
    await button.waitFor({ state: 'visible', timeout: 10_000 });
    await wb().screenshot('walkthrough');
    await button.click();

    // The view opened and shows the profile; the step is checked.
    await wb().treeItem(new RegExp(`^${PROFILE}`)).first().waitFor({ timeout: 30_000 });
    await waitFor(async () => (await step.getAttribute('aria-checked')) === 'true', 'the step to tick off', 10_000, 100);
    await wb().screenshot('walkthrough-step-done');
  });

  function inspectorFrame(): FrameLocator {
    return wb().page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  it('the filtered inspector comes back after a window reload, with its filter', async () => {
    await wb().reset();
    await wb().openView('Alibaba Cloud Media');
    await waitFor(() => emulator().requests().some((r) => r.action === 'ListAllMediaBucket' && r.requestId), 'a listing at the emulator', 30_000, 100);
    await wb().runCommand('Alibaba Cloud Media: Open Request Inspector');
    let frame = inspectorFrame();
    await frame.locator('vscode-table-row').first().waitFor({ timeout: 30_000 });
    await frame.locator('#filter input').fill('ListAllMediaBucket');
    await waitFor(async () => /^\d+ of \d+ requests/.test(await frame.locator('#count').innerText()), 'the count', 10_000, 100);
    const shownBefore = Number(/^(\d+) of/.exec(await frame.locator('#count').innerText())?.[1]);
    assert.ok(shownBefore >= 1, 'the filter matched nothing');
    // The whole RequestId is in its cell, with a copy button.
    const listing = emulator().requests().find((r) => r.action === 'ListAllMediaBucket' && r.requestId);
    const idCell = frame.locator('vscode-table-cell.request-id').filter({ hasText: listing?.requestId ?? '?' }).first();
    await idCell.waitFor({ timeout: 10_000 });
    assert.equal(await idCell.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), true, 'the RequestId is cut off in its cell');
    await frame.locator('button.copy-id').first().waitFor({ timeout: 10_000 });
    await wb().screenshot('inspector-before-reload');

    // As a user reloads: the workbench saves its editors (and the page's webview state) on the way down.
    await wb().runCommand('Developer: Reload Window');
    await wb().page.waitForEvent('load', { timeout: 60_000 });
    await wb().page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
    frame = inspectorFrame();
    const filter = frame.locator('#filter input');
    await filter.waitFor({ timeout: 60_000 });
    await waitFor(async () => (await filter.inputValue()) === 'ListAllMediaBucket', 'the restored filter', 30_000, 200);
    await waitFor(async () => /^\d+ of \d+ requests/.test(await frame.locator('#count').innerText()), 'the restored rows', 30_000, 200);
    // The view, open again, may have listed once more since: at least the rows from before, and only matches.
    const shownAfter = Number(/^(\d+) of/.exec(await frame.locator('#count').innerText())?.[1]);
    assert.ok(shownAfter >= shownBefore, `${shownAfter} rows after the reload, ${shownBefore} before`);
    for (const text of await frame.locator('vscode-table-row').allInnerTexts()) assert.match(text, /ListAllMediaBucket/);
    await wb().screenshot('inspector-after-reload');
  });
});
