// The Resources view's data provider (src/tree/resourcesTree.ts) built as the extension builds it — settings,
// AccessKey store, sessions, listings — with its listings and account read for real from the emulator over signed
// HTTP. What stands in: the `vscode` module (test/support/vscode.ts: no VS Code runs under mocha; user settings and
// the secret store are in memory), so these tests read rows as VS Code would get them (getChildren, getTreeItem).
import '../../support/vscode';
import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import { closeIdleConnections } from '../../../src/cloud/rpc';
import { AccessKeyStore } from '../../../src/credentials/accessKeyStore';
import { retainCliProvidersIfLoaded } from '../../../src/credentials/cliSource';
import { forgetCachedClientsIfLoaded } from '../../../src/profiles/cloudClients';
import { AccessScans } from '../../../src/profiles/accessScans';
import { CacheOwner } from '../../../src/profiles/cacheOwner';
import { ProfileSessions } from '../../../src/profiles/profileSessions';
import { ResourceListings } from '../../../src/profiles/resourceListings';
import { ProfileSettings } from '../../../src/settings/profileSettings';
import { ResourcesTree } from '../../../src/tree/resourcesTree';
import type { AnyResourceNode } from '../../../src/tree/nodes';
import { resourcesTreeCaches } from '../../../src/tree/treeCaches';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../../emulator/server';
import { emulatorProfileSettings, secretStore } from '../../support/emulatorProfile';
import { setUserSettings } from '../../support/vscode';
import { waitFor } from '../../support/wait';

const ACCOUNT = '1839204725361048';
const WRONG_KEY = { accessKeyId: 'LTAI5tNoSuchKey00000001', accessKeySecret: 'not-the-secret-of-any-key-000000' };

interface Row {
  readonly label: string;
  readonly description?: string;
  readonly contextValue?: string;
  readonly tooltip?: string;
  readonly command?: string;
  readonly node: AnyResourceNode;
}

