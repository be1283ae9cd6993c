// The cache owner (src/profiles/cacheOwner.ts): each event clears exactly the caches its header table names. The
// caches themselves are tested in their own suites (listingCache, userDirectory, resourcesTree, the integration
// suites); here the listings, sessions and lazily loaded modules are journals that record what they were told to
// forget, because what is under test is which event forgets what, not how a cache forgets. The scans, the
// credential check, the node cache and the shown accounts are the real ones.
import * as assert from 'node:assert/strict';
import type { AccessScanResult, FoundAccess } from '../../../src/cloud/accessScan';
import { AccessScans } from '../../../src/profiles/accessScans';
import { CacheOwner } from '../../../src/profiles/cacheOwner';
import type { ProfileSession } from '../../../src/profiles/profileSessions';
import type { Profile, ProfileIdentity } from '../../../src/settings/profileConfig';
import { resourcesTreeCaches } from '../../../src/tree/treeCaches';

const APP = 'app-2000001';
const role: ProfileIdentity = { identityType: 'RamRole', identityName: 'TranscodeRole', appId: 'app-1000000' };
const found: FoundAccess = {
  identity: { identityType: 'RamUser', identityName: '2037164829300001', appId: APP, userName: 'alice' },
  policies: [{ appId: APP, policyName: 'VODAppFullAccess', policyType: 'System' }],
  requestId: 'R-1',
};

function profile(name: string): Profile {
  return { name, region: 'cn-shanghai', credentialSource: 'keychain', endpoints: {}, outputBuckets: [], inputBuckets: [], identities: [role] } as unknown as Profile;
}

function scanResult(): AccessScanResult {
  return { appId: APP, total: 1, scanned: 1, found: [found], failures: [], directoryFailures: [], cancelled: false, seconds: 0.1 };
}

function setup(profileNames = ['p', 'q']) {
  const journal: string[] = [];
  let profiles = profileNames.map(profile);
  const session = (name: string) =>
    ({
      forgetDirectory: () => journal.push(`directory(${name})`),
      identities: { forget: () => journal.push(`getUser(${name})`) },
      users: { forget: () => journal.push(`userDirectory(${name})`) },
    }) as unknown as ProfileSession;
  const scans = new AccessScans();
  for (const name of profileNames) scans.start(name, APP, 'Marketing').finish(scanResult());
  let checks = 0;
  const presence = {
    status: async () => {
      checks++;
      return { state: 'ready' as const };
    },
  };
  const tree = resourcesTreeCaches(presence);
  const owner = new CacheOwner({
    settings: { profiles: () => profiles, find: (name) => profiles.find((p) => p.name === name) },
    listings: {
      forgetBuckets: (p) => journal.push(`buckets(${p})`),
      forgetPolicies: (p, ids) => journal.push(`policies(${p}: ${ids.map((i) => i.identityName).join(', ')})`),
      forgetAll: () => journal.push('listings(all)'),
    },
    sessions: { peek: session, forget: (p) => journal.push(`session(${p})`), clear: () => journal.push('sessions(all)') },
    scans,
    tree,
    lazy: {
      forgetCachedClients: () => journal.push('popCoreClients(all)'),
      retainCliProviders: (kept) => journal.push(`cliProviders(keep ${kept.map((p) => p.name).join(', ')})`),
    },
  });
  // Fill the tree's caches, so that what an event leaves in place can be seen.
  const fill = async () => {
    for (const name of profileNames) {
      await tree.credentials.status(profiles.find((p) => p.name === name) ?? profile(name));
      tree.callerShown.set(name, { status: 'loaded', value: { accountId: '1', arn: 'a', userId: 'u', identityType: 'RAMUser' } as never });
    }
    tree.nodes.intern({ id: 'row', kind: 'profile', profile: profiles[0] } as never);
  };
  /** Which profiles' credential checks were forgotten: asking again reaches the store only for those. */
  const credentialChecksForgotten = async () => {
    const before = checks;
    const again: string[] = [];
    for (const p of profiles) {
      const n = checks;
      await tree.credentials.status(p);
      if (checks > n) again.push(p.name);
    }
    checks = before;
    return again;
  };
  const staleScans = () => profileNames.filter((n) => (scans.get(n, APP)?.stale.size ?? 0) > 0);
  const left = () => ({ shown: [...tree.callerShown.keys()], rows: tree.nodes.get('row') !== undefined, stale: staleScans() });
  return { journal, owner, scans, fill, left, credentialChecksForgotten, setProfiles: (names: string[]) => (profiles = names.map(profile)) };
}

