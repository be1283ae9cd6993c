// What a user does in the Resources view of the real workbench, checked on screen and at the emulator: the rows
// load, a bucket is unbound and a policy detached through their context menus and modals (the RequestId in the
// Output is one the emulator issued), two buckets go in one bulk run, "Set AccessKey…" stores a key through the
// input boxes without the secret ever showing, and a failing listing shows its code in an error row and the log.
// The scenarios share one workbench (emulatorWorkbench.ts) and touch different rows, in this order.
import * as assert from 'node:assert/strict';
import type { ReceivedRequest } from '../emulator/server';
import { ALICE, ALICE_ROW, BOB, DEMO_ACCOUNT_ID, ENV_KEY, ENV_PROFILE, INPUT_BUCKET, KEYCHAIN_BUCKET, KEYCHAIN_KEY, KEYCHAIN_PROFILE, MISSING_APP, useEmulatorWorkbench } from './emulatorWorkbench';
import { shortUserId } from '../../src/cloud/identity';
import { REQUEST_ID_SOURCE, escapeRegExp } from '../support/text';
import { waitFor } from '../support/wait';

const CHANNEL = 'Alibaba Cloud Media';

describe('Resources view (UI)', function () {
  this.timeout(60_000);
  const { wb, emulator } = useEmulatorWorkbench();

  /** A Resources row by its accessible name: "label" or "label, description". */
  function row(label: string, description?: string) {
    return wb().treeItem(new RegExp(`^${escapeRegExp(label)}${description === undefined ? '' : `, ${escapeRegExp(description)}`}$`));
  }

  /** Alice's row: `RamUser alice` until RAM has said her UserId, then `RamUser alice (2037…0001)`. */
  function aliceRow() {
    return wb().treeItem(new RegExp(`^RamUser alice( \\(${escapeRegExp(ALICE_ROW.slice('RamUser alice ('.length, -1))}\\))?, app-1000000$`));
  }

  /** Expands a collapsed row (clicking an expanded one would collapse it). */
  async function expand(label: string | ReturnType<typeof row>, description?: string): Promise<void> {
    const r = (typeof label === 'string' ? row(label, description) : label).first();
    await r.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await r.getAttribute('aria-expanded')) === 'false') await r.click();
  }

  async function visible(label: string, description?: string, timeout = 30_000): Promise<void> {
    await row(label, description).first().waitFor({ state: 'visible', timeout });
  }

  /** The emulator's answered API requests matching `filter`. */
  function requests(filter: (r: ReceivedRequest) => boolean): ReceivedRequest[] {
    return emulator().requests().filter(filter);
  }

  /** The RequestId of the last Output line matching `line` (a regex source with no capture group). */
  async function requestIdInOutput(line: string): Promise<string> {
    const re = new RegExp(`${line}.*? RequestId (${REQUEST_ID_SOURCE})`, 'g');
    return waitFor(
      async () => [...(await wb().outputText(CHANNEL)).matchAll(re)].pop()?.[1],
      `a line matching /${line}/ with a RequestId in Output "${CHANNEL}"`,
      15_000,
      250,
    );
  }

  it('shows the profiles with their buckets, identities and app policies', async () => {
    // The account STS names for the environment key joins the description once it has answered.
    await visible(ENV_PROFILE, `cn-shanghai · environment · custom endpoint · ${DEMO_ACCOUNT_ID}`);
    await visible('MPS Output Buckets', '3');
    for (const bucket of ['media-output-demo', 'media-output-archive', 'media-output-thumbs']) await visible(bucket, 'bound as output');
    await visible('VOD Identities', '3');
    await expand(aliceRow());
    await visible('VODAppFullAccess', 'System');
    // Configured by name, resolved with GetUser: the row shows both, and VOD was asked by UserId.
    await visible(ALICE_ROW, 'app-1000000');
    assert.ok(requests((r) => r.action === 'GetUser').every((r) => r.params.UserName === 'alice'));
    await visible('VODCustomUploadOnly', 'Custom');
    // The keychain profile has no key yet: it offers one and sends nothing.
    await visible(KEYCHAIN_PROFILE, 'cn-shanghai · custom endpoint');
    await visible('Set AccessKey…');
    await visible(KEYCHAIN_BUCKET, 'unknown');

    const lists = requests((r) => r.action === 'ListAllMediaBucket' && r.outcome === 'OK');
    assert.ok(lists.length >= 1, 'the emulator answered no ListAllMediaBucket');
    assert.ok(lists.every((r) => r.accessKeyId === ENV_KEY.accessKeyId), 'only the environment profile may list buckets');
    const policies = requests((r) => r.action === 'ListAppPoliciesForIdentity' && r.params.IdentityName === ALICE);
    assert.equal(policies.at(-1)?.outcome, 'OK');
  });

  it('unbinds one bucket from its context menu after the modal, logging the RequestId the emulator issued', async () => {
    await wb().rightClick(row('media-output-demo', 'bound as output'));
    await wb().clickMenuItem('Unbind Output Bucket');
    const question = await wb().answerDialog('Unbind');
    assert.match(question, /Unbind output bucket "media-output-demo" from MPS\?/);
    assert.match(question, new RegExp(`Account: ${DEMO_ACCOUNT_ID} as acs:ram::${DEMO_ACCOUNT_ID}:root\\s+Profile: ${ENV_PROFILE}\\s+Region: cn-shanghai\\s+Endpoint: ${escapeRegExp(emulator().url)}\\s+Credentials: environment variable [A-Z_]+`));

    await visible('media-output-demo', 'not bound');
    const toast = await wb().waitForNotification(/Unbound output bucket "media-output-demo"/);
    const logged = await requestIdInOutput(`UnbindOutputBucket media-output-demo \\[profile ${ENV_PROFILE}, cn-shanghai\\] succeeded`);

    const sent = requests((r) => r.action === 'UnbindOutputBucket' && r.params.Bucket === 'media-output-demo');
    assert.equal(sent.length, 1, 'exactly one UnbindOutputBucket for the bucket');
    assert.equal(sent[0].outcome, 'OK');
    assert.equal(logged, sent[0].requestId, 'the Output shows the RequestId the emulator issued');
    assert.ok(toast.includes(logged), `the notification names the RequestId: ${toast}`);
    assert.equal(emulator().state.isBound('media-output-demo'), false);
  });

  it('shows the MPS Input Buckets group and unbinds an input bucket from its context menu after the modal', async () => {
    await visible('MPS Input Buckets', '1');
    await wb().rightClick(row(INPUT_BUCKET, 'bound as input'));
    await wb().clickMenuItem('Unbind Input Bucket');
    const question = await wb().answerDialog('Unbind');
    assert.match(question, new RegExp(`Unbind input bucket "${INPUT_BUCKET}" from MPS\\?`));
    assert.match(question, /MPS will no longer read media from this bucket/);
    assert.match(question, new RegExp(`Profile: ${ENV_PROFILE}\\s+Region: cn-shanghai\\s+Endpoint: ${escapeRegExp(emulator().url)}`));

    await visible(INPUT_BUCKET, 'not bound');
    await wb().waitForNotification(new RegExp(`Unbound input bucket "${INPUT_BUCKET}"`));
    const sent = requests((r) => r.action === 'UnbindInputBucket' && r.params.Bucket === INPUT_BUCKET);
    assert.equal(sent.length, 1, 'exactly one UnbindInputBucket for the bucket');
    assert.equal(sent[0].outcome, 'OK');
    assert.equal(sent[0].params.Referer, undefined, 'the Referer is kept for the undo, not sent');
    assert.equal(emulator().state.isBound(INPUT_BUCKET, 'Input'), false);
    assert.ok(emulator().state.isBound('media-output-demo', 'Output') || requests((r) => r.action === 'UnbindOutputBucket').length > 0, 'output bindings are another group');
  });

  it('detaches a system app policy from its context menu after the modal; a custom one offers no Detach', async () => {
    await expand(aliceRow());
    // Her rows are complete once the RAM grant of her group is there (#20).
    await wb().treeItem(/^RAM policy AliyunVODFullAccess — every VOD app \(via group media-devs\)/).first().waitFor({ state: 'visible', timeout: 30_000 });
    // The API detaches system policies only: the custom row's menu has Refresh but no Detach.
    await wb().rightClick(row('VODCustomUploadOnly', 'Custom'));
    await wb().menuItem('Refresh').first().waitFor({ state: 'visible' });
    assert.equal(await wb().menuItem('Detach App Policy…').count(), 0, 'no Detach on a custom policy');
    await wb().page.keyboard.press('Escape');

    await wb().rightClick(row('VODAppFullAccess', 'System'));
    await wb().clickMenuItem('Detach App Policy…');
    const question = await wb().answerDialog('Detach');
    // The profile names alice by login name; the modal shows her name and the UserId VOD will be sent, and the account.
    assert.ok(question.includes(`Detach app policy "VODAppFullAccess" from ${ALICE_ROW} in app-1000000?`), question);
    assert.ok(question.includes(`Identity: ${ALICE_ROW} in app-1000000`), question);
    assert.ok(question.includes(`Account: ${DEMO_ACCOUNT_ID} as acs:ram::${DEMO_ACCOUNT_ID}:root`), question);

    await row('VODAppFullAccess', 'System').waitFor({ state: 'detached', timeout: 30_000 });
    await visible('VODCustomUploadOnly', 'Custom');
    await wb().waitForNotification(new RegExp(`Detached VODAppFullAccess from ${escapeRegExp(ALICE_ROW)} in app-1000000`));
    const logged = await requestIdInOutput(`DetachAppPolicyFromIdentity ${escapeRegExp(ALICE_ROW)}.* succeeded`);

    const sent = requests((r) => r.action === 'DetachAppPolicyFromIdentity' && r.params.IdentityName === ALICE);
    assert.equal(sent.length, 1);
    assert.deepEqual([sent[0].params.IdentityName, sent[0].params.PolicyNames, sent[0].outcome], [ALICE, 'VODAppFullAccess', 'OK']);
    assert.equal(logged, sent[0].requestId);
    assert.deepEqual(emulator().state.policiesOf({ type: 'RamUser', name: ALICE, appId: 'app-1000000' }), ['VODCustomUploadOnly']);
  });

  it('unbinds two selected buckets in one bulk run with one summary', async () => {
    const buckets = ['media-output-archive', 'media-output-thumbs'];
    // Other suites share this workbench and emulator (one sends a refused unbind of media-output-thumbs): count
    // only what this run sends.
    const earlier = new Set(emulator().requests());
    await row(buckets[0], 'bound as output').click();
    await row(buckets[1], 'bound as output').click({ modifiers: ['ControlOrMeta'] });
    await wb().rightClick(row(buckets[1], 'bound as output'));
    await wb().clickMenuItem('Unbind Output Bucket');
    const question = await wb().answerDialog('Unbind 2');
    assert.match(question, /Unbind 2 output buckets from MPS\?/);
    for (const b of buckets) assert.ok(question.includes(`• ${b}`), `the modal lists ${b}`);

    await wb().waitForNotification('Unbound 2 of 2 buckets');
    for (const b of buckets) await visible(b, 'not bound');
    const text = await wb().outputText(CHANNEL);
    assert.match(text, new RegExp(`Unbound 2 of 2 buckets \\[profile ${ENV_PROFILE}\\]`));
    for (const b of buckets) {
      const sent = requests((r) => !earlier.has(r) && r.action === 'UnbindOutputBucket' && r.params.Bucket === b);
      assert.equal(sent.length, 1, `one UnbindOutputBucket for ${b}`);
      assert.equal(sent[0].outcome, 'OK');
      assert.ok(text.includes(`${b}: succeeded RequestId ${sent[0].requestId}`), `the summary lists ${b} with the emulator's RequestId`);
      assert.equal(emulator().state.isBound(b), false);
    }
  });

  it('shows a failed listing as an error row with its code, and logs it', async () => {
    // Configured by UserId, shown by name once the account's user list has answered.
    await expand(`RamUser bob (${shortUserId(BOB)})`, MISSING_APP);
    await visible('Failed to load app policies: InvalidAppId.NotFound (HTTP 404) — show log');
    const logged = await requestIdInOutput(`ListAppPoliciesForIdentity app policies of RamUser (?:bob \\(${shortUserId(BOB)}\\)|${BOB}) in ${MISSING_APP} .*failed`);
    const text = await wb().outputText(CHANNEL);
    assert.match(text, new RegExp(`RequestId ${logged} AccessKeyId \\S+ Source \\S+ — Code InvalidAppId.NotFound, HTTP 404`));
    const sent = requests((r) => r.action === 'ListAppPoliciesForIdentity' && r.params.IdentityName === BOB && r.params.AppId === MISSING_APP);
    assert.ok(sent.length >= 1);
    assert.ok(sent.every((r) => r.outcome === 'InvalidAppId.NotFound'));
    assert.ok(sent.some((r) => r.requestId === logged), 'the logged RequestId is one the emulator issued');
  });

  it('offers Set AccessKey… only on profiles whose source keeps a key (not on the environment profile)', async () => {
    await wb().rightClick(row(ENV_PROFILE, `cn-shanghai · environment · custom endpoint · ${DEMO_ACCOUNT_ID}`));
    // The menu is open (rightClick waits for it) and lists the profile's other commands, not the key commands.
    await wb().menuItem('Find Access to App…').first().waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await wb().menuItem('Set AccessKey…').count(), 0);
    assert.equal(await wb().menuItem(/Clear AccessKey/).count(), 0);
    await wb().page.keyboard.press('Escape');
    await wb().page.getByRole('menu').first().waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('stores an AccessKey typed into "Set AccessKey…" (secret in a password box) and loads the profile with it', async () => {
    const before = requests((r) => r.accessKeyId === KEYCHAIN_KEY.accessKeyId).length;
    assert.equal(before, 0, 'nothing was signed with the keychain pair before it was set');

    await wb().rightClick(row(KEYCHAIN_PROFILE, 'cn-shanghai · custom endpoint'));
    await wb().clickMenuItem('Set AccessKey…');
    const box = wb().quickInput();
    await box.filter({ hasText: `Set AccessKey for profile ${KEYCHAIN_PROFILE}` }).waitFor({ timeout: 15_000 });
    await wb().fillQuickInput(KEYCHAIN_KEY.accessKeyId);
    await box.filter({ hasText: 'AccessKey Secret for LTAI****0001' }).waitFor({ timeout: 15_000 });
    const input = box.locator('input').first();
    assert.equal(await input.getAttribute('type'), 'password', 'the secret goes into a password box');
    await wb().fillQuickInput(KEYCHAIN_KEY.accessKeySecret);
    await box.waitFor({ state: 'hidden', timeout: 15_000 });

    await visible(KEYCHAIN_BUCKET, 'bound as output');
    await row('Set AccessKey…').waitFor({ state: 'detached', timeout: 15_000 });
    const signed = requests((r) => r.accessKeyId === KEYCHAIN_KEY.accessKeyId);
    assert.ok(signed.some((r) => r.action === 'ListAllMediaBucket' && r.outcome === 'OK'), 'the bucket listing was signed with the stored pair');

    // The secret shows nowhere: not in the Output the failure artifacts dump, not on the page.
    const text = await wb().outputText(CHANNEL);
    assert.match(text, new RegExp(`AccessKey LTAI\\*{4}0001 stored for profile ${KEYCHAIN_PROFILE}\\.`));
    assert.ok(!text.includes(KEYCHAIN_KEY.accessKeySecret), 'the Output contains the secret');
    assert.ok(!text.includes(KEYCHAIN_KEY.accessKeyId), 'the Output contains the unmasked AccessKey ID');
    const page = await wb().page.locator('body').innerText();
    assert.ok(!page.includes(KEYCHAIN_KEY.accessKeySecret), 'the page shows the secret');
  });
});

