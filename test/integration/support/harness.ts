// Shared by the extension-host test files (each bundles its own copy): the extension under test, its settings,
// an in-process emulator, the revocation commands' result shapes, and where VS Code writes its files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEMO_ACCESS_KEY, startEmulator, type EmulatorOptions, type ReceivedRequest, type RunningEmulator } from '../../emulator/server';

export { DEMO_ACCESS_KEY };
export type { ReceivedRequest, RunningEmulator };

export { EXTENSION_ID } from './startup';
import { EXTENSION_ID } from './startup';
import type * as Results from '../../../src/commands/results';
import type { ResultError } from '../../../src/commands/results';
import { waitFor } from '../../support/wait';
export const REGION = 'cn-shanghai';

/** What `activate()` returns (src/extension.ts AlicloudMediaApi), as a test sees it. */
export interface ExtensionApi {
  readonly onDidRecordCall: vscode.Event<CallRecordLike>;
  readonly resources: Pick<vscode.TreeDataProvider<unknown>, 'getChildren' | 'getTreeItem' | 'onDidChangeTreeData'>;
}

export interface CallRecordLike {
  readonly action: string;
  readonly target: string;
  readonly profile?: string;
  readonly outcome: string;
  readonly requestId?: string;
  readonly attempts: number;
}

export async function extensionApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return ext.activate();
}

// ------------------------------------------------------------------------------------------------ results

// The extension's own result types, read loosely: a test looks at `error` or `requestId` without narrowing first,
// and an assertion fails if the field is not there.
type Loose<T> = { [K in T extends unknown ? keyof T : never]?: T extends { [P in K]?: infer V } ? V : never } & { ok: boolean };
export type { ResultError };
export type UnbindResult = Loose<Results.UnbindResult>;
export type BulkUnbindResult = Results.BulkUnbindResult & { error?: ResultError };
export type DetachResult = Loose<Results.DetachResult>;
export type BulkDetachResult = Results.BulkDetachResult & { error?: ResultError };
export type EditResult = Loose<Results.EditResult>;

export function unbind(arg: unknown): Thenable<UnbindResult> {
  return vscode.commands.executeCommand<UnbindResult>('alicloudMedia.unbindOutputBucket', arg);
}

export function unbindMany(arg: { profile: string; buckets: string[] }): Thenable<BulkUnbindResult> {
  return vscode.commands.executeCommand<BulkUnbindResult>('alicloudMedia.unbindOutputBucket', arg);
}

export function detach(arg: unknown): Thenable<DetachResult> {
  return vscode.commands.executeCommand<DetachResult>('alicloudMedia.detachAppPolicy', arg);
}

export function detachMany(arg: { profile: string; identities: unknown[] }): Thenable<BulkDetachResult> {
  return vscode.commands.executeCommand<BulkDetachResult>('alicloudMedia.detachAppPolicy', arg);
}

export function setCredentials(profile: string, key: { accessKeyId: string; accessKeySecret: string; securityToken?: string }): Thenable<EditResult> {
  return vscode.commands.executeCommand<EditResult>('alicloudMedia.setCredentials', { profile, ...key });
}

export function clearCredentials(profile: string): Thenable<EditResult> {
  return vscode.commands.executeCommand<EditResult>('alicloudMedia.clearCredentials', { profile });
}

// ------------------------------------------------------------------------------------------------ settings

export interface ProfileSetting {
  name: string;
  region?: string;
  site?: 'china' | 'international';
  credentialSource?: 'keychain' | 'environment' | 'aliyun-cli';
  cliProfile?: string;
  assumeRole?: { roleArn: string; sessionName?: string; durationSeconds?: number; externalId?: string };
  endpoints?: { mps?: string; vod?: string; ram?: string; sts?: string; actiontrail?: string };
  outputBuckets?: string[];
  inputBuckets?: string[];
  identities?: { identityType: 'RamUser' | 'RamRole'; identityName: string; appId?: string }[];
}

