// Smoke test in a real extension host: the extension is present, activates on opening its view container, and
// every command it contributes is registered once it is active.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'alicloud-media-tools.alicloud-media-access';
const VIEW_CONTAINER_COMMAND = 'workbench.view.extension.alicloudMedia';

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

describe('extension activation', () => {
  it('is installed in the extension host', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} not found`);
    assert.equal(ext.packageJSON.name, 'alicloud-media-access');
  });

  it('activates when its view container is opened', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await vscode.commands.executeCommand(VIEW_CONTAINER_COMMAND);
    assert.ok(await waitFor(() => ext.isActive, 15_000), 'extension did not activate within 15 s of opening its view');
  });

  it('registers every command it contributes', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext?.isActive, 'extension is not active');
    const contributed = ((ext.packageJSON.contributes?.commands ?? []) as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });
});
