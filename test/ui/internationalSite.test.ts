// An account on Alibaba Cloud's international site, in the real workbench (code-server + headless Chromium): its
// profile says `"site": "international"`, and the pages it opens are the international site's — Open in Console on
// a bucket row opens mps.console.alibabacloud.com, and the Troubleshoot button of a failed unbind opens API
// Explorer on api.alibabacloud.com (the emulator, like Alibaba's servers, sends the China site's link).
//
// How the opening is observed (as in troubleshoot.test.ts): the web workbench may ask before opening an external
// website; the tab it opens is a new page of the browser context, and every request to an Alibaba domain is
// routed to a stub page, so nothing leaves the machine and the tab's URL is the one requested. With
// README_SCREENSHOTS=1 the loaded view is also saved as the README's English picture (docs/images/resources-en.png).
import * as assert from 'node:assert/strict';
import type { Page, Route } from 'playwright-core';
import { demoUserId } from '../emulator/demoState';
import { escapeRegExp } from '../support/text';
import { waitFor } from '../support/wait';
import { useOwnEmulatorWorkbench } from './emulatorWorkbench';
import { readmeScreenshot } from './workbench';

const PROFILE = 'international-ui';
const BUCKET = 'media-output-demo';

describe('a profile on the international site (UI)', function () {
  this.timeout(180_000);
  const { wb, emulator } = useOwnEmulatorWorkbench({
    profile: {
      name: PROFILE,
      site: 'international',
      outputBuckets: [BUCKET, 'media-output-archive'],
      inputBuckets: ['media-input-uploads'],
      identities: [
        { identityType: 'RamUser', identityName: demoUserId('alice') },
        { identityType: 'RamRole', identityName: 'TranscodeRole' },
      ],
    },
    userSettings: { 'workbench.startupEditor': 'none' },
  });
  const requested: string[] = [];
  const opened: Page[] = [];

  before(async () => {
    const context = wb().page.context();
    await context.route(
      (url) => /(^|\.)(aliyun|alibabacloud)\.com$/.test(url.hostname),
      (route: Route) => {
        requested.push(route.request().url());
        return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>stub</title><h1>Alibaba Cloud (stub)</h1>' });
      },
    );
    context.on('page', (p) => opened.push(p));
  });

  afterEach(async () => {
    for (const p of opened.splice(0)) await p.close().catch(() => undefined);
    emulator().clearFaults();
  });

  /** After a click that opens `expected`: answers the workbench's question if it asks, and checks the new tab. */
  async function expectOpened(expected: string, shot: string): Promise<void> {
    const before = requested.length;
    const dialog = wb().dialog();
    const seen = await waitFor(async () => (opened.length > 0 ? 'page' : (await dialog.isVisible()) ? 'dialog' : undefined), 'a new tab or the question before opening it', 30_000, 100);
    if (seen === 'dialog') {
      assert.match(await dialog.innerText(), /open the external website/i);
      await dialog.getByRole('button', { name: 'Open', exact: true }).click();
      await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    }
    await waitFor(() => opened.length > 0, 'a new tab', 30_000, 100);
    await opened[0].waitForURL(expected, { timeout: 30_000, waitUntil: 'domcontentloaded' });
    assert.equal(opened[0].url(), expected);
    assert.deepEqual(requested.slice(before), [expected], 'the browser requested exactly that page');
    await wb().screenshot(shot);
  }

  it('opens the international console from a bucket row', async () => {
    await wb().openView('Alibaba Cloud Media');
    const row = wb().treeItem(new RegExp(`^${escapeRegExp(BUCKET)}, bound as output$`));
    await row.waitFor({ timeout: 30_000 });
    await wb().treeItem(/^RamRole TranscodeRole/).waitFor({ timeout: 30_000 });
    await wb().screenshot('international-1-view');
    await readmeScreenshot(wb().page, 'resources-en');
    await wb().rightClick(row);
    await wb().clickMenuItem('Open in Console');
    await expectOpened('https://mps.console.alibabacloud.com/overview?regionId=cn-shanghai', 'international-2-console');
  });

  it("opens API Explorer's Troubleshoot page on the international site from a failed unbind's notification", async () => {
    emulator().setFault('UnbindOutputBucket', { kind: 'error', code: 'Forbidden.RAM', status: 403, match: { Bucket: BUCKET }, times: 1 });
    const since = emulator().requests().length;
    await wb().rightClick(wb().treeItem(new RegExp(`^${escapeRegExp(BUCKET)}, bound as output$`)));
    await wb().clickMenuItem('Unbind Output Bucket');
    await wb().answerDialog('Unbind');
    const sent = await waitFor(() => emulator().requests().slice(since).find((r) => r.action === 'UnbindOutputBucket'), 'the unbind at the emulator', 30_000, 100);
    assert.equal(sent.outcome, 'Forbidden.RAM');
    const toast = wb().page.locator('.notifications-toasts .notification-fade-in-done .notification-list-item').filter({ hasText: 'Forbidden.RAM' }).first();
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    await toast.locator('.notification-list-item-buttons-container .monaco-button', { hasText: /^Troubleshoot$/ }).click();
    await expectOpened(`https://api.alibabacloud.com/troubleshoot?q=Forbidden.RAM&product=Mts&requestId=${sent.requestId}`, 'international-3-troubleshoot');
  });
});
