// Find Access to App → bulk detach, as a user does it in the real workbench: run the command from the palette,
// pick the profile and the VOD app by name, see "Access to <app>" with the identities holding it, select their
// policies, Detach, confirm the modal (which names each identity by login name and UserId), and see them gone —
// in the tree and in the emulator's state. Shares the workbench of resources.test.ts (emulatorWorkbench.ts).
// Named to run after resources.test.ts, whose scenarios read the Output from a log this one would lengthen.
import * as assert from 'node:assert/strict';
import { demoUserId } from '../emulator/demoState';
import { DEMO_ACCOUNT_ID, ENV_PROFILE, useEmulatorWorkbench } from './emulatorWorkbench';
import { escapeRegExp } from '../support/text';

/** Product Demos: held by heidi (VODAppFullAccess) and ci-deploy (VODAppReadOnlyAccess) in the demo state. */
const APP = { appId: 'app-2000007', appName: 'Product Demos' };
const HOLDERS = [
  { userName: 'heidi', policy: 'VODAppFullAccess' },
  { userName: 'ci-deploy', policy: 'VODAppReadOnlyAccess' },
];
const short = (userId: string) => `${userId.slice(0, 4)}…${userId.slice(-4)}`;

describe('Find Access to App → bulk detach (UI)', function () {
  this.timeout(90_000);
  const { wb, emulator } = useEmulatorWorkbench();

  const row = (label: string, description?: string) =>
    wb().treeItem(new RegExp(`^${escapeRegExp(label)}${description === undefined ? '' : `, ${escapeRegExp(description)}`}$`));

  it('finds who holds an app, detaches their policies in one bulk run from the results, and the rows follow', async () => {
    // Configured identities' policy rows would have the same names: keep that group collapsed.
    const identities = row('VOD Identities', '3').first();
    await identities.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await identities.getAttribute('aria-expanded')) === 'true') await identities.click();
    try {
      await findAndDetach();
    } finally {
      // The next scenarios share this workbench: the group goes (its context menu) and the identities come back.
      await wb().reset();
      const group = row(`Access to ${APP.appName}`).or(wb().treeItem(new RegExp(`^Access to ${escapeRegExp(APP.appName)},`))).first();
      if (await group.isVisible()) {
        await wb().rightClick(group);
        await wb().clickMenuItem('Dismiss Access Results');
        await group.waitFor({ state: 'detached', timeout: 15_000 });
      }
      if ((await identities.getAttribute('aria-expanded')) === 'false') await identities.click();
    }
  });

  async function findAndDetach(): Promise<void> {

    await wb().runCommand('Alibaba Cloud Media: Find Access to App…');
    await wb().pickQuickItem(new RegExp(`^${ENV_PROFILE}`));
    await wb().pickQuickItem(new RegExp(`^${escapeRegExp(APP.appName)}`));

    // The demo account's RAM grants reach every VOD app: the group counts those identities too (#20).
    await row(`Access to ${APP.appName}`, '2 identities hold access · 10 through RAM policies').first().waitFor({ state: 'visible', timeout: 60_000 });
    await wb().waitForNotification(`2 identities hold policies in ${APP.appName} (asked all`);
    const rows = HOLDERS.map((h) => ({ ...h, userId: demoUserId(h.userName) }));
    for (const h of rows) await row(`RamUser ${h.userName} (${short(h.userId)})`, '1 policy').first().waitFor({ state: 'visible' });

    // Multi-select both found policies and detach them together.
    const first = row(rows[0].policy, 'System').first();
    const second = row(rows[1].policy, 'System').first();
    await first.click();
    await second.click({ modifiers: ['ControlOrMeta'] });
    await wb().rightClick(second);
    await wb().clickMenuItem('Detach App Policy…');
    const question = await wb().answerDialog('Detach 2');
    assert.match(question, /Detach 2 app policies from 2 identities\?/);
    for (const h of rows) assert.ok(question.includes(`RamUser ${h.userName} (${short(h.userId)}) in ${APP.appId}: ${h.policy}`), question);
    assert.ok(question.includes(`Account: ${DEMO_ACCOUNT_ID} as acs:ram::${DEMO_ACCOUNT_ID}:root`), question);

    await wb().waitForNotification('Detached policies from 2 of 2 identities');
    for (const h of rows) {
      await row(`RamUser ${h.userName} (${short(h.userId)})`, 'no policies left').first().waitFor({ state: 'visible', timeout: 30_000 });
      const sent = emulator().requests().filter((r) => r.action === 'DetachAppPolicyFromIdentity' && r.params.IdentityName === h.userId);
      assert.equal(sent.length, 1, `one detach for ${h.userName}, by UserId`);
      assert.deepEqual([sent[0].params.AppId, sent[0].params.PolicyNames, sent[0].outcome], [APP.appId, h.policy, 'OK']);
      assert.deepEqual(emulator().state.policiesOf({ type: 'RamUser', name: h.userId, appId: APP.appId }), [], `${h.userName} still holds policies`);
    }
    await row(rows[0].policy, 'System').first().waitFor({ state: 'detached', timeout: 15_000 });
  }
});
