// The way issue #22 is tried, in a real workbench: every bucket of a large profile unbound from the Command Palette
// against a gateway 300 ms away (the emulator behind its delaying relay: every exchange and every new connection's
// handshake pays the round trip; Alibaba's per-key QPS enforced),
// while another client on the same key takes 30 % of UnbindOutputBucket's quota — counting calls and failures at
// the server. No speed is asserted (the bench measures that); what must hold is that every bucket is unbound, no
// target fails because of the other client's load, and the other client really was there.
import * as assert from 'node:assert/strict';
import { DEMO_ACCESS_KEY } from '../emulator/server';
import { startOtherClient } from '../support/otherClient';
import { CONTAINER, useOwnEmulatorWorkbench } from './emulatorWorkbench';

const PROFILE = 'ui-far-away';
const COUNT = 300;
const BUCKETS = Array.from({ length: COUNT }, (_, i) => `far-output-${String(i).padStart(3, '0')}`);
const ROUND_TRIP_MS = 300;
/** UnbindOutputBucket's limit is 100 calls a second per key; the other client takes 30 of them. */
const FOREIGN_PER_SEC = 30;

describe('a large unbind far from the region, sharing the quota (UI)', function () {
  this.timeout(180_000);
  const { wb, emulator } = useOwnEmulatorWorkbench({
    profile: { name: PROFILE, outputBuckets: BUCKETS, identities: [] },
    // The emulator's real per-key limits (the other UI suites turn them off), behind its relay (0 ms until the trial).
    emulator: { qpsLimits: {}, networkRttMs: 0 },
  });

  it(`unbinds all ${COUNT} buckets from the palette at ${ROUND_TRIP_MS} ms while another client uses 30 % of the quota: 0 failures`, async () => {
    const em = emulator();
    em.state.replace({ ...em.state.toJSON(), mediaBuckets: BUCKETS.map((bucket) => ({ bucket, type: 'Output' as const })) });
    await wb().openView(CONTAINER);
    await wb().treeItem(PROFILE).waitFor({ state: 'visible', timeout: 30_000 });

    // The other client: a plain pop-core loop on the same key, neither pacing nor retrying, for the whole run.
    const foreign = startOtherClient(em.url, DEMO_ACCESS_KEY, FOREIGN_PER_SEC);

    try {
      em.setNetworkRtt(ROUND_TRIP_MS);
      em.resetStats();
      await wb().runCommand('Alibaba Cloud Media: Unbind Output Bucket');
      // Every configured bucket is offered (none is known unbound yet); tick them all and go.
      await wb().quickInput().getByText(BUCKETS[0], { exact: true }).waitFor({ state: 'visible', timeout: 30_000 });
      await wb().quickInput().getByRole('checkbox', { name: 'Toggle all checkboxes' }).click();
      await wb().quickInput().locator('input.input').first().press('Enter');
      const question = await wb().answerDialog(`Unbind ${COUNT}`);
      assert.match(question, new RegExp(`Unbind ${COUNT} output buckets from MPS\\?`));
      const summary = await wb().waitForNotification(new RegExp(`Unbound ${COUNT} of ${COUNT}`), 120_000);
      assert.doesNotMatch(summary, /failed/, summary);
    } finally {
      foreign.stop();
      em.setNetworkRtt(0);
    }

    // Counted at the server: every bucket unbound, each accepted exactly once by the extension's key.
    const stillBound = em.state.toJSON().mediaBuckets.filter((b) => BUCKETS.includes(b.bucket));
    assert.deepEqual(stillBound, [], 'every bucket is unbound');
    const unbinds = em.requests().filter((r) => r.action === 'UnbindOutputBucket' && BUCKETS.includes(String(r.params.Bucket)));
    const accepted = unbinds.filter((r) => r.outcome === 'OK');
    assert.equal(new Set(accepted.map((r) => r.params.Bucket)).size, COUNT, 'each bucket accepted');
    assert.equal(accepted.length, COUNT, 'and only once: a throttled call is retried, an accepted one never is');
    // The other client was there all along: it sent at its rate for the whole run.
    assert.ok(foreign.sent >= FOREIGN_PER_SEC, `the other client sent ${foreign.sent} calls (${foreign.throttled} throttled)`);
    const throttled = unbinds.filter((r) => r.outcome === 'Throttling.User').length;
    assert.equal(unbinds.length, COUNT + throttled, `${unbinds.length} unbinds sent: ${COUNT} accepted, ${throttled} throttled and retried`);
  });
});
