// `npm run demo`'s options: the distance, the large profile and the other client reach the emulator and the
// settings as asked, and a bad value is refused with the option's name before anything starts.
import { strict as assert } from 'node:assert';
import { LARGE_PROFILE, demoSettings, largeBuckets, parseArgs } from '../../../scripts/demo';

describe('npm run demo options', () => {
  it('reads the distance, the large profile and the other client', () => {
    const args = parseArgs(['--latency', '300', '--network-rtt=200', '--large', '1000', '--other-client', '30', '--port', '9000']);
    assert.deepEqual(
      { latency: args.latencyMs, rtt: args.networkRttMs, large: args.large, other: args.otherClientQps, port: args.port },
      { latency: 300, rtt: 200, large: 1000, other: 30, port: 9000 },
    );
    const plain = parseArgs([]);
    assert.deepEqual({ latency: plain.latencyMs, rtt: plain.networkRttMs, large: plain.large, other: plain.otherClientQps }, { latency: 0, rtt: undefined, large: 0, other: 0 });
  });

  it('refuses what is not a whole number in range, naming the option', () => {
    for (const [argv, words] of [
      [['--latency', '-5'], /--latency needs a whole number/],
      [['--network-rtt', 'far'], /--network-rtt needs a whole number/],
      [['--large', '5001'], /--large needs a whole number from 0 to 5000/],
      [['--other-client'], /--other-client needs a whole number.*got nothing/],
      [['--faraway'], /unknown option --faraway/],
    ] as const) {
      assert.throws(() => parseArgs([...argv]), words, argv.join(' '));
    }
  });

  it('adds the large profile only when asked, with exactly its buckets', () => {
    const profiles = (settings: object) => (settings as { 'alicloudMedia.profiles': { name: string; outputBuckets: string[] }[] })['alicloudMedia.profiles'];
    assert.ok(!profiles(demoSettings('http://127.0.0.1:1')).some((p) => p.name === LARGE_PROFILE));
    const large = profiles(demoSettings('http://127.0.0.1:1', largeBuckets(3))).find((p) => p.name === LARGE_PROFILE);
    assert.deepEqual(large?.outputBuckets, ['large-output-0001', 'large-output-0002', 'large-output-0003']);
  });
});
