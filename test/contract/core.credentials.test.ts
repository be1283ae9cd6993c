// The core asks its credential provider before every attempt and may reuse what it worked out for the previous
// key (validation verdict, masked id, pop-core client). These tests change the key between calls and check that
// every call is validated and signed with the key the provider handed over for it, never with a remembered one.
import { strict as assert } from 'node:assert';
import { CloudError } from '../../src/cloud/errors';
import { closeIdleConnections } from '../../src/cloud/rpc';
import type { AccessKeyCredentials } from '../../src/cloud/types';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../emulator/server';
import { harness, rejection } from './core.helpers';

const SECOND_KEY = { accessKeyId: 'LTAI5tContractSecondKey02', accessKeySecret: 'ContractSecondSecretValue0000002' };
const WRONG_SECRET = { accessKeyId: DEMO_ACCESS_KEY.accessKeyId, accessKeySecret: 'WrongSecretValueForContract0001' };

describe('core credentials between calls', () => {
  let em: RunningEmulator;
  beforeEach(async () => {
    em = await startEmulator({ quiet: true, accessKeys: [DEMO_ACCESS_KEY, SECOND_KEY] });
  });
  afterEach(async () => {
    closeIdleConnections();
    await em.close();
  });

  it('signs each call with the key the provider returned for it, and records that key', async () => {
    let current: AccessKeyCredentials = DEMO_ACCESS_KEY;
    const h = harness(em);
    const mps = h.mps({ credentials: { getCredentials: async () => current } });

    await mps.listAllMediaBuckets();
    current = WRONG_SECRET;
    const err = await rejection(mps.listAllMediaBuckets());
    assert.ok(err instanceof CloudError);
    assert.equal(err.code, 'SignatureDoesNotMatch');
    current = SECOND_KEY;
    await mps.listAllMediaBuckets();
    current = DEMO_ACCESS_KEY;
    await mps.listAllMediaBuckets();

    assert.deepEqual(
      h.records.map((r) => [r.outcome, r.maskedAccessKeyId]),
      [
        ['succeeded', 'LTAI****0001'],
        ['failed', 'LTAI****0001'],
        ['succeeded', 'LTAI****ey02'],
        ['succeeded', 'LTAI****0001'],
      ],
    );
    const received = em.requests().map((r) => r.accessKeyId);
    assert.deepEqual(received, [DEMO_ACCESS_KEY.accessKeyId, DEMO_ACCESS_KEY.accessKeyId, SECOND_KEY.accessKeyId, DEMO_ACCESS_KEY.accessKeyId]);
  });

  it('validates again when the provider changes the object it returned last time', async () => {
    const shared = { ...DEMO_ACCESS_KEY };
    const h = harness(em);
    const mps = h.mps({ credentials: { getCredentials: async () => shared } });
    await mps.listAllMediaBuckets();

    shared.accessKeyId = 'not an access key';
    const err = await rejection(mps.listAllMediaBuckets());
    assert.ok(err instanceof CloudError);
    assert.equal(err.code, 'InvalidInput.Credentials');
    assert.equal(em.requests().length, 1, 'an invalid key is refused before anything is sent');
  });
});