describe('Resources tree provider', function () {
  let em: RunningEmulator;
  let tree: ResourcesTree;
  let scans: AccessScans;
  let disposables: { dispose(): unknown }[];
  const warnings: string[] = [];

  beforeEach(async () => {
    em = await startEmulator({ quiet: true });
    warnings.length = 0;
  });
  afterEach(async () => {
    for (const d of disposables) d.dispose();
    setUserSettings({});
    closeIdleConnections();
    await em.close();
  });

  /** The extension's wiring (extension.ts) with the given settings and keychain entries. */
  function build(profiles: unknown, keys: Parameters<typeof secretStore>[0]): ResourcesTree {
    setUserSettings({ 'alicloudMedia.profiles': profiles });
    const store = secretStore(keys);
    const secrets = { ...store, onDidChange: () => ({ dispose: () => undefined }), keys: async () => [...store.entries.keys()] } as unknown as vscode.SecretStorage;
    const settings = new ProfileSettings((text) => warnings.push(text));
    const accessKeys = new AccessKeyStore(secrets);
    const sessions = new ProfileSessions({ profile: (name) => settings.find(name), secrets, observer: { onCall: () => undefined }, timeoutMs: () => 2000 });
    const listings = new ResourceListings(sessions, (text) => warnings.push(text));
    scans = new AccessScans();
    const treeCaches = resourcesTreeCaches(accessKeys);
    const lazy = { forgetCachedClients: forgetCachedClientsIfLoaded, retainCliProviders: retainCliProvidersIfLoaded };
    const caches = new CacheOwner({ settings, listings, sessions, scans, tree: treeCaches, lazy });
    tree = new ResourcesTree({ settings, accessKeys, sessions, listings, scans, treeCaches, caches: () => caches, warnOnce: (text) => warnings.push(text) });
    disposables = [tree, settings, accessKeys];
    return tree;
  }

  async function rows(parent?: AnyResourceNode): Promise<Row[]> {
    return (await tree.getChildren(parent)).map((node) => {
      const item = tree.getTreeItem(node);
      const tooltip = typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip as { value?: string } | undefined)?.value;
      return { label: String(item.label), description: item.description as string | undefined, contextValue: item.contextValue, tooltip, command: item.command?.command, node };
    });
  }

  async function child(parent: AnyResourceNode | undefined, label: string): Promise<Row> {
    const found = (await rows(parent)).find((r) => r.label === label);
    assert.ok(found, `no row "${label}" under ${parent?.id ?? 'the root'}`);
    return found;
  }

  it('shows a profile with its account, its buckets as MPS lists them and its identities with their policies', async () => {
    const settings = emulatorProfileSettings(em.url, ['prod'], {
      outputBuckets: ['media-output-demo', 'media-output-unbound'],
      identities: [{ identityType: 'RamRole', identityName: 'TranscodeRole', appId: 'app-1000000' }],
    });
    build(settings, { prod: DEMO_ACCESS_KEY });

    const profile = await child(undefined, 'prod');
    // A keychain profile can store a key: its menus offer Set/Clear AccessKey.
    assert.equal(profile.contextValue, 'profile.storesKey');
    assert.deepEqual((await rows(profile.node)).map((r) => r.label), ['MPS Output Buckets', 'MPS Input Buckets', 'VOD Identities']);
    // The account is read from STS after the first rows; the row is redrawn with it.
    await waitFor(async () => (await child(undefined, 'prod')).description?.endsWith(ACCOUNT), 'the profile row to show the account');
    assert.match((await child(undefined, 'prod')).tooltip ?? '', new RegExp(`^Account: ${ACCOUNT} as acs:ram::${ACCOUNT}:`));

    const buckets = await child(profile.node, 'MPS Output Buckets');
    assert.equal(buckets.description, '2');
    assert.deepEqual(
      (await rows(buckets.node)).map((r) => [r.label, r.description, r.contextValue]),
      [
        ['media-output-demo', 'bound as output', 'outputBucket.bound'],
        ['media-output-unbound', 'not bound', 'outputBucket.unbound'],
      ],
    );
    assert.equal(em.requests().filter((r) => r.action === 'ListAllMediaBucket').length, 1);

    const role = await child((await child(profile.node, 'VOD Identities')).node, 'RamRole TranscodeRole');
    assert.equal(role.description, 'app-1000000');
    // The RAM rows follow once RAM has answered (a "Reading RAM grants…" row stands in meanwhile).
    const roleRows = await waitFor(async () => {
      const rs = await rows(role.node);
      return rs.some((r) => r.label.startsWith('RAM policy')) ? rs : undefined;
    }, 'the role\'s RAM rows');
    assert.deepEqual(
      roleRows.map((r) => [r.label, r.description, r.contextValue]),
      [
        ['VODAppAdministratorAccess', 'System', 'appPolicy.system'],
        ['VODAppReadOnlyAccess', 'System', 'appPolicy.system'],
        // The demo role also holds a RAM policy that grants MPS whatever its app policies say (#20).
        ['RAM policy AliyunMTSFullAccess — every MPS action (attached directly)', undefined, 'message.showLog'],
      ],
    );
  });

  it('shows an error row with the code when the profile cannot be used, and what to do when it has no key', async () => {
    const settings = emulatorProfileSettings(em.url, ['broken', 'empty'], { outputBuckets: ['media-output-demo'] });
    build(settings, { broken: WRONG_KEY });

    const broken = await child(undefined, 'broken');
    const buckets = await rows((await child(broken.node, 'MPS Output Buckets')).node);
    const [error, bucket] = buckets;
    assert.equal(error?.label, 'Failed to load buckets: InvalidAccessKeyId.NotFound (HTTP 404) — show log');
    assert.equal(error?.contextValue, 'error.withRequestId', 'the row offers Copy Request ID');
    assert.equal(error?.command, 'alicloudMedia.showOutput');
    assert.deepEqual([bucket?.label, bucket?.description], ['media-output-demo', 'unknown']);
    assert.ok(!JSON.stringify(buckets.map(({ node: _node, ...r }) => r)).includes(WRONG_KEY.accessKeySecret));

    const empty = await child(undefined, 'empty');
    const [setKey] = await rows(empty.node);
    assert.deepEqual([setKey?.label, setKey?.command], ['Set AccessKey…', 'alicloudMedia.setCredentials']);
    // Without a key nothing is asked: no listing for this profile reached the emulator.
    assert.ok(em.requests().every((r) => r.accessKeyId !== undefined && r.accessKeyId === WRONG_KEY.accessKeyId));
  });

  it('Refresh of a profile re-reads what a Find Access scan found, which until then stays as the scan saw it', async () => {
    build(emulatorProfileSettings(em.url, ['prod']), { prod: DEMO_ACCESS_KEY });
    // The scan's result is given, not scanned (Find Access has its own suites): it saw alice with VODAppFullAccess in
    // app-2000001; the account now says VODAppReadOnlyAccess, as if the policy was changed in the console since.
    const alice = { identityType: 'RamUser' as const, identityName: '2037164829300001', appId: 'app-2000001', userName: 'alice' };
    const found = [{ identity: alice, policies: [{ appId: 'app-2000001', policyName: 'VODAppFullAccess', policyType: 'System' as const }], requestId: 'R-scan' }];
    scans.start('prod', 'app-2000001', 'Marketing').finish({ appId: 'app-2000001', total: 1, scanned: 1, found, failures: [], directoryFailures: [], cancelled: false, seconds: 0.1 });
    const profile = await child(undefined, 'prod');
    const group = (await rows(profile.node)).find((r) => r.node.kind === 'accessScan');
    assert.ok(group, 'the scan group under the profile');
    const foundRow = (await rows(group.node))[0];
    assert.ok(foundRow, 'the found identity');
    const listings = () => em.requests().filter((r) => r.action === 'ListAppPoliciesForIdentity').length;
    assert.deepEqual((await rows(foundRow.node)).map((r) => r.label), ['VODAppFullAccess'], "the scan's snapshot, without a call");
    assert.equal(listings(), 0);

    tree.refresh(profile.node);
    assert.deepEqual((await rows(foundRow.node)).map((r) => r.label), ['VODAppReadOnlyAccess'], 'what the account says now');
    assert.equal(listings(), 1);
  });

  it('Refresh of the Identities group names users configured by UserId again (a rename in RAM shows)', async () => {
    const identities = [{ identityType: 'RamUser', identityName: '2037164829300001', appId: 'app-1000000' }];
    build(emulatorProfileSettings(em.url, ['prod'], { identities }), { prod: DEMO_ACCESS_KEY });
    const group = await child((await child(undefined, 'prod')).node, 'VOD Identities');
    const label = async () => (await rows(group.node))[0]?.label;
    await waitFor(async () => (await label()) === 'RamUser alice (2037…0001)' || undefined, 'the row named from ListUsers');

    const state = em.state.toJSON();
    const user = state.accounts?.[0]?.users.find((u) => u.userId === '2037164829300001');
    assert.ok(user);
    user.userName = 'alice.chen';
    em.state.replace(state);
    tree.refresh(group.node);
    await waitFor(async () => (await label()) === 'RamUser alice.chen (2037…0001)' || undefined, 'the row named again');
  });

  it('says when the settings hold a problem, and re-reads them when they change', async () => {
    build([...emulatorProfileSettings(em.url, ['ok']), { name: 'no-region' }], {});
    const [ok, problem] = await rows();
    assert.equal(ok?.label, 'ok');
    assert.equal(problem?.label, '1 problem in alicloudMedia.profiles — show log');
    assert.equal(problem?.contextValue, 'message.showLog');
    assert.ok(warnings.some((w) => w.startsWith('Settings: ')));

    setUserSettings({ 'alicloudMedia.profiles': emulatorProfileSettings(em.url, ['ok', 'fixed']) });
    assert.deepEqual((await rows()).map((r) => r.label), ['ok', 'fixed']);
  });
});
