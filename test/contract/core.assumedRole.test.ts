// A role assumed through the emulator's STS with the core's own StsClient: the AssumeRole call is a recorded call
// with its RequestId, MPS calls sign with the temporary key and its token and name the role, the key is renewed
// a fifth of its lifetime (at most five minutes) before it lapses whatever the local clock's skew, and a token the
// server calls expired gets exactly one renewal.
import { strict as assert } from 'node:assert';
import { AssumedRoleCredentials, RENEWAL_MARGIN_MS } from '../../src/cloud/assumedRole';
import { CloudError } from '../../src/cloud/errors';
import { StsClient } from '../../src/cloud/sts';
import type { AccessKeyCredentials, CallRecord } from '../../src/cloud/types';
import { DEMO_ACCOUNT_ID } from '../emulator/demoState';
import { DEMO_RAM_USER_KEY } from '../emulator/server';
import { emulatorPerTest, rejection } from './core.helpers';

const ROLE = `acs:ram::${DEMO_ACCOUNT_ID}:role/transcoderole`;
const BASE: AccessKeyCredentials = { ...DEMO_RAM_USER_KEY, origin: { source: 'keychain', refreshHint: "Run 'Set AccessKey…' again." } };

describe('core assumed role (emulator STS)', () => {
  const ctx = emulatorPerTest();

  function setup(o: { durationSeconds?: number; now?: () => number; base?: AccessKeyCredentials } = {}) {
    const base = { getCredentials: async () => o.base ?? BASE };
    const sts = new StsClient(ctx.h.options({ credentials: base }));
    const role = new AssumedRoleCredentials(
      { roleArn: ROLE, sessionName: 'vscode-contract', durationSeconds: o.durationSeconds ?? 3600 },
      base,
      (request) => sts.assumeRole(request),
      o.now,
    );
    return { role, mps: ctx.h.mps({ credentials: role }) };
  }

  const recordsOf = (action: string): CallRecord[] => ctx.h.records.filter((r) => r.action === action);

  it('AssumeRole is recorded with its RequestId; MPS signs with the STS key and names source, role and session', async () => {
    const { role, mps } = setup();
    await mps.listAllMediaBuckets();
    const [assume] = recordsOf('AssumeRole');
    assert.equal(assume.outcome, 'succeeded');
    assert.match(assume.requestId ?? '', /^[0-9A-F-]{36}$/);
    assert.deepEqual(assume.params, { RoleArn: ROLE, RoleSessionName: 'vscode-contract', DurationSeconds: '3600' });
    assert.deepEqual(assume.credential, { source: 'keychain' });
    assert.ok(!JSON.stringify(ctx.h.records).includes('CAIS'), 'no token in any record');
    const [list] = recordsOf('ListAllMediaBucket');
    assert.match(list.maskedAccessKeyId ?? '', /^STS\./);
    assert.deepEqual(list.credential, { source: 'keychain', roleArn: ROLE, sessionName: 'vscode-contract' });
    const sent = ctx.em.requests().find((r) => r.action === 'ListAllMediaBucket');
    assert.ok(sent?.accessKeyId?.startsWith('STS.'));
    assert.ok(role.expiration(), 'the expiry is known for the tree');
  });

  it('reuses the key until five minutes before its Expiration, then assumes the role again', async () => {
    let now = Date.now();
    const { mps, role } = setup({ now: () => now });
    await mps.listAllMediaBuckets();
    await mps.listAllMediaBuckets();
    const expiration = role.expiration();
    assert.equal(recordsOf('AssumeRole').length, 1);
    const expiresAt = Date.parse(expiration!);
    now = expiresAt - RENEWAL_MARGIN_MS - 1000;
    await mps.listAllMediaBuckets();
    assert.equal(recordsOf('AssumeRole').length, 1, 'still outside the margin');
    now = expiresAt - RENEWAL_MARGIN_MS + 1000;
    await mps.listAllMediaBuckets();
    assert.equal(recordsOf('AssumeRole').length, 2, 'renewed inside the margin');
    const keys = new Set(ctx.em.requests().filter((r) => r.action === 'ListAllMediaBucket').map((r) => r.accessKeyId));
    assert.equal(keys.size, 2, 'the renewed key signs the calls after it');
  });

  it('a 15-minute session is used for 12 minutes, whatever the local clock says: one AssumeRole for 20 listings', async () => {
    // A clock 20 minutes ahead with many listings (each used to assume the role again); the others with a few, as
    // ListAllMediaBucket's quota paces them at 10 a second.
    for (const [skewMs, listings] of [[20 * 60_000, 20], [0, 4], [-20 * 60_000, 4]]) {
      const before = recordsOf('AssumeRole').length;
      const start = Date.now() + skewMs;
      let now = start;
      const { mps } = setup({ durationSeconds: 900, now: () => now });
      for (let i = 0; i < listings; i += 1) {
        now = start + i * Math.floor(600_000 / listings); // spread over ten minutes
        await mps.listAllMediaBuckets();
      }
      assert.equal(recordsOf('AssumeRole').length - before, 1, `clock skew ${skewMs} ms`);
      now = start + 12 * 60_000 + 1000;
      await mps.listAllMediaBuckets();
      assert.equal(recordsOf('AssumeRole').length - before, 2, `renewed after 12 minutes (skew ${skewMs} ms)`);
    }
  });

  it('an expired token is renewed once and the call goes through with the new key', async () => {
    const { mps } = setup();
    await mps.listAllMediaBuckets();
    ctx.em.sts.advanceClock(2 * 3600_000);
    await mps.listAllMediaBuckets();
    assert.equal(recordsOf('AssumeRole').length, 2);
    const outcomes = ctx.em.requests().filter((r) => r.action === 'ListAllMediaBucket').map((r) => r.outcome);
    assert.deepEqual(outcomes, ['OK', 'InvalidSecurityToken.Expired', 'OK']);
    const last = recordsOf('ListAllMediaBucket').at(-1)!;
    assert.equal(last.outcome, 'succeeded');
    assert.equal(last.attempts, 2);
  });

  it('when the renewed token is refused too, the call fails once more and says what to refresh', async () => {
    const { mps } = setup();
    // Keys live one second and MPS answers after 1.5: every token has expired by the time MPS checks it.
    ctx.em.sts.setCredentialLifetime(1);
    ctx.em.setFault('ListAllMediaBucket', { latencyMs: 1500 });
    const err = await rejection(mps.listAllMediaBuckets());
    assert.ok(err instanceof CloudError);
    assert.equal(err.code, 'InvalidSecurityToken.Expired');
    assert.match(err.message, /assumed again once .* check role acs:ram::\d+:role\/transcoderole, then run 'Set AccessKey…' again/);
    const sent = ctx.em.requests().filter((r) => r.action === 'ListAllMediaBucket').map((r) => r.outcome);
    assert.deepEqual(sent, ['InvalidSecurityToken.Expired', 'InvalidSecurityToken.Expired'], 'one renewal, not a loop');
    assert.equal(recordsOf('AssumeRole').length, 2);
  });

  it('an unknown role fails with EntityNotExist.Role and sends nothing to MPS', async () => {
    const base = { getCredentials: async () => BASE };
    const sts = new StsClient(ctx.h.options({ credentials: base }));
    const role = new AssumedRoleCredentials({ roleArn: `acs:ram::${DEMO_ACCOUNT_ID}:role/nosuchrole`, sessionName: 'vscode-contract', durationSeconds: 3600 }, base, (r) => sts.assumeRole(r));
    const err = await rejection(ctx.h.mps({ credentials: role }).listAllMediaBuckets());
    assert.ok(err instanceof CloudError);
    assert.equal(err.code, 'EntityNotExist.Role');
    assert.ok(!ctx.em.requests().some((r) => r.action === 'ListAllMediaBucket'));
    const mpsRecord = recordsOf('ListAllMediaBucket')[0];
    assert.equal(mpsRecord.attempts, 0);
  });

  it('a keychain STS token the server calls expired is not retried, and the message says to set the key again', async () => {
    const sts = new StsClient(ctx.h.options({ credentials: { getCredentials: async () => BASE } }));
    const issued = await sts.assumeRole({ roleArn: ROLE, sessionName: 'pasted-token', durationSeconds: 900 });
    const pasted: AccessKeyCredentials = { ...issued.credentials, origin: BASE.origin };
    ctx.em.sts.advanceClock(3600_000);
    const err = await rejection(ctx.h.mps({ credentials: { getCredentials: async () => pasted } }).listAllMediaBuckets());
    assert.ok(err instanceof CloudError);
    assert.equal(err.code, 'InvalidSecurityToken.Expired');
    assert.match(err.message, /Run 'Set AccessKey…' again\.$/);
    assert.equal(ctx.em.requests().filter((r) => r.action === 'ListAllMediaBucket').length, 1);
  });
});
