import { strict as assert } from 'node:assert';
import { COMMANDS } from '../../../src/commandIds';
import { guardCommand, type UnexpectedErrorSinks } from '../../../src/commands/unexpectedErrors';

// The wrapper takes the log and the notification as two small interfaces, so these are the real wrapper with
// recording sinks: no VS Code runs under mocha.
function sinks(answer?: string) {
  const logged: string[] = [];
  const shown: { message: string; items: string[] }[] = [];
  let logShown = 0;
  const sinks: UnexpectedErrorSinks = {
    log: { error: (text) => void logged.push(text), show: () => void logShown++ },
    ui: {
      showErrorMessage: async (message, ...items) => {
        shown.push({ message, items });
        return answer;
      },
    },
  };
  return { sinks, logged, shown, logShown: () => logShown };
}

const SECRET_URL = 'https://mts.cn-shanghai.aliyuncs.com/?AccessKeyId=LTAI5tSecretKeyId0001&Signature=abc%2Bdef';

/** Lets the notification's button promise settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the command wrapper', () => {
  it('passes results and arguments through untouched', async () => {
    const s = sinks();
    const run = guardCommand(s.sinks, COMMANDS.refresh, (arg, selected) => ({ arg, selected }));
    assert.deepEqual(await run('row', ['a']), { arg: 'row', selected: ['a'] });
    assert.deepEqual([s.logged, s.shown], [[], []]);
  });

  it('logs an unexpected throw with its stack and shows it once, with Show Log', async () => {
    const s = sinks('Show Log');
    const run = guardCommand(s.sinks, COMMANDS.undo, () => {
      throw new TypeError('record.target is undefined');
    });
    assert.equal(await run('record-1'), undefined);
    await settle();
    assert.equal(s.logged.length, 1);
    assert.match(s.logged[0] as string, /^alicloudMedia\.undo failed unexpectedly: TypeError: record\.target is undefined\n\s+at /);
    assert.equal(s.shown.length, 1);
    assert.match(s.shown[0]?.message as string, /alicloudMedia\.undo failed unexpectedly: .*record\.target is undefined/);
    assert.deepEqual(s.shown[0]?.items, ['Show Log']);
    assert.equal(s.logShown(), 1, 'the button opens the log');
  });

  it('catches rejections too, and does not open the log unless asked', async () => {
    const s = sinks(undefined);
    const run = guardCommand(s.sinks, COMMANDS.clearHistory, async () => Promise.reject(new RangeError('bad index')));
    assert.equal(await run(), undefined);
    await settle();
    assert.equal(s.shown.length, 1);
    assert.equal(s.logShown(), 0);
  });

  it('answers a programmatic caller with { ok: false, error } and shows nothing', async () => {
    const s = sinks();
    const run = guardCommand(s.sinks, COMMANDS.unbindOutputBucket, () => {
      throw new Error('boom');
    });
    const result = (await run({ profile: 'p', bucket: 'b' })) as { ok: boolean; error: { code: string; message: string } };
    assert.equal(result.ok, false);
    assert.equal(result.error.code, 'UnexpectedError');
    assert.equal(result.error.message, 'boom');
    await settle();
    assert.equal(s.logged.length, 1, 'still logged');
    assert.deepEqual(s.shown, []);
  });

  it('never writes signing values to the log or the notification', async () => {
    const s = sinks();
    const run = guardCommand(s.sinks, COMMANDS.findAccessToApp, () => {
      throw new Error(`request to ${SECRET_URL} failed`);
    });
    await run();
    await settle();
    const everything = [...s.logged, ...s.shown.map((m) => m.message)].join('\n');
    assert.ok(everything.includes('failed unexpectedly'));
    assert.ok(!everything.includes('LTAI5tSecretKeyId0001'), everything);
    assert.ok(!everything.includes('abc%2Bdef'), everything);
  });

  it('reports what is thrown even when it is not an Error', async () => {
    const s = sinks();
    const run = guardCommand(s.sinks, COMMANDS.refresh, () => {
      throw 'plain text';
    });
    await run();
    assert.match(s.logged[0] as string, /failed unexpectedly: plain text$/);
  });
});
