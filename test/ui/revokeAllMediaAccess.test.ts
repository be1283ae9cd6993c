// Revoke All Media Access (#21) in the real workbench, as a new user would in an incident: alice holds app policies
// in three VOD apps, AliyunVODFullAccess directly and vod-editors through group media-devs. From her row's context
// menu: the plan's multi-select (the membership offered unticked), the one modal, the run's notification (what
// remains: the membership), then Undo on the run's Request History entry, which gives everything back.
import * as assert from 'node:assert/strict';
import { demoState, demoUserId } from '../emulator/demoState';
import { withRamGrants } from '../emulator/ramGrants';
import { escapeRegExp } from '../support/text';
import { useOwnEmulatorWorkbench } from './emulatorWorkbench';

const PROFILE = 'ui-incident';
const ALICE = demoUserId('alice');
const ALICE_ROW = `RamUser alice (${ALICE.slice(0, 4)}…${ALICE.slice(-4)})`;
const APPS = ['app-1000000', 'app-2000001', 'app-2000003'];

function incidentState() {
  const base = demoState();
  base.identities = base.identities.filter((i) => i.name !== ALICE);
  base.identities.push(
    { type: 'RamUser', name: ALICE, appId: 'app-1000000', policies: ['VODAppFullAccess'] },
    { type: 'RamUser', name: ALICE, appId: 'app-2000001', policies: ['VODAppReadOnlyAccess'] },
    { type: 'RamUser', name: ALICE, appId: 'app-2000003', policies: ['VODAppFullAccess'] },
  );
  return withRamGrants(base, {
    groups: [{ name: 'media-devs', members: ['alice', 'carol'] }],
    policies: [{ name: 'vod-editors', document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'vod:*', Resource: '*' }] } }],
    attachments: [{ policy: 'AliyunVODFullAccess', user: 'alice' }, { policy: 'vod-editors', group: 'media-devs' }],
  });
}

describe('Revoke All Media Access (UI)', function () {
  this.timeout(120_000);
  const { wb, emulator } = useOwnEmulatorWorkbench({
    profile: { name: PROFILE, identities: [{ identityType: 'RamUser', identityName: ALICE }] },
    userSettings: { 'workbench.startupEditor': 'none' },
  });
  before(() => emulator().state.replace(incidentState()));

  const holds = () => ({
    apps: APPS.map((appId) => emulator().state.policiesOf({ type: 'RamUser', name: ALICE, appId })),
    direct: (emulator().state.toJSON().ramGrants?.accounts[0].attachments ?? []).filter((t) => t.principal === ALICE).map((t) => t.policyName),
  });

  async function expand(label: RegExp): Promise<void> {
    const r = wb().treeItem(label).first();
    await r.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await r.getAttribute('aria-expanded')) === 'false') await r.click();
  }

  it('from the row: plan, one modal, the notification, then Undo on the run\'s history entry', async () => {
    const prior = holds();
    await wb().openView('Alibaba Cloud Media');
    await expand(new RegExp(`^${PROFILE}(, |$)`));
    await expand(/^VOD Identities/);
    const alice = wb().treeItem(new RegExp(`^${escapeRegExp(ALICE_ROW)}`)).first();
    await alice.waitFor({ state: 'visible', timeout: 30_000 });

    await wb().rightClick(alice);
    await wb().clickMenuItem('Revoke All Media Access…');
    // The multi-select: every step, the membership unticked; accepted as offered.
    const pick = wb().quickInput();
    await pick.getByText(/Remove RAM user alice from group media-devs/).first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await pick.getByText(/^Detach app policies/).count(), 3);
    assert.match(await pick.innerText(), /4 Selected/, 'every step but the membership is ticked');
    await wb().screenshot('incident-plan');
    await wb().page.keyboard.press('Enter');

    const question = await wb().answerDialog(/^Revoke 4 Steps$/);
    assert.match(question, /Revoke all media access of RAM user alice/);
    assert.match(question, /3 app-policy detaches \(VOD\), 1 RAM policy detaches, 0 group memberships removed \(RAM\)/);
    assert.match(question, /RAM writes are a bigger change than an app-policy detach/);
    assert.match(question, /Membership of group media-devs \(unticked\) keeps vod-editors/);
    assert.match(question, new RegExp(`Endpoints: ${escapeRegExp(emulator().url)}`));

    const notice = await wb().waitForNotification(/Revoke All Media Access of RAM user alice/);
    assert.match(notice, /4 succeeded, 0 failed, 0 not sent/);
    assert.match(notice, /Access remains through: .*media-devs/);
    assert.deepEqual(holds(), { apps: [[], [], []], direct: [] });
    await wb().screenshot('incident-notification');

    // Undo on the run's one history entry: one confirmation, everything back.
    await wb().reset();
    const runRow = wb().view('Request History').getByRole('treeitem', { name: /^RevokeAllMediaAccess RAM user alice/ }).first();
    await runRow.waitFor({ state: 'visible', timeout: 30_000 });
    await wb().rightClick(runRow);
    await wb().clickMenuItem('Undo');
    const undoQuestion = await wb().answerDialog(/^Undo 4 Steps$/);
    assert.match(undoQuestion, /Undo Revoke All Media Access of RAM user alice/);
    assert.match(undoQuestion, /Attach RAM policy AliyunVODFullAccess to RAM user alice again/);
    await wb().waitForNotification(/Undo of Revoke All Media Access of RAM user alice .*4 undone, 0 failed, 0 not undone/);
    assert.deepEqual(holds(), prior);
  });
});
