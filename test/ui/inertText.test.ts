// Server text in the real workbench is drawn as words: an error whose Message is a command link and an icon
// reaches an error notification and an input box's prompt — the two places VS Code makes links of
// `[label](command:…)` and, in the prompt, icons of `$(name)` — and neither has a link or an icon element, while
// the words read as the server sent them. Both use faults of the shared emulator that answer once and change no
// state (the bucket is bound again first if an earlier scenario unbound it), so the other scenarios on this
// workbench see the rows they expect. Screenshots: test-output/ui/inert-*.png.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { asRead } from '../support/renderedSyntax';
import { escapeRegExp } from '../support/text';
import { ENV_PROFILE, useEmulatorWorkbench } from './emulatorWorkbench';

/** Its unbind fails once at the emulator, so it stays as it was: bound (bound again first if a scenario unbound it). */
const BUCKET = 'media-output-thumbs';
const CODE = 'Forbidden.RAM';
const MESSAGE = '[Fix permissions](command:workbench.action.terminal.new) $(alert) [docs](https://evil.example/help)';

describe('server text is drawn as words (UI)', function () {
  this.timeout(90_000);
  const { wb, emulator } = useEmulatorWorkbench();

  afterEach(() => emulator().clearFaults());

  after(async () => {
    await wb().reset();
  });

  /** No anchor, link or icon is drawn in `area`, and its text reads the Message as the server sent it. */
  async function assertWords(area: Locator, what: string): Promise<void> {
    assert.equal(await area.locator('a, .monaco-link').count(), 0, `${what} has a link: ${await area.innerHTML()}`);
    assert.equal(await area.locator('.codicon').count(), 0, `${what} has an icon: ${await area.innerHTML()}`);
    const text = asRead((await area.innerText()).replace(/\u00a0/g, ' '));
    assert.ok(text.includes(MESSAGE), `${what} does not read the Message: ${JSON.stringify(text)}`);
  }

  it('an error notification shows a Message with a command link as plain words', async () => {
    const page = wb().page;
    if (!emulator().state.isBound(BUCKET)) {
      emulator().state.bind(BUCKET, 'Output');
      await wb().runCommand('Alibaba Cloud Media: Refresh');
    }
    emulator().setFault('UnbindOutputBucket', { kind: 'error', code: CODE, status: 403, message: MESSAGE, match: { Bucket: BUCKET }, times: 1 });
    const row = wb().treeItem(new RegExp(`^${escapeRegExp(BUCKET)}, bound as output$`)).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await wb().rightClick(row);
    await wb().clickMenuItem('Unbind Output Bucket');
    await wb().answerDialog('Unbind');

    const message = page
      .locator('.notifications-toasts .notification-list-item-message')
      .filter({ hasText: new RegExp(escapeRegExp(CODE)) })
      .first();
    await message.waitFor({ state: 'visible', timeout: 30_000 });
    await wb().screenshot('inert-notification');
    await assertWords(message, 'the error notification');
    assert.equal(emulator().state.isBound(BUCKET), true, 'the failed unbind changed the state');
  });

  it("an input box's prompt shows a failed listing's Message as plain words", async () => {
    emulator().setFault('ListUsers', { kind: 'error', code: CODE, status: 403, message: MESSAGE, times: 1 });
    await wb().runCommand('Alibaba Cloud Media: Add Identity…');
    const box = wb().quickInput();
    await wb().pickQuickItem(new RegExp(`^${escapeRegExp(ENV_PROFILE)}`));
    await box.filter({ hasText: `Add VOD identity to ${ENV_PROFILE}` }).waitFor({ timeout: 15_000 });
    await wb().pickQuickItem(/^RamUser/);
    // The listing fails, and the input box that replaces it says why in its prompt.
    const prompt = box.locator('.quick-input-message').filter({ hasText: /Could not list the RAM users/ });
    await prompt.waitFor({ state: 'visible', timeout: 30_000 });
    await wb().screenshot('inert-input-prompt');
    await assertWords(prompt, 'the prompt');
    await wb().page.keyboard.press('Escape');
    await box.waitFor({ state: 'hidden', timeout: 15_000 });
  });
});
