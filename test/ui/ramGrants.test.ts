// RAM grants where the decision is made, in the real workbench: detaching the last app policy of carol, who keeps
// AliyunVODFullAccess through the RAM group media-devs (the emulator's demo account), shows the warning in the
// modal and in the notification, and her row then says "No app policies; RAM grants remain".
import * as assert from 'node:assert/strict';
import { demoUserId } from '../emulator/demoState';
import { escapeRegExp } from '../support/text';
import { useOwnEmulatorWorkbench } from './emulatorWorkbench';

const PROFILE = 'ui-ram';
const CAROL = demoUserId('carol');
const CAROL_ROW = `RamUser carol (${CAROL.slice(0, 4)}…${CAROL.slice(-4)})`;
const KEEPS = 'carol keeps access to every VOD app through RAM policy AliyunVODFullAccess, attached via group media-devs';

describe('RAM grants in the detach decision (UI)', function () {
  this.timeout(90_000);
  const { wb, emulator } = useOwnEmulatorWorkbench({
    profile: { name: PROFILE, identities: [{ identityType: 'RamUser', identityName: CAROL, appId: 'app-2000003' }] },
    userSettings: { 'workbench.startupEditor': 'none' },
  });

  const row = (label: string, description?: string) =>
    wb().treeItem(new RegExp(`^${escapeRegExp(label)}${description === undefined ? '' : `, ${escapeRegExp(description)}`}$`)).first();

  async function expand(r: ReturnType<typeof row>): Promise<void> {
    await r.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await r.getAttribute('aria-expanded')) === 'false') await r.click();
  }

  it('the modal and the notification say what RAM still grants, and the row says RAM grants remain', async () => {
    await wb().openView('Alibaba Cloud Media');
    await expand(row(PROFILE, undefined).or(wb().treeItem(new RegExp(`^${PROFILE}, `)).first()));
    await expand(wb().treeItem(/^VOD Identities/).first());
    await expand(wb().treeItem(new RegExp(`^${escapeRegExp(CAROL_ROW)}`)).first());
    await row('RAM policy AliyunVODFullAccess — every VOD app (via group media-devs)').waitFor({ state: 'visible', timeout: 30_000 });

    await wb().rightClick(row('VODAppFullAccess', 'System'));
    await wb().clickMenuItem('Detach App Policy…');
    const question = await wb().answerDialog('Detach');
    assert.ok(question.includes('Not removed by this detach (RAM):'), question);
    assert.ok(question.includes(KEEPS), question);

    await wb().waitForNotification(new RegExp(escapeRegExp(KEEPS)));
    await row('No app policies; RAM grants remain').waitFor({ state: 'visible', timeout: 30_000 });
    await wb().screenshot('ram-grants-remain');
    const sent = emulator().requests().filter((r) => r.action === 'DetachAppPolicyFromIdentity');
    assert.deepEqual(sent.map((r) => [r.params.IdentityName, r.params.PolicyNames, r.outcome]), [[CAROL, 'VODAppFullAccess', 'OK']]);
    assert.deepEqual(emulator().state.policiesOf({ type: 'RamUser', name: CAROL, appId: 'app-2000003' }), []);
  });
});
