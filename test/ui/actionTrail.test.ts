// ActionTrail in the real workbench: from a record of the Request History, opened in the Request Inspector, to who
// made that call — the detail pane's "Look Up in ActionTrail" asks the extension, which finds the event at the
// emulator's trail by the record's RequestId and answers with rows the page shows as text.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { useOwnEmulatorWorkbench } from './emulatorWorkbench';
import { waitFor } from '../support/wait';

const PROFILE = 'trail-ui';

describe('ActionTrail (UI)', function () {
  this.timeout(180_000);
  const { wb, emulator } = useOwnEmulatorWorkbench({ profile: { name: PROFILE, outputBuckets: ['media-output-demo'] }, userSettings: { 'workbench.startupEditor': 'none' } });

  function inspectorFrame(): FrameLocator {
    return wb().page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  it('shows who made a recorded call, from the inspector\'s record to its ActionTrail event', async () => {
    await wb().openView('Alibaba Cloud Media');
    const listing = await waitFor(() => emulator().requests().find((r) => r.action === 'ListAllMediaBucket' && r.requestId), 'the bucket listing at the emulator', 30_000, 100);
    const requestId = listing.requestId as string;
    // The minutes ActionTrail takes to show an event, passed at once.
    emulator().trail.advanceClock(10_000);

    await wb().runCommand('Alibaba Cloud Media: Open Request Inspector');
    const frame = inspectorFrame();
    const rows = frame.locator('vscode-table-row');
    await rows.first().waitFor({ timeout: 30_000 });
    await frame.locator('#filter input').fill(requestId);
    await waitFor(async () => (await rows.count()) === 1, 'the listing\'s row alone', 10_000, 100);
    await rows.first().click();
    await frame.locator('#detail-fields').filter({ hasText: requestId }).waitFor({ timeout: 10_000 });

    await frame.locator('#look-up-trail').click();
    const trail = frame.locator('#trail-fields');
    await trail.filter({ hasText: 'LTAI****0001' }).waitFor({ timeout: 30_000 });
    const text = await trail.innerText();
    assert.ok(text.includes(requestId), text);
    assert.ok(text.includes('ListAllMediaBucket'), text);
    assert.ok(text.includes('root-account'), text);
    assert.ok(text.includes('127.0.0.1'), text);
    assert.ok(!text.includes('LTAI5tEmuDemoKey0000001'), 'the AccessKeyId is masked');
    const lookups = emulator().requests().filter((r) => r.action === 'LookupEvents');
    assert.equal(lookups.length, 1);
    assert.equal(lookups[0]!.params['LookupAttribute.1.Value'], 'ListAllMediaBucket');
    await trail.scrollIntoViewIfNeeded();
    await wb().screenshot('actiontrail-inspector');
  });

  it('looks a revocation up from its Request History row and shows the event in the inspector', async () => {
    await wb().rightClick(wb().treeItem(/^media-output-demo/).first());
    await wb().clickMenuItem('Unbind Output Bucket');
    await wb().answerDialog('Unbind');
    const unbind = await waitFor(() => emulator().requests().find((r) => r.action === 'UnbindOutputBucket' && r.requestId), 'the unbind at the emulator', 30_000, 100);
    emulator().trail.advanceClock(10_000);
    const before = emulator().requests().filter((r) => r.action === 'LookupEvents').length;

    await wb().rightClick(wb().treeItem(/^UnbindOutputBucket media-output-demo/).first());
    await wb().clickMenuItem('Look Up in ActionTrail');
    const toast = await wb().waitForNotification(/^ActionTrail: UnbindOutputBucket by root-account root/);
    assert.ok(toast.includes(unbind.requestId as string), toast);
    const item = wb().page.locator('.notifications-toasts .notification-fade-in-done .notification-list-item').filter({
      has: wb().page.locator('.notification-list-item-message', { hasText: /^ActionTrail: UnbindOutputBucket/ }),
    }).first();
    await item.locator('.notification-list-item-buttons-container .monaco-button', { hasText: /^Show in Inspector$/ }).click();

    // The inspector shows the record with the event already found: no second lookup.
    const trail = inspectorFrame().locator('#trail-fields');
    await trail.filter({ hasText: unbind.requestId as string }).waitFor({ timeout: 30_000 });
    const text = await trail.innerText();
    assert.ok(text.includes('UnbindOutputBucket') && text.includes('LTAI****0001') && text.includes('media-output-demo'), text);
    assert.equal(emulator().requests().filter((r) => r.action === 'LookupEvents').length, before + 1, 'one lookup, from the history row');
    await trail.scrollIntoViewIfNeeded();
    await wb().screenshot('actiontrail-from-history');
  });
});
