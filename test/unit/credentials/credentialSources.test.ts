// The credential sources as package.json declares them and as the code implements them must be the same list,
// and only sources that keep a key get the menus that store or clear one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CANNOT_STORE_KEY_CODE, cannotStoreKey, CREDENTIAL_SOURCE_STRATEGIES, CREDENTIAL_SOURCES, sourceOf } from '../../../src/credentials/sources';
import type { Profile } from '../../../src/settings/profileConfig';
import { ProfileSession } from '../../../src/profiles/profileSessions';
import { profileContextValue } from '../../../src/tree/credentialText';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { items: { properties: Record<string, { enum?: string[]; enumDescriptions?: string[] }> } }> }; menus: Record<string, { command: string; when?: string }[]> };
};
const nls = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.nls.json'), 'utf8')) as Record<string, string>;
const setting = manifest.contributes.configuration.properties['alicloudMedia.profiles'].items.properties.credentialSource;
const profile = (credentialSource: Profile['credentialSource'], extra: Partial<Profile> = {}): Profile => ({
  name: 'p', region: 'cn-shanghai', credentialSource, endpoints: {}, outputBuckets: [], inputBuckets: [], identities: [], ...extra,
});

describe('credential sources', () => {
  it('package.json\'s credentialSource enum lists exactly the implemented sources, each described', () => {
    assert.deepEqual(setting.enum, [...CREDENTIAL_SOURCES]);
    assert.equal(setting.enumDescriptions?.length, CREDENTIAL_SOURCES.length);
    for (const d of setting.enumDescriptions ?? []) assert.ok(nls[d.replace(/^%|%$/g, '')], d);
    for (const id of CREDENTIAL_SOURCES) assert.equal(CREDENTIAL_SOURCE_STRATEGIES[id].id, id);
  });

  it('Set AccessKey… and Clear AccessKey appear only on rows of sources that keep a key', () => {
    const menus = manifest.contributes.menus['view/item/context'];
    for (const command of ['alicloudMedia.setCredentials', 'alicloudMedia.clearCredentials']) {
      const whens = menus.filter((m) => m.command === command).map((m) => m.when ?? '');
      assert.deepEqual(whens, ['view == alicloudMedia.resources && viewItem == profile.storesKey'], command);
    }
    for (const id of CREDENTIAL_SOURCES) {
      const expected = CREDENTIAL_SOURCE_STRATEGIES[id].canStoreKey ? 'profile.storesKey' : 'profile';
      assert.equal(profileContextValue(profile(id)), expected, id);
    }
    assert.deepEqual(CREDENTIAL_SOURCES.filter((id) => CREDENTIAL_SOURCE_STRATEGIES[id].canStoreKey), ['keychain']);
    // Every other profile menu matches both row kinds: no command disappears from keychain profiles.
    const profileMenus = menus.filter((m) => /viewItem (==|=~) .*profile/.test(m.when ?? '') && !m.command.endsWith('Credentials'));
    assert.ok(profileMenus.length >= 6);
    for (const m of profileMenus) {
      const pattern = /viewItem =~ \/(.*)\/$/.exec(m.when ?? '')?.[1];
      assert.ok(pattern, `${m.command}: ${m.when}`);
      const re = new RegExp(pattern.replace(/\\\\/g, '\\'));
      assert.ok(re.test('profile') && re.test('profile.storesKey'), `${m.command}: ${m.when}`);
    }
  });

  it('refuses to store or clear a key for a source that reads none, saying which source', () => {
    assert.equal(cannotStoreKey(profile('keychain')), undefined);
    assert.match(cannotStoreKey(profile('environment')) ?? '', /Profile p reads its AccessKey from Environment variables \(environment\).*nothing was stored or deleted.*"keychain"/);
    assert.match(cannotStoreKey(profile('aliyun-cli', { cliProfile: 'ops' })) ?? '', /aliyun CLI profile \(aliyun-cli:ops\)/);
    assert.equal(CANNOT_STORE_KEY_CODE, 'CredentialSourceCannotStoreKey');
  });

  it('each source names itself, its missing key and its row', async () => {
    assert.equal(sourceOf(profile('aliyun-cli')).shown(profile('aliyun-cli')), 'aliyun-cli:(current)');
    assert.deepEqual(
      CREDENTIAL_SOURCES.map((id) => sourceOf(profile(id)).missingRow(profile(id)).action),
      ['setCredentials', 'showLog', 'showLog'],
    );
    const context = { secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined }, env: { ALICLOUD_ACCESS_KEY: 'LTAIenvNotReal', ALICLOUD_SECRET_KEY: 's' }, home: '/nonexistent' };
    assert.equal(await sourceOf(profile('environment')).route(profile('environment'), context), 'environment variable ALICLOUD_ACCESS_KEY');
    assert.equal(await sourceOf(profile('keychain')).route(profile('keychain'), context), "VS Code's secret storage");
  });

  it('a profile that assumes a role says so in its Credentials line, with the STS host it asks', async () => {
    const p = profile('keychain', { assumeRole: { roleArn: 'acs:ram::1839204725361048:role/transcoderole', sessionName: 'vscode-p', durationSeconds: 3600 }, endpoints: { sts: 'http://127.0.0.1:8443' } });
    const secrets = { get: async () => undefined, store: async () => undefined, delete: async () => undefined };
    const session = new ProfileSession(p, { profile: () => p, secrets, observer: { onCall: () => undefined }, timeoutMs: () => 1000 });
    assert.equal(await session.credentialRoute(), "VS Code's secret storage, then role transcoderole via 127.0.0.1:8443");
    const plain = profile('keychain', { region: 'cn-hangzhou' });
    assert.equal(await new ProfileSession(plain, { profile: () => plain, secrets, observer: { onCall: () => undefined }, timeoutMs: () => 1000 }).credentialRoute(), "VS Code's secret storage");
  });
});
