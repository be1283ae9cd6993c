// The shared listings (src/profiles/resourceListings.ts) against the emulator over signed HTTP: what a command that
// needs the bucket listing gets when the tree's listing failed earlier.
import * as assert from 'node:assert/strict';
import { closeIdleConnections } from '../../../src/cloud/rpc';
import { ResourceListings } from '../../../src/profiles/resourceListings';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../../emulator/server';
import { emulatorProfileSettings, emulatorProfiles } from '../../support/emulatorProfile';

describe('ResourceListings', () => {
  let em: RunningEmulator;
  beforeEach(async () => {
    em = await startEmulator({ quiet: true });
  });
  afterEach(async () => {
    closeIdleConnections();
    await em.close();
  });

  it('a command asks again a bucket listing that failed; a known good one is not asked again', async () => {
    const { sessions } = emulatorProfiles(emulatorProfileSettings(em.url, ['prod']), { prod: DEMO_ACCESS_KEY });
    const listings = new ResourceListings(sessions);
    const sent = () => em.requests().filter((r) => r.action === 'ListAllMediaBucket').length;
    em.setFault('ListAllMediaBucket', { kind: 'error', code: 'Forbidden.RAM', status: 403 });
    const failed = await listings.bucketsOf('prod');
    assert.equal(failed.status === 'failed' && failed.error.code, 'Forbidden.RAM');
    em.clearFaults();
    const before = sent();
    assert.equal((await listings.bucketsOf('prod')).status, 'failed', 'the tree keeps what it was told until a Refresh');
    assert.equal(sent(), before);

    assert.equal((await listings.bucketsForCommand('prod')).status, 'loaded');
    assert.equal(sent(), before + 1);
    assert.equal((await listings.bucketsForCommand('prod')).status, 'loaded');
    assert.equal(sent(), before + 1, 'a loaded listing is used as it is');
  });
});
