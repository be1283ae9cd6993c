// "An error's troubleshooting link opens Alibaba's page for that RequestId", in the real workbench (code-server +
// headless Chromium): an unbind fails at the emulator with a permission error whose body carries Alibaba's
// Recommend link; the error notification's Troubleshoot button and the Request Inspector's Troubleshoot link both
// open exactly that link in a new tab. A failure whose Recommend is not https on an Alibaba domain offers neither.
//
// How the opening is observed: the extension calls vscode.env.openExternal; the web workbench asks first ("Do you
// want … to open the external website?") unless the domain is trusted, then calls window.open, which Playwright
// reports as a new page of the browser context. Every request to an Alibaba domain (and to the hostile link's
// host) is routed to a stub page in the test, so nothing leaves the machine, the tab loads, and its URL is the one
// requested. Screenshots go to test-output/ui/troubleshoot-*.png.
import * as assert from 'node:assert/strict';
import type { BrowserContext, FrameLocator, Locator, Page, Route } from 'playwright-core';
import { REQUEST_ID_SOURCE, escapeRegExp } from '../support/text';
import { waitFor } from '../support/wait';
import { useOwnEmulatorWorkbench } from './emulatorWorkbench';
import { screenshotPage } from './workbench';

const PROFILE = 'troubleshoot-ui';
const CHANNEL = 'Alibaba Cloud Media';
/** Its unbind fails with a permission error and Alibaba's Recommend link. */
const TRUSTED_BUCKET = 'media-output-demo';
/** Its unbind fails with a Recommend link off Alibaba's domains. */
const HOSTILE_BUCKET = 'media-output-archive';
const HOSTILE_HOST = 'evil.example';
const CODE = 'Forbidden.RAM';
const MESSAGE = 'User not authorized to operate on the specified resource.';

