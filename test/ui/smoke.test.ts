// UI smoke test: the extension's activity-bar entry opens its container and the Resources view shows.
import * as assert from 'node:assert/strict';
import { emulatorWorkbench } from './emulatorWorkbench';
import { useWorkbench } from './workbench';

describe('UI smoke', () => {
  const wb = useWorkbench(emulatorWorkbench);

  it('opens "Alibaba Cloud Media" from the activity bar and shows the Resources view', async () => {
    const sidebar = await wb().openView('Alibaba Cloud Media');
    assert.ok(await sidebar.isVisible(), 'side bar not visible');
    const header = wb().viewHeader('Resources');
    await header.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await header.innerText(), /resources/i);
  });
});
