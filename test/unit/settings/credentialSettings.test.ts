// credentialSource "aliyun-cli", cliProfile and assumeRole as the settings reader takes them: a profile whose
// credentials would sign as something other than meant is dropped whole, with one sentence saying why.
import * as assert from 'node:assert/strict';
import { defaultSessionName, parseAssumeRole, parseProfiles } from '../../../src/settings/parseProfiles';
import { addProfile } from '../../../src/settings/profileEdits';

const ROLE = 'acs:ram::1839204725361048:role/transcoderole';

describe('credential settings', () => {
  it('aliyun-cli with and without cliProfile', () => {
    const { profiles, problems } = parseProfiles([
      { name: 'cli', region: 'cn-shanghai', credentialSource: 'aliyun-cli', cliProfile: 'dev' },
      { name: 'cli-current', region: 'cn-shanghai', credentialSource: 'aliyun-cli' },
    ]);
    assert.deepEqual(problems, []);
    assert.equal(profiles[0].credentialSource, 'aliyun-cli');
    assert.equal(profiles[0].cliProfile, 'dev');
    assert.equal(profiles[1].cliProfile, undefined);
  });

  it('drops a profile with cliProfile on another source, or a cliProfile that is not one word', () => {
    const { profiles, problems } = parseProfiles([
      { name: 'a', region: 'cn-shanghai', credentialSource: 'keychain', cliProfile: 'dev' },
      { name: 'b', region: 'cn-shanghai', credentialSource: 'aliyun-cli', cliProfile: 'my dev' },
      { name: 'c', region: 'cn-shanghai', credentialSource: 'aliyun' },
    ]);
    assert.deepEqual(profiles, []);
    assert.match(problems[0], /"a".*cliProfile is only read with credentialSource "aliyun-cli"/);
    assert.match(problems[1], /"b".*cliProfile must be the name of an aliyun CLI profile/);
    assert.match(problems[2], /"c".*one of "keychain", "environment", "aliyun-cli"/);
  });

  it('assumeRole fills the session name and duration, keeps an ExternalId', () => {
    const { profiles, problems } = parseProfiles([
      { name: 'Ops team', region: 'cn-shanghai', assumeRole: { roleArn: ROLE } },
      { name: 'ext', region: 'cn-shanghai', credentialSource: 'environment', assumeRole: { roleArn: ROLE, sessionName: 'me@x', durationSeconds: 900, externalId: 'abc-123' } },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(profiles[0].assumeRole, { roleArn: ROLE, sessionName: 'vscode-Ops-team', durationSeconds: 3600 });
    assert.deepEqual(profiles[1].assumeRole, { roleArn: ROLE, sessionName: 'me@x', durationSeconds: 900, externalId: 'abc-123' });
  });

  it('refuses a role that STS would refuse, and says which field', () => {
    assert.match(String(parseAssumeRole({}, 'p')), /roleArn must look like acs:ram::/);
    assert.match(String(parseAssumeRole({ roleArn: 'arn:aws:iam::1:role/x' }, 'p')), /roleArn/);
    assert.match(String(parseAssumeRole({ roleArn: ROLE, sessionName: 'x' }, 'p')), /sessionName must be 2 to 64/);
    assert.match(String(parseAssumeRole({ roleArn: ROLE, durationSeconds: 899 }, 'p')), /durationSeconds must be a whole number from 900 to 43200/);
    assert.match(String(parseAssumeRole({ roleArn: ROLE, durationSeconds: 43201 }, 'p')), /durationSeconds/);
    assert.match(String(parseAssumeRole({ roleArn: ROLE, externalId: 'a b' }, 'p')), /externalId/);
    assert.match(String(parseAssumeRole({ roleArn: ROLE, policy: '{}' }, 'p')), /unknown field "policy"/);
    assert.match(String(parseAssumeRole('acs:ram::1:role/x', 'p')), /must be an object/);
    const { profiles, problems } = parseProfiles([{ name: 'bad', region: 'cn-shanghai', assumeRole: { roleArn: 'nope' } }]);
    assert.deepEqual(profiles, []);
    assert.match(problems[0], /Profile "bad": assumeRole: roleArn .* The profile was ignored\./);
  });

  it('default session names stay within what STS accepts', () => {
    assert.equal(defaultSessionName('demo'), 'vscode-demo');
    assert.equal(defaultSessionName('a b/c'), 'vscode-a-b-c');
    assert.equal(defaultSessionName('x'.repeat(64)).length, 64);
  });

  it('addProfile writes cliProfile only for the CLI source', () => {
    const list = addProfile([], { name: 'dev', region: 'cn-beijing', credentialSource: 'aliyun-cli', cliProfile: 'dev' });
    assert.deepEqual(list[0], { name: 'dev', region: 'cn-beijing', credentialSource: 'aliyun-cli', cliProfile: 'dev', outputBuckets: [], identities: [] });
  });
});