describe('troubleshooting links (UI)', function () {
  this.timeout(180_000);
  // Its own workbench: the emulator URL in the settings differs from the shared instance's.
  const { wb, emulator } = useOwnEmulatorWorkbench({
    profile: { name: PROFILE, outputBuckets: [TRUSTED_BUCKET, HOSTILE_BUCKET] },
    // Log lines stay one line each in the Output view, so a Recommend link is never split by wrapping.
    userSettings: { 'workbench.startupEditor': 'none', '[Log]': { 'editor.wordWrap': 'off' } },
  });
  let context: BrowserContext;
  /** URLs the browser asked for on an Alibaba domain or the hostile host, in order. */
  const external: string[] = [];
  /** Tabs opened besides the workbench, closed after each test. */
  const opened: Page[] = [];
  const onPage = (p: Page) => opened.push(p);
  const stub = (route: Route) => {
    external.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>troubleshoot stub</title><h1>Alibaba Cloud troubleshooting (stub)</h1>' });
  };
  const routed = (url: URL) => /(^|\.)(aliyun|alibabacloud|aliyuncs)\.com$/.test(url.hostname) || url.hostname === HOSTILE_HOST;

  // The routes and the listener go with the browser, which the workbench's own after() closes.
  before(async () => {
    context = wb().page.context();
    await context.route(routed, stub);
    context.on('page', onPage);
  });

  afterEach(async () => {
    await closeOpenedPages();
    emulator().clearFaults();
  });

  async function closeOpenedPages(): Promise<void> {
    for (const p of opened.splice(0)) await p.close().catch(() => undefined);
  }

  function row(bucket: string, description: string): Locator {
    return wb().treeItem(new RegExp(`^${escapeRegExp(bucket)}, ${escapeRegExp(description)}$`));
  }

  function inspectorFrame(): FrameLocator {
    return wb().page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  /** The Request Inspector, with the Output panel (left open by outputText) out of the detail pane's way. */
  async function openInspector(): Promise<void> {
    await wb().page.keyboard.press('Escape');
    await wb().runCommand('View: Hide Panel');
    await wb().page.locator('[id="workbench.parts.panel"]').waitFor({ state: 'hidden', timeout: 10_000 });
    await wb().runCommand('Alibaba Cloud Media: Open Request Inspector');
  }

  /** The toast whose message matches `text`, once it has slid in (so its buttons are on screen for the shot). */
  function toast(text: RegExp): Locator {
    return wb().page.locator('.notifications-toasts .notification-fade-in-done .notification-list-item').filter({
      has: wb().page.locator('.notification-list-item-message', { hasText: text }),
    }).first();
  }

  /** The labels of a toast's buttons (not its close/expand toolbar). */
  async function buttonsOf(item: Locator): Promise<string[]> {
    return (await item.locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts()).map((t) => t.trim());
  }

  /** Unbinds `bucket` from its row (menu, modal) and returns the RequestId of the failed UnbindOutputBucket. */
  async function failUnbind(bucket: string): Promise<string> {
    const since = emulator().requests().length;
    await wb().rightClick(row(bucket, 'bound as output'));
    await wb().clickMenuItem('Unbind Output Bucket');
    const question = await wb().answerDialog('Unbind');
    assert.match(question, new RegExp(`Unbind output bucket "${escapeRegExp(bucket)}" from MPS\\?`));
    const sent = await waitFor(
      () => {
        const r = emulator().requests().slice(since).filter((q) => q.action === 'UnbindOutputBucket' && q.params.Bucket === bucket);
        return r.length > 0 && r;
      },
      `UnbindOutputBucket ${bucket} at the emulator`,
      30_000,
      100,
    );
    assert.equal(sent.length, 1, `one UnbindOutputBucket for ${bucket}`);
    assert.equal(sent[0].outcome, CODE);
    assert.match(sent[0].requestId ?? '', new RegExp(`^${REQUEST_ID_SOURCE}$`));
    return sent[0].requestId as string;
  }

  /** The Recommend link the log line of the failed unbind with this RequestId shows. */
  async function recommendInOutput(requestId: string): Promise<string> {
    const re = new RegExp(`UnbindOutputBucket .*? RequestId ${escapeRegExp(requestId)} .*? Recommend (\\S+)`);
    return waitFor(async () => re.exec(await wb().outputText(CHANNEL))?.[1], `the log line of ${requestId} with its Recommend`, 15_000, 250);
  }

  /**
   * After a click that makes the extension open `expected`: answers the workbench's "open the external website?"
   * question if it asks (checking it names the link), and returns the new tab once it has loaded that URL.
   */
  async function expectOpened(expected: string, shot: string): Promise<Page> {
    const requestedBefore = external.length;
    const pagesBefore = opened.length;
    const dialog = wb().dialog();
    const seen = await waitFor(
      async () => (opened.length > pagesBefore ? 'page' : (await dialog.isVisible()) ? 'dialog' : undefined),
      'a new tab or the question before opening an external website',
      30_000,
      100,
    );
    if (seen === 'dialog') {
      const text = await dialog.innerText();
      assert.match(text, /open the external website/i, text);
      // It names the link, shortened in the middle when long: `https://api.aliyun.com/troubleshoot?...<end of RequestId>`.
      const shown = text.split('\n').map((l) => l.trim()).find((l) => l.startsWith('https://'));
      const [head, tail] = shown?.includes('...') ? shown.split('...', 2) : [shown, ''];
      assert.ok(head && expected.startsWith(head) && expected.endsWith(tail ?? ''), `the question names another link: ${text}`);
      await wb().screenshot(`${shot}-confirm`);
      await dialog.getByRole('button', { name: 'Open', exact: true }).click();
      await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    }
    await waitFor(() => opened.length > pagesBefore, 'a new tab', 30_000, 100);
    assert.equal(opened.length, pagesBefore + 1, 'exactly one new tab');
    const tab = opened[pagesBefore];
    await tab.waitForURL(expected, { timeout: 30_000, waitUntil: 'domcontentloaded' });
    assert.equal(tab.url(), expected);
    assert.deepEqual(external.slice(requestedBefore), [expected], 'the browser requested exactly the link');
    await screenshotPage(tab, `${shot}-tab`);
    return tab;
  }

  /** Opens the Request Inspector, filters it down to the call with this RequestId and shows its detail pane. */
  async function showRecordInInspector(requestId: string) {
    await openInspector();
    const frame = inspectorFrame();
    const rows = frame.locator('vscode-table-row');
    await rows.first().waitFor({ timeout: 30_000 });
    await frame.locator('#filter input').fill(requestId);
    await waitFor(async () => (await rows.count()) === 1, 'one row left by the filter', 10_000, 100);
    await rows.first().click();
    await frame.locator('#detail-fields').filter({ hasText: requestId }).waitFor({ timeout: 10_000 });
    return frame;
  }

  it("opens Alibaba's troubleshooting page for the failed call's Code and RequestId from the notification and the inspector", async () => {
    await wb().openView('Alibaba Cloud Media');
    await row(TRUSTED_BUCKET, 'bound as output').waitFor({ timeout: 30_000 });
    emulator().setFault('UnbindOutputBucket', { kind: 'error', code: CODE, status: 403, message: MESSAGE, match: { Bucket: TRUSTED_BUCKET }, times: 1 });
    const requestId = await failUnbind(TRUSTED_BUCKET);
    const expected = `https://api.aliyun.com/troubleshoot?q=${CODE}&product=Mts&requestId=${requestId}`;

    // The error notification: Copy Request ID, Troubleshoot, Show Log.
    const item = toast(new RegExp(`${escapeRegExp(TRUSTED_BUCKET)}.*${escapeRegExp(CODE)}`));
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    assert.deepEqual(await buttonsOf(item), ['Copy Request ID', 'Troubleshoot', 'Show Log']);
    await wb().screenshot('troubleshoot-1-notification');
    await item.locator('.notification-list-item-buttons-container .monaco-button', { hasText: /^Troubleshoot$/ }).click();
    await expectOpened(expected, 'troubleshoot-2-from-notification');
    await closeOpenedPages();

    // The link is the error body's, as the log line shows it.
    assert.equal(await recommendInOutput(requestId), expected);

    // The Request Inspector: the failed record's detail pane has the link; it opens the same page.
    const frame = await showRecordInInspector(requestId);
    const link = frame.locator('#troubleshoot');
    await link.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await link.getAttribute('title'), expected);
    await wb().screenshot('troubleshoot-3-inspector');
    await link.click();
    await expectOpened(expected, 'troubleshoot-4-from-inspector');
  });

  it('offers no Troubleshoot for a Recommend link off Alibaba\'s domains, in the notification or the inspector', async () => {
    await wb().reset();
    await wb().openView('Alibaba Cloud Media');
    await row(HOSTILE_BUCKET, 'bound as output').waitFor({ timeout: 30_000 });
    const hostile = `http://${HOSTILE_HOST}/troubleshoot?q={Code}&requestId={RequestId}`;
    emulator().setFault('UnbindOutputBucket', { kind: 'error', code: CODE, status: 403, message: MESSAGE, recommend: hostile, match: { Bucket: HOSTILE_BUCKET }, times: 1 });
    const requestId = await failUnbind(HOSTILE_BUCKET);
    const served = `http://${HOSTILE_HOST}/troubleshoot?q=${CODE}&requestId=${requestId}`;

    const item = toast(new RegExp(`${escapeRegExp(HOSTILE_BUCKET)}.*${escapeRegExp(CODE)}`));
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    assert.deepEqual(await buttonsOf(item), ['Copy Request ID', 'Show Log'], 'no Troubleshoot button');
    await wb().screenshot('troubleshoot-5-hostile-notification');
    // The record does carry the link (the log shows it): it is the extension that declines to offer it.
    assert.equal(await recommendInOutput(requestId), served);

    const frame = await showRecordInInspector(requestId);
    const recommend = frame.locator('#detail-fields dd').filter({ hasText: served }).first();
    await recommend.waitFor({ timeout: 10_000 });
    await recommend.scrollIntoViewIfNeeded();
    const link = frame.locator('#troubleshoot');
    assert.equal(await link.isVisible(), false, 'the detail pane shows a Troubleshoot link');
    assert.equal(await link.getAttribute('hidden'), '', 'the Troubleshoot link is not hidden');
    await wb().screenshot('troubleshoot-6-hostile-inspector');

    assert.equal(opened.length, 0, 'a tab was opened');
    assert.ok(!external.some((u) => new URL(u).hostname === HOSTILE_HOST), `the browser asked for ${HOSTILE_HOST}`);
  });
});