/** Every product at the emulator: MPS and VOD, RAM (user names → UserIds) and STS (the account). */
export function emulatorEndpoints(emulator: RunningEmulator): { mps: string; vod: string; ram: string; sts: string; actiontrail: string } {
  return { mps: emulator.url, vod: emulator.url, ram: emulator.url, sts: emulator.url, actiontrail: emulator.url };
}

/** A profile pointed at the emulator for every product. */
export function emulatorProfile(emulator: RunningEmulator, p: ProfileSetting): ProfileSetting {
  return { region: REGION, endpoints: emulatorEndpoints(emulator), ...p };
}

/** Replaces alicloudMedia.profiles in user settings (the only level the extension reads). */
export async function setProfiles(profiles: ProfileSetting[] | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('alicloudMedia').update('profiles', profiles, vscode.ConfigurationTarget.Global);
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('alicloudMedia').update(key, value, vscode.ConfigurationTarget.Global);
}

// ------------------------------------------------------------------------------------------------ emulator

/** An emulator for one test file: the demo state and keys unless given, no QPS limits (the suite is not a load test). */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, quiet: true, qpsLimits: false, ...options });
}

/**
 * An emulator that also serves TLS with the certificate whose CA the runner gave this process in
 * NODE_EXTRA_CA_CERTS (test/vscode/runIntegration.ts cliTestEnvironment): what @alicloud/credentials' https-only STS
 * calls need.
 */
export function startTlsTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const dir = process.env.ALICLOUD_TEST_EMULATOR_TLS_DIR;
  if (!dir || !process.env.NODE_EXTRA_CA_CERTS) throw new Error('the runner did not set up TLS for the extension host (ALICLOUD_TEST_EMULATOR_TLS_DIR, NODE_EXTRA_CA_CERTS)');
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  return startTestEmulator({ ...options, tls: true, tlsMaterial: { caCert: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') } });
}

/**
 * The aliyun CLI's config file in this host's HOME, which the runner made a temporary folder: refuses to touch any
 * other (a developer's real ~/.aliyun).
 */
export function cliConfigFile(): string {
  const home = os.homedir();
  const runnerHome = process.env.HOME ?? '';
  if (!runnerHome || home !== runnerHome || !path.basename(home).startsWith('vscode-test-home-')) {
    throw new Error(`HOME (${home}) is not the runner's temporary folder: refusing to write an aliyun CLI config there`);
  }
  return path.join(home, '.aliyun', 'config.json');
}

export function writeCliConfig(config: unknown): void {
  const file = cliConfigFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config, null, 2), { mode: 0o600 });
}

export function removeCliConfig(): void {
  fs.rmSync(path.dirname(cliConfigFile()), { recursive: true, force: true });
}

// Temporary keys the emulator issued during the suite, kept for the secret scan (secrets.test.ts), which runs in
// the same extension host but from its own bundle: a registry on globalThis is what both bundles see.
const ISSUED = Symbol.for('alicloudMedia.test.issuedSecrets');

/** Remembers every secret and token `emulator` issued, before it closes. */
export function rememberIssuedSecrets(emulator: RunningEmulator): void {
  const store = ((globalThis as Record<symbol, Set<string>>)[ISSUED] ??= new Set<string>());
  for (const c of emulator.sts.issued()) {
    store.add(c.accessKeySecret);
    store.add(c.securityToken);
  }
}

export function issuedSecrets(): string[] {
  return [...((globalThis as Record<symbol, Set<string>>)[ISSUED] ?? [])];
}

/** The requests of one action the emulator received since `since` (an index into requests()). */
export function requestsOf(emulator: RunningEmulator, action: string, since = 0): ReceivedRequest[] {
  return emulator.requests().slice(since).filter((r) => r.action === action);
}

