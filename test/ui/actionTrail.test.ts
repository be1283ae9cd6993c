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
});
