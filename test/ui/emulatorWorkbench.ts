// The UI suites' emulator-plus-workbench bootstraps, in one place:
//   - useEmulatorWorkbench(): the shared workbench (every file using it shares one code-server and browser) on the
//     run's one in-process emulator (started in the mocha process; code-server's extension host reaches it on
//     127.0.0.1), reset and showing the extension's view before each test;
//   - useOwnEmulatorWorkbench(): for a suite that needs settings of its own (another display language, a profile
//     of its own): a workbench and an emulator started for it and closed after it.
// The shared workbench's user settings hold two profiles whose endpoints point at the emulator.
//
//   ui-env       credentialSource "environment": code-server (and so the extension host) gets ENV_KEY.
//   ui-keychain  credentialSource "keychain": nothing stored; a scenario types the emulator's demo pair into
//                "Set AccessKey…". The emulator accepts both pairs, so its request log tells the profiles apart.
//
// Each scenario owns different rows (buckets, identities), so they can run one after another on one workbench.
//
//   const { wb, emulator } = useEmulatorWorkbench();   it('…', async () => { await wb().treeItem(…); emulator().requests() … });
import * as assert from 'node:assert/strict';
import { DEMO_ACCESS_KEY, startEmulator, type EmulatorOptions, type EmulatorStateJson, type RunningEmulator } from '../emulator/server';
import { demoState, demoUserId } from '../emulator/demoState';
import { openWorkbench, saveArtifactsOnFailure, useWorkbench, type OpenWorkbenchOptions, type Workbench } from './workbench';

/** What the view container is called in the activity bar (English). */
export const CONTAINER = 'Alibaba Cloud Media';

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
  const endpoints = { mps: em.url, vod: em.url, ram: em.url, sts: em.url, actiontrail: em.url };
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

export interface EmulatorWorkbench {
  readonly wb: () => Workbench;
  readonly emulator: () => RunningEmulator;
}

function opened<T>(value: () => T | undefined, what: string): () => T {
  return () => value() ?? assert.fail(`${what} not started (did before() fail?)`);
}

/** Call inside describe(): the shared workbench on the run's emulator, reset and showing the view before each test. */
export function useEmulatorWorkbench(): EmulatorWorkbench {
  const wb = useWorkbench(emulatorWorkbench);
  let em: RunningEmulator | undefined;
  before(async () => {
    em = await uiEmulator();
  });
  beforeEach(async () => {
    await wb().reset();
    await wb().openView(CONTAINER);
  });
  return { wb, emulator: opened(() => em, 'the emulator') };
}

export interface OwnWorkbenchOptions {
  /** The one profile's settings besides name-independent defaults (cn-shanghai, environment key, the emulator). */
  readonly profile: Readonly<Record<string, unknown>> & { readonly name: string };
  /** More user settings. */
  readonly userSettings?: Readonly<Record<string, unknown>>;
  /** Display language, e.g. `zh-cn`. */
  readonly locale?: string;
  /** The Output channel whose text a failed test saves. */
  readonly outputChannel?: string;
  /** Emulator options besides port 0 and quiet (default: no QPS limits). */
  readonly emulator?: Partial<EmulatorOptions>;
}

/**
 * Call inside describe(): a fresh emulator (the demo state) and a workbench of the suite's own whose one profile
 * points at it and reads the emulator's demo AccessKey from the environment; both closed after the suite.
 */
export function useOwnEmulatorWorkbench(o: OwnWorkbenchOptions): EmulatorWorkbench {
  let em: RunningEmulator | undefined;
  let wb: Workbench | undefined;
  before(async function () {
    this.timeout(180_000);
    em = await startEmulator({ port: 0, quiet: true, qpsLimits: false, ...o.emulator });
    const endpoints = { mps: em.url, vod: em.url, ram: em.url, sts: em.url, actiontrail: em.url };
    wb = await openWorkbench({
      ...(o.locale ? { locale: o.locale } : {}),
      userSettings: { ...o.userSettings, 'alicloudMedia.profiles': [{ region: 'cn-shanghai', credentialSource: 'environment', endpoints, ...o.profile }] },
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY.accessKeySecret },
    });
  });
  after(async () => {
    await wb?.close();
    await em?.close();
    wb = undefined;
    em = undefined;
  });
  saveArtifactsOnFailure(() => wb, o.outputChannel);
  return { wb: opened(() => wb, 'the workbench'), emulator: opened(() => em, 'the emulator') };
}
