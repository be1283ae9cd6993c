import * as assert from 'node:assert/strict';
import { parseDetachArgument, parseUnbindArgument } from '../../../src/commands/commandArgs';

const profiles = ['demo'];

describe('programmatic arguments', () => {
  describe('unbind', () => {
    it('accepts { profile, bucket }', () => {
      assert.deepEqual(parseUnbindArgument({ profile: 'demo', bucket: 'media-out' }, profiles), {
        ok: true,
        value: { profile: 'demo', targets: [{ profile: 'demo', bucket: 'media-out' }], bulk: false },
      });
    });

    it('accepts { profile, buckets } and drops duplicates', () => {
      const parsed = parseUnbindArgument({ profile: 'demo', buckets: ['a-1', 'b-2', 'a-1'] }, profiles);
      assert.ok(parsed.ok);
      assert.equal(parsed.value.bulk, true);
      assert.deepEqual(parsed.value.targets.map((t) => t.bucket), ['a-1', 'b-2']);
    });

    it('refuses unknown profiles, bad names and ambiguous input before anything is sent', () => {
      const cases: [unknown, RegExp][] = [
        [{ profile: 'other', bucket: 'media-out' }, /Unknown profile "other"/],
        [{ bucket: 'media-out' }, /"profile"/],
        [{ profile: 'demo', bucket: 'Bad_Name' }, /lowercase/],
        [{ profile: 'demo', buckets: [] }, /non-empty/],
        [{ profile: 'demo', bucket: 'a-1', buckets: ['b-2'] }, /either/],
        ['demo', /Expected/],
      ];
      for (const [arg, message] of cases) {
        const parsed = parseUnbindArgument(arg, profiles);
        assert.equal(parsed.ok, false);
        assert.ok(!parsed.ok && parsed.error.kind === 'invalid-input');
        assert.match(!parsed.ok ? parsed.error.message : '', message);
      }
      const unknown = parseUnbindArgument({ profile: 'x', bucket: 'media-out' }, profiles);
      assert.equal(!unknown.ok && unknown.error.code, 'UnknownProfile');
    });
  });

  describe('detach', () => {
    it('fills in the default AppId', () => {
      assert.deepEqual(parseDetachArgument({ profile: 'demo', identityType: 'RamUser', identityName: 'alice', policyNames: ['VODAppFullAccess'] }, profiles), {
        ok: true,
        value: {
          profile: 'demo',
          targets: [{ profile: 'demo', identity: { identityType: 'RamUser', identityName: 'alice', appId: 'app-1000000' }, policyNames: ['VODAppFullAccess'] }],
          bulk: false,
        },
      });
    });

    it('accepts { profile, identities: [...] }, dropping exact duplicates but keeping other policy sets', () => {
      const alice = { identityType: 'RamUser', identityName: 'alice', policyNames: ['VODAppFullAccess'] };
      const parsed = parseDetachArgument(
        { profile: 'demo', identities: [alice, { ...alice }, { ...alice, policyNames: ['VODAppReadOnlyAccess'] }, { identityType: 'RamRole', identityName: 'r', appId: 'app-9', policyNames: ['P'] }] },
        profiles,
      );
      assert.ok(parsed.ok);
      assert.equal(parsed.value.bulk, true);
      assert.deepEqual(
        parsed.value.targets.map((t) => `${t.identity.identityName}@${t.identity.appId}:${t.policyNames.join(',')}`),
        ['alice@app-1000000:VODAppFullAccess', 'alice@app-1000000:VODAppReadOnlyAccess', 'r@app-9:P'],
      );
    });

    it('refuses a bulk list with one bad identity, and a list mixed with a single identity', () => {
      const good = { identityType: 'RamUser', identityName: 'alice', policyNames: ['VODAppFullAccess'] };
      assert.equal(parseDetachArgument({ profile: 'demo', identities: [good, { ...good, identityType: 'Group' }] }, profiles).ok, false);
      assert.equal(parseDetachArgument({ profile: 'demo', identities: [] }, profiles).ok, false);
      assert.equal(parseDetachArgument({ profile: 'demo', identities: [good], identity: good }, profiles).ok, false);
    });

    it('refuses bad identity types, names, AppIds and policy lists', () => {
      const ok = { profile: 'demo', identityType: 'RamRole', identityName: 'r', appId: 'app-9', policyNames: ['P'] };
      for (const bad of [
        { ...ok, identityType: 'Group' },
        { ...ok, identityName: 'has space' },
        { ...ok, appId: '9' },
        { ...ok, policyNames: [] },
        { ...ok, policyNames: 'P' },
        { ...ok, policyNames: ['a,b'] },
        { ...ok, profile: 'nope' },
      ]) {
        assert.equal(parseDetachArgument(bad, profiles).ok, false, JSON.stringify(bad));
      }
      assert.equal(parseDetachArgument(ok, profiles).ok, true);
    });
  });
});
