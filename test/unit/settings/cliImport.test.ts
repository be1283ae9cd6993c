// Import aliyun CLI Profiles: names after the CLI profile, region from region_id, clashes suffixed, a CLI profile
// already referred to not imported twice, and never a key in what is written.
import * as assert from 'node:assert/strict';
import { FALLBACK_REGION, planCliImport, profileNameFor } from '../../../src/settings/cliImport';
import { parseProfiles } from '../../../src/settings/parseProfiles';
import { siteOf } from '../../../src/cloud/sites';
import type { CliProfileEntry } from '../../../src/credentials/cliConfig';

const entry = (name: string, regionId?: string): CliProfileEntry => ({
  name,
  mode: 'AK',
  ...(regionId ? { regionId } : {}),
  fields: { name, mode: 'AK', access_key_id: 'LTAI5tImportNotReal01', access_key_secret: 'ImportSecretNotReal0001' },
});

describe('planCliImport', () => {
  const existing = parseProfiles([
    { name: 'prod', region: 'cn-shanghai' },
    { name: 'prod-cli', region: 'cn-shanghai' },
    { name: 'ops-cli-ref', region: 'cn-shanghai', credentialSource: 'aliyun-cli', cliProfile: 'ops' },
  ]).profiles;

  it('names, regions and references', () => {
    const plan = planCliImport([entry('dev', 'cn-beijing'), entry('prod', 'ap-southeast-1'), entry('legacy', 'cn-nowhere'), entry('ops')], existing);
    assert.deepEqual(plan.add.map((p) => [p.name, p.region, p.cliProfile, p.regionFallback]), [
      ['dev', 'cn-beijing', 'dev', false],
      ['prod-cli-2', 'ap-southeast-1', 'prod', false],
      ['legacy', FALLBACK_REGION, 'legacy', true],
    ]);
    assert.deepEqual(plan.skipped, [{ cliProfile: 'ops', reason: 'profile "ops-cli-ref" already uses it' }]);
    assert.ok(!JSON.stringify(plan).includes('NotReal'), 'no key in the plan');
  });

  it('what it adds parses as aliyun-cli profiles', () => {
    const plan = planCliImport([entry('dev', 'cn-beijing')], []);
    const { profiles, problems } = parseProfiles(plan.add.map(({ regionFallback: _r, ...p }) => p));
    assert.deepEqual(problems, []);
    assert.equal(profiles[0].credentialSource, 'aliyun-cli');
  });

  it('a CLI profile name that cannot be referred to is skipped; odd characters are replaced in the profile name', () => {
    assert.equal(profileNameFor('team:blue'), 'team-blue');
    assert.equal(profileNameFor('---'), 'aliyun-cli');
    const plan = planCliImport([entry('my dev')], []);
    assert.equal(plan.add.length, 0);
    assert.match(plan.skipped[0].reason, /cannot be referred to/);
  });

  it("takes the site from an OAuth profile's oauth_site_type, and leaves the default where the file does not say", () => {
    const oauth = (name: string, siteType: string): CliProfileEntry => ({
      name,
      mode: 'OAuth',
      regionId: 'ap-southeast-1',
      fields: { name, mode: 'OAuth', oauth_site_type: siteType, oauth_refresh_token: 'RefreshNotReal0001' },
    });
    const plan = planCliImport([oauth('intl', 'INTL'), oauth('cn', 'CN'), entry('keys', 'ap-southeast-1')], []);
    assert.deepEqual(plan.add.map((p) => [p.name, p.site]), [['intl', 'international'], ['cn', 'china'], ['keys', undefined]]);
    const { profiles, problems } = parseProfiles(plan.add.map(({ regionFallback: _r, ...p }) => p));
    assert.deepEqual(problems, []);
    assert.deepEqual(profiles.map((p) => siteOf(p)), ['international', 'china', 'china']);
    assert.ok(!JSON.stringify(plan).includes('NotReal'), 'no token in the plan');
  });
});