describe('CacheOwner: which event clears which cache', () => {
  it('settings changed: everything read, the sessions, every pop-core client; scans and CLI providers of removed profiles', async () => {
    const t = setup();
    await t.fill();
    t.setProfiles(['p']);
    t.owner.settingsChanged();
    assert.deepEqual(t.journal, ['listings(all)', 'sessions(all)', 'popCoreClients(all)', 'cliProviders(keep p)']);
    assert.deepEqual(t.left(), { shown: [], rows: false, stale: [] });
    assert.deepEqual(t.scans.of('q'), [], "the removed profile's scan goes");
    assert.equal(t.scans.of('p').length, 1, "the kept profile's scan stays, not stale");
    assert.deepEqual(await t.credentialChecksForgotten(), ['p']);
  });

  it("a profile's key changed: that profile's readings and session, every pop-core client; its scans stay as they were", async () => {
    const t = setup();
    await t.fill();
    t.owner.keyChanged('p');
    assert.deepEqual(t.journal, ['directory(p)', 'buckets(p)', 'policies(p: TranscodeRole)', 'session(p)', 'popCoreClients(all)']);
    assert.deepEqual(t.left(), { shown: ['q'], rows: true, stale: [] });
    assert.deepEqual(await t.credentialChecksForgotten(), ['p']);
  });

  it('Refresh of everything: everything read and the sessions; every found identity is read again; clients and CLI stay', async () => {
    const t = setup();
    await t.fill();
    t.owner.refreshEverything();
    assert.deepEqual(t.journal, ['listings(all)', 'sessions(all)', 'policies(p: 2037164829300001)', 'policies(q: 2037164829300001)']);
    assert.deepEqual(t.left(), { shown: [], rows: false, stale: ['p', 'q'] });
    assert.deepEqual(await t.credentialChecksForgotten(), ['p', 'q']);
  });

  it("Refresh of a profile: its directory, account, listings and credential check; its scans' found identities", async () => {
    const t = setup();
    await t.fill();
    t.owner.refreshProfile('p');
    assert.deepEqual(t.journal, ['directory(p)', 'buckets(p)', 'policies(p: TranscodeRole)', 'policies(p: 2037164829300001)']);
    assert.deepEqual(t.left(), { shown: ['q'], rows: true, stale: ['p'] });
    assert.deepEqual(await t.credentialChecksForgotten(), ['p']);
  });

  it('Refresh of the identities group: GetUser answers, the user directory and the given identities’ policies only', async () => {
    const t = setup();
    await t.fill();
    t.owner.refreshIdentities('p', [role]);
    assert.deepEqual(t.journal, ['getUser(p)', 'userDirectory(p)', 'policies(p: TranscodeRole)']);
    assert.deepEqual(t.left(), { shown: ['p', 'q'], rows: true, stale: [] });
    assert.deepEqual(await t.credentialChecksForgotten(), []);
  });

  it('Refresh of a bucket group (or a mutation of a bucket): that profile’s bucket listing only', async () => {
    const t = setup();
    await t.fill();
    t.owner.refreshBuckets('q');
    assert.deepEqual(t.journal, ['buckets(q)']);
    assert.deepEqual(t.left(), { shown: ['p', 'q'], rows: true, stale: [] });
  });

  it('Refresh of an identity (or a mutation of its policies): its listing, and its rows in a scan that found it', async () => {
    const t = setup();
    await t.fill();
    assert.equal(t.owner.refreshPolicies('p', role), false, 'no scan found the configured role');
    assert.equal(t.owner.refreshPolicies('q', found.identity), true);
    assert.deepEqual(t.journal, ['policies(p: TranscodeRole)', 'policies(q: 2037164829300001)']);
    assert.deepEqual(t.left(), { shown: ['p', 'q'], rows: true, stale: ['q'] });
  });

  it('Refresh of a scan group: each found identity once, nothing else', async () => {
    const t = setup();
    await t.fill();
    t.owner.refreshScan('p', APP);
    t.owner.refreshScan('p', 'app-none');
    assert.deepEqual(t.journal, ['policies(p: 2037164829300001)']);
    assert.deepEqual(t.left(), { shown: ['p', 'q'], rows: true, stale: ['p'] });
  });
});
