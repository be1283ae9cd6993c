// The shared UI workbench's world: one in-process emulator (started in the mocha process; code-server's extension
// host reaches it on 127.0.0.1) and user settings with two profiles whose endpoints point at it.
//
//   ui-env       credentialSource "environment": code-server (and so the extension host) gets ENV_KEY.
//   ui-keychain  credentialSource "keychain": nothing stored; a scenario types the emulator's demo pair into
//                "Set AccessKey…". The emulator accepts both pairs, so its request log tells the profiles apart.
//
// Each scenario owns different rows (buckets, identities), so they can run one after another on one workbench.
//
//   const wb = useWorkbench(emulatorWorkbench);   const em = await uiEmulator();
import { DEMO_ACCESS_KEY, startEmulator, type EmulatorStateJson, type RunningEmulator } from '../emulator/server';
import { demoState, demoUserId } from '../emulator/demoState';
import type { OpenWorkbenchOptions } from './workbench';

/** The environment profile's pair (not a real credential). */
export const ENV_KEY = Object.freeze({ accessKeyId: 'LTAI5tUiEnvironmentKey01', accessKeySecret: 'UiEnvironmentSecretNotReal000001' });
/** What "Set AccessKey…" is given for the keychain profile: the emulator's demo pair. */
export const KEYCHAIN_KEY = DEMO_ACCESS_KEY;

export const ENV_PROFILE = 'ui-env';
export const KEYCHAIN_PROFILE = 'ui-keychain';
/** Only the keychain profile watches it. */
export const KEYCHAIN_BUCKET = 'media-output-keys';
/** The environment profile's one input bucket: bound, with a Referer its unbind's undo gives back. */
export const INPUT_BUCKET = 'media-input-uploads';
/** VOD names RAM users by UserId; the profile names alice by her login name and the extension resolves it. */
export const ALICE = demoUserId('alice');
/** Alice's row once RAM has said her UserId: `RamUser alice (2037…0001)`. */
export const ALICE_ROW = `RamUser alice (${ALICE.slice(0, 4)}…${ALICE.slice(-4)})`;
/** An identity in an application the emulator does not know: listing its policies fails with InvalidAppId.NotFound. */
export const MISSING_APP = 'app-9999999';
/** Bob, configured by UserId in MISSING_APP. */
export const BOB = demoUserId('bob');
export { DEMO_ACCOUNT_ID } from '../emulator/demoState';

function state(): EmulatorStateJson {
  const s = demoState();
  s.mediaBuckets.push({ bucket: KEYCHAIN_BUCKET, type: 'Output', referer: '' });
  return s;
}

let emulator: Promise<RunningEmulator> | undefined;

/** The run's emulator, started on first use and closed when the run ends. */
export function uiEmulator(): Promise<RunningEmulator> {
  emulator ??= startEmulator({ port: 0, quiet: true, qpsLimits: false, state: state(), accessKeys: [{ ...ENV_KEY }, { ...KEYCHAIN_KEY }] });
  return emulator;
}

if (typeof after === 'function') {
  after(async () => {
    if (emulator) await (await emulator.catch(() => undefined))?.close();
    emulator = undefined;
  });
}

/** Pass to useWorkbench(): every file using it shares one workbench on this emulator. */
export async function emulatorWorkbench(): Promise<OpenWorkbenchOptions> {
  const em = await uiEmulator();
  const endpoints = { mps: em.url, vod: em.url, ram: em.url, sts: em.url };
  return {
    userSettings: {
      // Log lines stay one line each in the Output view, so a RequestId is never split by wrapping.
      '[Log]': { 'editor.wordWrap': 'off' },
      'alicloudMedia.profiles': [
        {
          name: ENV_PROFILE,
          region: 'cn-shanghai',
          credentialSource: 'environment',
          endpoints,
          outputBuckets: ['media-output-demo', 'media-output-archive', 'media-output-thumbs'],
          inputBuckets: [INPUT_BUCKET],
          identities: [
            { identityType: 'RamUser', identityName: 'alice' },
            { identityType: 'RamRole', identityName: 'TranscodeRole' },
            { identityType: 'RamUser', identityName: BOB, appId: MISSING_APP },
          ],
        },
        {
          name: KEYCHAIN_PROFILE,
          region: 'cn-shanghai',
          credentialSource: 'keychain',
          endpoints,
          outputBuckets: [KEYCHAIN_BUCKET],
          identities: [],
        },
      ],
    },
    env: { ALIBABA_CLOUD_ACCESS_KEY_ID: ENV_KEY.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: ENV_KEY.accessKeySecret },
  };
}
