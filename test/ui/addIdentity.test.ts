// Add Identity… from the RAM pick, as a person does it in the real workbench: the + on the profile's "VOD
// Identities" row, RamUser, type to filter the account's RAM users, pick one, pick the VOD application by name, and
// the new row appears with the user's policies — read from VOD by the UserId the pick stored. The scenario then
// removes the identity again, so the other scenarios on this shared workbench see the profile as configured.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { shortUserId } from '../../src/cloud/identity';
import { demoUserId } from '../emulator/demoState';
import { ENV_KEY, ENV_PROFILE, useEmulatorWorkbench } from './emulatorWorkbench';
import { escapeRegExp } from '../support/text';
import { outputDir } from '../vscode/util';

/** A demo user with one policy (VODAppFullAccess) in the Education application (app-2000003). */
const CAROL = demoUserId('carol');
const EDUCATION = 'app-2000003';

describe('Add Identity from the account (UI)', function () {
  this.timeout(90_000);
  const { wb, emulator } = useEmulatorWorkbench();

  /** Waits until the open pick's listing has answered: its placeholder then counts what it lists. */
  async function listed(what: RegExp): Promise<void> {
    await wb().page.waitForFunction(
      (source) => new RegExp(source).test((globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } }).document.querySelector('.quick-input-widget input')?.getAttribute('placeholder') ?? ''),
      what.source,
      { timeout: 30_000 },
    );
  }

  function row(label: string, description: string) {
    return wb().treeItem(new RegExp(`^${escapeRegExp(label)}, ${escapeRegExp(description)}$`));
  }

  it('picks a RAM user by typing part of the name, then the app by name; the row shows the user\'s policies', async () => {
    const page = wb().page;
    const group = row('VOD Identities', '3').first();
    await group.waitFor({ state: 'visible', timeout: 30_000 });
    const since = emulator().requests().length;

    // The + appears on the row while the pointer is over it (a row that re-renders meanwhile loses the hover).
    const plus = group.locator('.action-label[aria-label="Add Identity…"]');
    for (let attempt = 1; !(await plus.isVisible()); attempt++) {
      assert.ok(attempt <= 20, 'the + never showed on the VOD Identities row');
      await page.mouse.move(0, 0);
      await group.hover();
      await page.waitForTimeout(250);
    }
    await plus.click();
    const box = wb().quickInput();
    await box.filter({ hasText: `Add VOD identity to ${ENV_PROFILE}` }).waitFor({ timeout: 15_000 });
    await wb().pickQuickItem(/^RamUser/);

    // The account's users, read with ListUsers; typing filters them.
    await listed(/RAM users: type to filter/);
    await wb().fillQuickInput('car', false);
    const options = box.getByRole('option');
    await options.filter({ hasText: 'Carol Wang' }).first().waitFor({ timeout: 15_000 });
    // Only carol matches "car" by name, display name or UserId; "Enter manually…" always stays.
    const shown = await options.allInnerTexts();
    assert.ok(shown.some((t) => t.startsWith('carol')), shown.join(' | '));
    assert.ok(!shown.some((t) => t.startsWith('alice')), `alice does not match "car": ${shown.join(' | ')}`);
    assert.ok(shown.some((t) => t.startsWith('Enter manually…')), 'manual entry stays in the list');
    const dir = path.join(outputDir, 'ui');
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, 'add-identity-ram-pick.png') });
    await options.filter({ hasText: 'Carol Wang' }).first().click();

    // The VOD applications by name (ListAppInfo), not app-… to type.
    await listed(/VOD applications: type to filter/);
    await wb().fillQuickInput('Educ', false);
    await options.filter({ hasText: EDUCATION }).first().click();
    await box.waitFor({ state: 'hidden', timeout: 15_000 });

    // The new row, stored by UserId, with the policy VOD lists for that UserId.
    await row('VOD Identities', '4').first().waitFor({ timeout: 30_000 });
    // Stored by UserId, shown by name: the account's user list names it.
    const added = row(`RamUser carol (${shortUserId(CAROL)})`, EDUCATION).first();
    await added.waitFor({ timeout: 30_000 });
    if ((await added.getAttribute('aria-expanded')) === 'false') await added.click();
    await row('VODAppFullAccess', 'System').first().waitFor({ timeout: 30_000 });

    const sent = emulator().requests().slice(since);
    const users = sent.filter((r) => r.action === 'ListUsers');
    assert.ok(users.length >= 1 && users.every((r) => r.outcome === 'OK' && r.accessKeyId === ENV_KEY.accessKeyId), 'ListUsers signed with the profile\'s key');
    assert.ok(sent.some((r) => r.action === 'ListAppInfo' && r.outcome === 'OK'), 'the applications came from ListAppInfo');
    const policyLists = sent.filter((r) => r.action === 'ListAppPoliciesForIdentity' && r.params.AppId === EDUCATION);
    assert.ok(policyLists.length >= 1, 'the new row read its policies');
    assert.ok(policyLists.every((r) => r.params.IdentityName === CAROL && r.outcome === 'OK'), 'VOD was asked by the UserId');

    // Put the profile back for the scenarios that follow.
    await wb().rightClick(added);
    await wb().clickMenuItem('Remove Identity from Profile');
    await row('VOD Identities', '3').first().waitFor({ timeout: 30_000 });
  });

  it('a name the list does not have: Enter takes "Enter manually…", and the input box starts from what was typed', async () => {
    await wb().runCommand('Alibaba Cloud Media: Add Identity…');
    const box = wb().quickInput();
    // Two profiles: from the palette it asks which one first.
    await wb().pickQuickItem(new RegExp(`^${escapeRegExp(ENV_PROFILE)}`));
    await box.filter({ hasText: `Add VOD identity to ${ENV_PROFILE}` }).waitFor({ timeout: 15_000 });
    await wb().pickQuickItem(/^RamUser/);
    await listed(/RAM users: type to filter/);
    await wb().fillQuickInput('someone-new', false);
    const options = box.getByRole('option');
    await options.filter({ hasText: 'Enter manually…' }).first().waitFor({ timeout: 15_000 });
    assert.equal(await options.count(), 1, `only "Enter manually…" is left: ${(await options.allInnerTexts()).join(' | ')}`);
    await box.locator('input').first().press('Enter');
    await box.filter({ hasText: 'RAM user name (or user ID)' }).waitFor({ timeout: 15_000 });
    assert.equal(await box.locator('input').first().inputValue(), 'someone-new');
    await wb().page.keyboard.press('Escape');
    await box.waitFor({ state: 'hidden', timeout: 15_000 });
    await row('VOD Identities', '3').first().waitFor({ timeout: 15_000 });
  });
});
