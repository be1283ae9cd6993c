import * as assert from 'node:assert/strict';
import { parseProfiles, PROFILE_REGIONS, validateProfileName } from '../../../src/settings/parseProfiles';
import { siteOf } from '../../../src/cloud/sites';
import { addBucket, addBuckets, addIdentity, addProfile, removeBuckets, removeIdentities, removeProfile, useRamUserIds } from '../../../src/settings/profileEdits';

describe('parseProfiles', () => {
  it('fills defaults: keychain, no endpoints, default AppId', () => {
    const { profiles, problems } = parseProfiles([
      { name: 'demo', region: 'cn-shanghai', outputBuckets: ['media-out'], identities: [{ identityType: 'RamUser', identityName: 'alice' }] },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(profiles[0], {
      name: 'demo',
      region: 'cn-shanghai',
      credentialSource: 'keychain',
      endpoints: {},
      outputBuckets: ['media-out'],
      inputBuckets: [],
      identities: [{ identityType: 'RamUser', identityName: 'alice', appId: 'app-1000000' }],
    });
  });

  it('treats a missing setting as no profiles, and a non-array as one problem', () => {
    assert.deepEqual(parseProfiles(undefined), { profiles: [], problems: [] });
    const parsed = parseProfiles({ name: 'x' });
    assert.equal(parsed.profiles.length, 0);
    assert.equal(parsed.problems.length, 1);
  });

  it('drops a whole profile whose endpoint override is unsafe, rather than falling back to Alibaba', () => {
    const { profiles, problems } = parseProfiles([
      { name: 'evil', region: 'cn-shanghai', endpoints: { mps: 'http://attacker.example.com' } },
      { name: 'local', region: 'cn-shanghai', endpoints: { mps: 'http://127.0.0.1:8765', vod: 'http://localhost:8765' } },
    ]);
    assert.deepEqual(profiles.map((p) => p.name), ['local']);
    assert.deepEqual(profiles[0]?.endpoints, { mps: 'http://127.0.0.1:8765', vod: 'http://localhost:8765' });
    assert.match(problems[0] ?? '', /evil.*endpoints\.mps.*https/);
  });

  it('rejects unknown regions, bad names and bad credential sources', () => {
    const { profiles, problems } = parseProfiles([
      { name: 'a', region: 'mars-1' },
      { name: '', region: 'cn-shanghai' },
      { name: 'b/c', region: 'cn-shanghai' },
      { name: 'd', region: 'cn-shanghai', credentialSource: 'file' },
    ]);
    assert.equal(profiles.length, 0);
    assert.equal(problems.length, 4);
  });

  it('reads the site: china unless the profile says international; anything else drops the profile with a reason', () => {
    const { profiles, problems } = parseProfiles([
      { name: 'cn', region: 'cn-shanghai' },
      { name: 'cn-explicit', region: 'cn-shanghai', site: 'china' },
      { name: 'intl', region: 'ap-southeast-1', site: 'international' },
      { name: 'typo', region: 'ap-southeast-1', site: 'intl' },
    ]);
    assert.deepEqual(profiles.map((p) => [p.name, siteOf(p)]), [['cn', 'china'], ['cn-explicit', 'china'], ['intl', 'international']]);
    assert.deepEqual(problems, ['Profile "typo": site must be "china" or "international". The profile was ignored.']);
  });

  it('writes a new profile\'s site only when it is not the default', () => {
    const list = addProfile(addProfile([], { name: 'a', region: 'cn-shanghai', site: 'china' }), { name: 'b', region: 'eu-central-1', site: 'international' });
    assert.ok(!('site' in (list[0] as object)));
    assert.equal((list[1] as { site?: string }).site, 'international');
    assert.deepEqual(parseProfiles(list).profiles.map((p) => siteOf(p)), ['china', 'international']);
  });

  it('keeps the first of two profiles with the same name', () => {
    const { profiles, problems } = parseProfiles([
      { name: 'p', region: 'cn-shanghai' },
      { name: 'p', region: 'cn-beijing' },
    ]);
    assert.deepEqual(profiles.map((p) => p.region), ['cn-shanghai']);
    assert.match(problems[0] ?? '', /defined twice/);
  });

  it('drops invalid and duplicate buckets and identities but keeps the profile', () => {
    const { profiles, problems } = parseProfiles([
      {
        name: 'p',
        region: 'cn-shanghai',
        outputBuckets: ['good-bucket', 'Bad_Bucket', 'good-bucket'],
        inputBuckets: ['in-bucket', 'in-bucket'],
        identities: [
          { identityType: 'RamRole', identityName: 'role-1', appId: 'app-42' },
          { identityType: 'RamRole', identityName: 'role-1', appId: 'app-42' },
          { identityType: 'Group', identityName: 'x' },
          { identityType: 'RamUser', identityName: 'bob', appId: 'nope' },
        ],
      },
    ]);
    assert.deepEqual(profiles[0]?.outputBuckets, ['good-bucket']);
    assert.deepEqual(profiles[0]?.inputBuckets, ['in-bucket']);
    assert.deepEqual(profiles[0]?.identities, [{ identityType: 'RamRole', identityName: 'role-1', appId: 'app-42' }]);
    assert.equal(problems.length, 6);
  });

  it('names the setting that is not a list of buckets', () => {
    const { profiles, problems } = parseProfiles([{ name: 'p', region: 'cn-shanghai', inputBuckets: 'media-in' }]);
    assert.deepEqual(profiles[0]?.inputBuckets, []);
    assert.match(problems[0] ?? '', /inputBuckets must be a list of bucket names/);
  });

  it('offers the union of MPS and VOD regions', () => {
    assert.ok(PROFILE_REGIONS.includes('cn-qingdao'));
    assert.ok(PROFILE_REGIONS.includes('us-west-1'));
    assert.equal(new Set(PROFILE_REGIONS).size, PROFILE_REGIONS.length);
  });

  it('validates profile names against existing ones', () => {
    assert.equal(validateProfileName('prod', ['dev']), undefined);
    assert.match(validateProfileName('dev', ['dev']) ?? '', /already exists/);
    assert.ok(validateProfileName(' lead'));
  });
});

describe('profile edits', () => {
  const base = [{ name: 'p', region: 'cn-shanghai', custom: 1, outputBuckets: ['a-bucket'], identities: [{ identityType: 'RamUser', identityName: 'alice' }] }];

  it('adds and removes profiles without touching the others', () => {
    const added = addProfile(base, { name: 'q', region: 'cn-beijing' });
    assert.equal(added.length, 2);
    assert.deepEqual(added[1], { name: 'q', region: 'cn-beijing', credentialSource: 'keychain', outputBuckets: [], identities: [] });
    assert.deepEqual(removeProfile(added, 'q'), base);
    assert.throws(() => addProfile(base, { name: 'p', region: 'cn-beijing' }), /already exists/);
  });

  it('adds and removes buckets, keeping unknown fields', () => {
    const added = addBucket(base, 'p', 'Output', 'b-bucket');
    assert.deepEqual((added[0] as { outputBuckets: string[] }).outputBuckets, ['a-bucket', 'b-bucket']);
    assert.equal((added[0] as { custom: number }).custom, 1);
    assert.deepEqual((removeBuckets(added, 'p', 'Output', ['a-bucket'])[0] as { outputBuckets: string[] }).outputBuckets, ['b-bucket']);
    assert.throws(() => addBucket(base, 'p', 'Output', 'a-bucket'), /already/);
    assert.throws(() => addBucket(base, 'nope', 'Output', 'x-bucket'), /not in your user settings/);
    // The same name as an input bucket is another entry, in its own list.
    const input = addBucket(base, 'p', 'Input', 'a-bucket')[0] as { outputBuckets: string[]; inputBuckets: string[] };
    assert.deepEqual([input.outputBuckets, input.inputBuckets], [['a-bucket'], ['a-bucket']]);
    assert.deepEqual((removeBuckets([input], 'p', 'Input', ['a-bucket'])[0] as typeof input).inputBuckets, []);
    assert.equal((base[0] as { outputBuckets: string[] }).outputBuckets.length, 1, 'input not mutated');
  });

  it('adds several buckets in one edit, once each, leaving those already listed alone', () => {
    const added = addBuckets(base, 'p', 'Output', ['c-bucket', 'a-bucket', 'b-bucket', 'c-bucket']);
    assert.deepEqual((added[0] as { outputBuckets: string[] }).outputBuckets, ['a-bucket', 'c-bucket', 'b-bucket']);
    assert.equal((added[0] as { custom: number }).custom, 1);
    assert.throws(() => addBuckets(base, 'nope', 'Output', ['x-bucket']), /not in your user settings/);
    assert.equal((base[0] as { outputBuckets: string[] }).outputBuckets.length, 1, 'input not mutated');
  });

  it('matches identities with the default AppId filled in', () => {
    assert.throws(() => addIdentity(base, 'p', { identityType: 'RamUser', identityName: 'alice', appId: 'app-1000000' }), /already/);
    const added = addIdentity(base, 'p', { identityType: 'RamRole', identityName: 'r', appId: 'app-7' });
    assert.deepEqual((added[0] as { identities: unknown[] }).identities[1], { identityType: 'RamRole', identityName: 'r', appId: 'app-7' });
    const removed = removeIdentities(added, 'p', [{ identityType: 'RamUser', identityName: 'alice', appId: 'app-1000000' }]);
    assert.equal((removed[0] as { identities: unknown[] }).identities.length, 1);
  });
});

describe('RAM and STS endpoints and RAM user ids in profiles', () => {
  it('accepts ram and sts endpoint overrides under the same https-or-loopback rule', () => {
    const { profiles, problems } = parseProfiles([
      { name: 'local', region: 'cn-shanghai', endpoints: { ram: 'http://127.0.0.1:8765', sts: 'http://localhost:8765' } },
      { name: 'leaky', region: 'cn-shanghai', endpoints: { sts: 'http://sts.example.com' } },
    ]);
    assert.deepEqual(profiles.map((p) => p.name), ['local']);
    assert.deepEqual(profiles[0]?.endpoints, { ram: 'http://127.0.0.1:8765', sts: 'http://localhost:8765' });
    assert.match(problems[0] ?? '', /leaky.*endpoints\.sts.*https/);
  });

  it('writes UserIds in place of RamUser names, keeping other fields, order, roles and unknown names', () => {
    const raw = [
      {
        name: 'p',
        region: 'cn-shanghai',
        identities: [
          { identityType: 'RamUser', identityName: 'alice', appId: 'app-2', note: 'kept' },
          { identityType: 'RamRole', identityName: 'alice' },
          { identityType: 'RamUser', identityName: 'ghost' },
          { identityType: 'RamUser', identityName: 'bob' },
          { identityType: 'RamUser', identityName: '2037164829300002' },
        ],
      },
    ];
    const out = useRamUserIds(raw, 'p', new Map([['alice', '2037164829300001'], ['bob', '2037164829300002']])) as { identities: unknown[] }[];
    assert.deepEqual(out[0]?.identities, [
      { identityType: 'RamUser', identityName: '2037164829300001', appId: 'app-2', note: 'kept' },
      { identityType: 'RamRole', identityName: 'alice' },
      { identityType: 'RamUser', identityName: 'ghost' },
      // bob's UserId was already listed for the same app: listed once.
      { identityType: 'RamUser', identityName: '2037164829300002' },
    ]);
    assert.equal((raw[0]?.identities[0] as { identityName: string }).identityName, 'alice', 'the input is not changed');
    assert.throws(() => useRamUserIds(raw, 'nope', new Map()), /not in your user settings/);
  });
});
