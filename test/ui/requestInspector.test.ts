// The Request Inspector in the real workbench: after the extension has made some calls, filtering by one
// RequestId leaves exactly that row. Webviews are nested iframes (VS Code's host frame, then the content frame).
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { useOwnEmulatorWorkbench } from './emulatorWorkbench';
import { waitFor } from '../support/wait';

const PROFILE = 'inspector-ui';

describe('Request Inspector (UI)', function () {
  this.timeout(180_000);
  // Its own workbench: the emulator URL in the settings differs from the shared instance's.
  const { wb, emulator } = useOwnEmulatorWorkbench({ profile: { name: PROFILE, outputBuckets: ['media-output-demo'] }, userSettings: { 'workbench.startupEditor': 'none' } });

  function inspectorFrame(): FrameLocator {
    return wb().page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  it('filters the history down to the row of one RequestId', async () => {
    // The Resources view opens with the profile expanded and lists its buckets: real calls, each recorded.
    await wb().openView('Alibaba Cloud Media');
    await waitFor(() => emulator().requests().filter((r) => r.requestId).length >= 1, 'the first request at the emulator', 30_000, 100);
    await wb().runCommand('Alibaba Cloud Media: Refresh');
    await waitFor(() => emulator().requests().filter((r) => r.requestId).length >= 2, 'the second request at the emulator', 30_000, 100);
    const requestIds = emulator().requests().map((r) => r.requestId).filter((id): id is string => Boolean(id));

    await wb().runCommand('Alibaba Cloud Media: Open Request Inspector');
    const frame = inspectorFrame();
    const rows = frame.locator('vscode-table-row');
    await rows.first().waitFor({ timeout: 30_000 });

    await waitFor(async () => (await rows.count()) >= 2, 'two history rows', 10_000, 100);
    const wanted = requestIds[0];
    await frame.locator('#filter input').fill(wanted);
    await waitFor(async () => (await rows.count()) === 1, 'one row left by the filter', 10_000, 100);
    assert.equal(await rows.count(), 1);
    assert.ok((await rows.first().innerText()).includes(wanted));

    // Keyboard only: Enter on the focused row shows its full record.
    await rows.first().focus();
    await wb().page.keyboard.press('Enter');
    await frame.locator('#detail-fields').filter({ hasText: wanted }).waitFor({ timeout: 10_000 });
  });
});