/** Asserts `request` is a v1-signed POST the emulator accepted, signed with `accessKeyId`. */
export function assertAcceptedAndSigned(request: ReceivedRequest | undefined, accessKeyId: string): void {
  assert.ok(request, 'the emulator received no such request');
  assert.equal(request.status, 200, `answered ${request.status} ${request.outcome}`);
  assert.equal(request.outcome, 'OK');
  assert.equal(request.accessKeyId, accessKeyId);
  assert.equal(request.signatureVersion, 'v1');
  assert.equal(request.method, 'POST');
  assert.match(request.requestId ?? '', /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
}

// ------------------------------------------------------------------------------------------------ environment

/** Every variable the extension reads credentials from (src/credentials/environment.ts). */
export const CREDENTIAL_VARIABLES = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN',
  'ALIBABACLOUD_ACCESS_KEY_ID', 'ALIBABACLOUD_ACCESS_KEY_SECRET', 'ALIBABACLOUD_SECURITY_TOKEN',
  'ALICLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY_SECRET', 'ALICLOUD_SECURITY_TOKEN',
  'ALICLOUD_ACCESS_KEY', 'ALICLOUD_SECRET_KEY',
] as const;

/**
 * Snapshot of the credential variables of this process (the extension host, which the extension reads at call
 * time); `restore()` puts them back exactly, including absent ones.
 */
export function saveCredentialEnvironment(): { restore(): void } {
  const saved = new Map(CREDENTIAL_VARIABLES.map((k) => [k, process.env[k]]));
  return {
    restore() {
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}

export function clearCredentialEnvironment(): void {
  for (const k of CREDENTIAL_VARIABLES) delete process.env[k];
}

// ------------------------------------------------------------------------------------------------ waiting

export { waitFor };


// ------------------------------------------------------------------------------------------------ files VS Code writes

/**
 * The user-data directory of the VS Code this host belongs to. code-server puts its session socket there and
 * passes the path to the extension host as CODE_SERVER_SESSION_SOCKET; the desktop runner passes the directory
 * itself as VSCODE_TEST_USER_DATA_DIR.
 */
export function userDataDir(): string {
  const explicit = process.env.VSCODE_TEST_USER_DATA_DIR;
  if (explicit) return explicit;
  const socket = process.env.CODE_SERVER_SESSION_SOCKET;
  if (socket) return path.dirname(socket);
  throw new Error('cannot locate the user-data directory: set VSCODE_TEST_USER_DATA_DIR for the extension host');
}

/**
 * The file the extension's LogOutputChannel writes, in the extension's log folder (its logUri) inside the window's
 * logs: `<user-data>/logs/<session>/exthost<N>/<extension id>/<channel>.log` in code-server,
 * `…/<session>/window<N>/exthost/<extension id>/<channel>.log` on desktop. The most recently written one wins.
 */
export function logChannelFile(channel = 'Alibaba Cloud Media'): string | undefined {
  const logs = path.join(userDataDir(), 'logs');
  if (!fs.existsSync(logs)) return undefined;
  const suffix = path.join(EXTENSION_ID, `${channel}.log`);
  const found = (fs.readdirSync(logs, { recursive: true }) as string[])
    .filter((f) => f.endsWith(suffix) && /exthost/.test(f))
    .map((f) => path.join(logs, f));
  return found.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}

export function readLog(): string {
  const file = logChannelFile();
  return file ? fs.readFileSync(file, 'utf8') : '';
}

/** Waits until the log channel's file contains every one of `needles` (the channel writes asynchronously). */
export function waitForLog(needles: string[], timeoutMs = 5000): Promise<string> {
  return waitFor(() => {
    const text = readLog();
    return needles.every((n) => text.includes(n)) ? text : undefined;
  }, `log lines containing ${needles.join(' | ')}`, timeoutMs);
}

// ------------------------------------------------------------------------------------------------ secrets

/**
 * Every AccessKey secret and security token this suite uses (the emulator's demo secret included) contains
 * "NotReal" followed by digits, so one pattern finds any of them in whatever VS Code or the extension wrote.
 */
export const TEST_SECRET_PATTERN = /[A-Za-z]+NotReal\d+/;
