// Credentials from an aliyun CLI profile, through Alibaba's @alicloud/credentials, read at call time. Bundled into
// its own lazily loaded file (esbuild.js LAZY_BUNDLES, reached only through cliSource.ts), so neither the library
// nor this code loads for anyone whose profiles do not say `credentialSource: "aliyun-cli"`. No VS Code import.
//
// Each call re-reads config.json, checks the chosen profile (cliConfig.ts) and every host it would contact
// (cliHosts.ts) before the library sees it. The library's providers are kept while the profile's definition is
// unchanged, and their answer is held for its lifetime (one External run or AssumeRole per lifetime, one in flight
// per CLI profile); they are rebuilt as soon as the definition changes, so a key rotated with `aliyun configure`
// signs the next call, and dropped when the CLI profile leaves the file or no extension profile reads it any more.
// Nothing read here is written anywhere by this extension, config.json included.
//
// Role modes (RamRoleArn, ChainableRamRoleArn), OIDC and External are composed here from the library's providers,
// as its CLI provider does, with what it drops honoured (`external_id`, `sts_endpoint` everywhere, an STS base key's
// token) and the STS host always given explicitly. The other modes go to the library's CLIProfileCredentialsProvider.

import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CloudError, redactText, type AccessKeyCredentials, type CredentialOrigin } from '../cloud';
import { classify } from '../cloud/popCoreErrors';
import { renewAt } from '../cloud/assumedRole';
import { checkCliHosts, stsHostOf, type CliRoute } from './cliHosts';
import {
  cliConfigPath,
  configureCommand,
  describeCliProblem,
  parseCliConfig,
  resolveCliProfile,
  ROLE_MODES,
  shownPath,
  WRITTEN_BACK_FIELDS,
  type CliMode,
  type CliProblem,
  type CliProfileEntry,
} from './cliConfig';

/** The part of the library's providers used here: all of them answer getCredentials(). */
interface LibraryProvider {
  getCredentials(): Promise<{ accessKeyId: string; accessKeySecret: string; securityToken?: string }>;
  getProviderName(): string;
}

interface LibraryBuilder {
  build(): LibraryProvider;
  [method: string]: unknown;
}

// Required from their own files, not the package's index, which also loads the default chain (ECS metadata probe,
// URI provider) this extension never uses: about a third less code in the lazy bundle.
const { default: CLIProfileCredentialsProvider } = require('@alicloud/credentials/dist/src/providers/cli_profile') as {
  default: { builder(): LibraryBuilder & { withProfileName(name: string): LibraryBuilder } };
};
const { default: RAMRoleARNCredentialsProvider } = require('@alicloud/credentials/dist/src/providers/ram_role_arn') as {
  default: { builder(): LibraryBuilder };
};
const { default: StaticAKCredentialsProvider } = require('@alicloud/credentials/dist/src/providers/static_ak') as {
  default: { builder(): LibraryBuilder };
};
const { default: StaticSTSCredentialsProvider } = require('@alicloud/credentials/dist/src/providers/static_sts') as {
  default: { builder(): LibraryBuilder };
};
const { default: OIDCRoleArnCredentialsProvider } = require('@alicloud/credentials/dist/src/providers/oidc_role_arn') as {
  default: { builder(): LibraryBuilder };
};
const { default: ExternalCredentialsProvider } = require('@alicloud/credentials/dist/src/providers/external') as {
  default: { builder(): LibraryBuilder };
};

export const CLI_PROFILE_UNUSABLE = 'CliProfileUnusable';

export interface CliRequest {
  /** The extension profile asking, so its sessions are dropped when it is removed or reads another CLI profile. */
  readonly owner?: string;
  /** The extension profile's `cliProfile`; undefined: what the CLI would pick. */
  readonly cliProfile?: string;
  /** Where `.aliyun/config.json` is looked for: os.homedir(), as the library does. */
  readonly home: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** What the tree shows about a CLI profile without exposing anything secret. */
export interface CliCredentials {
  readonly credentials: AccessKeyCredentials;
  readonly profile: string;
  readonly mode: string;
  /** What the profile contacts (host or program), for confirmations. */
  readonly route: CliRoute;
}

interface Held {
  readonly answer: LibraryAnswer;
  readonly expiration?: string;
  readonly renewAt: number;
}

interface Built {
  readonly key: string;
  readonly provider: LibraryProvider;
  /** The last answer, reused until renewAt: an External command runs once per credential lifetime, not per call. */
  held?: Held;
  /** The run in flight: callers meanwhile wait for it, so one command or AssumeRole runs at a time per profile. */
  pending?: Promise<Held>;
  /** Extension profiles reading it, with the cliProfile each asked for (undefined: what the CLI picks). */
  readonly owners: Map<string, string | undefined>;
}

type LibraryAnswer = Awaited<ReturnType<LibraryProvider['getCredentials']>>;

/** One built provider per chosen CLI profile; few users have more than a handful. */
const built = new Map<string, Built>();
const MAX_BUILT = 16;

/** The library's messages can quote a whole STS answer or a command's output: only this much is ever read. */
const MAX_ERROR_TEXT = 8192;

/** Forgets every built provider (and the temporary keys their sessions hold): on deactivate and in tests. */
export function forgetCliProviders(): void {
  built.clear();
}

/**
 * After the settings changed: keeps the providers (and their sessions and keys) only for extension profiles that
 * still read the same CLI profile; one that was removed, or now names another CLI profile, lets go of its own.
 */
export function retainCliProviders(profiles: readonly { readonly name: string; readonly cliProfile?: string }[]): void {
  const still = new Map(profiles.map((p) => [p.name, p.cliProfile]));
  for (const [name, entry] of built) {
    for (const [owner, requested] of entry.owners) {
      if (!still.has(owner) || still.get(owner) !== requested) entry.owners.delete(owner);
    }
    if (entry.owners.size === 0) built.delete(name);
  }
}

/** What a call for the profile would contact, for the confirmation; throws like cliCredentials, sends nothing. */
export async function cliRoute(request: CliRequest): Promise<CliRoute> {
  return (await readChain(request)).route;
}

export async function cliCredentials(request: CliRequest): Promise<CliCredentials> {
  const { chain, shown, route } = await readChain(request);
  const head = chain[0];
  const entry = providerFor(chain, request);
  let held: Held;
  try {
    held = await heldAnswer(entry);
  } catch (e) {
    // A provider that failed keeps nothing worth reusing (a half-made session, a failed command).
    if (built.get(head.name) === entry) built.delete(head.name);
    throw libraryError(e, head, shown, secretsOf(chain));
  }
  const answer = held.answer;
  if (!answer?.accessKeyId || !answer.accessKeySecret) {
    throw unusable({ file: shown, profile: head.name, mode: head.mode, problem: l10n.t('the library returned no AccessKey for it.') });
  }
  return {
    credentials: {
      accessKeyId: answer.accessKeyId,
      accessKeySecret: answer.accessKeySecret,
      ...(answer.securityToken ? { securityToken: answer.securityToken } : {}),
      origin: originOf(head, held.expiration),
    },
    profile: head.name,
    mode: head.mode,
    route,
  };
}

/**
 * Reads config.json now, resolves the chosen profile and checks every host it would contact. Throws the
 * profile's CloudError for anything wrong, before the library is asked anything.
 */
async function readChain(request: CliRequest): Promise<{ chain: readonly CliProfileEntry[]; shown: string; route: CliRoute }> {
  const file = cliConfigPath(request.home);
  const shown = shownPath(file, request.home);
  const named = request.cliProfile ? { profile: request.cliProfile } : {};
  if (request.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED?.toLowerCase() === 'true') {
    throw unusable({
      file: shown,
      ...named,
      problem: l10n.t('CLI profiles are turned off by ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true in the environment VS Code was started in.'),
    });
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? l10n.t('the file does not exist (run `aliyun configure` first).') : l10n.t('the file cannot be read ({0}).', code ?? 'error');
    throw unusable({ file: shown, ...named, problem });
  }
  const config = parseCliConfig(text, shown);
  if (!config.ok) throw unusable(config.problem);
  // A CLI profile gone from the file takes its session and keys with it.
  for (const name of built.keys()) if (!config.value.profiles.some((p) => p.name === name)) built.delete(name);
  const chain = resolveCliProfile(config.value, request.cliProfile, request.env, shown);
  if (!chain.ok) throw unusable(chain.problem);
  const head = chain.value[0];
  const hosts = checkCliHosts(chain.value, request.env);
  if (!hosts.ok) {
    built.delete(head.name);
    throw unusable({ file: shown, profile: head.name, mode: head.mode, problem: hosts.problem });
  }
  return { chain: chain.value, shown, route: hosts.route };
}

/** The held answer while it is fresh, else one run of the library (shared by every caller that asks meanwhile). */
async function heldAnswer(entry: Built): Promise<Held> {
  const held = entry.held;
  if (held && Date.now() < held.renewAt) return held;
  entry.pending ??= (async () => {
    const askedAt = Date.now();
    const answer = await entry.provider.getCredentials();
    const expiration = sessionExpiration(entry.provider);
    const next: Held = { answer, ...(expiration ? { expiration } : {}), renewAt: renewAt(askedAt, expiration ? Date.parse(expiration) : Number.NaN) };
    entry.held = next;
    return next;
  })().finally(() => {
    entry.pending = undefined;
  });
  return entry.pending;
}

function originOf(head: CliProfileEntry, expiration: string | undefined): CredentialOrigin {
  const role = head.mode === 'RamRoleArn' || head.mode === 'ChainableRamRoleArn' || head.mode === 'OIDC';
  return {
    source: `aliyun-cli:${head.name}`,
    ...(role ? { roleArn: String(head.fields.ram_role_arn), sessionName: String(head.fields.ram_session_name ?? '') || undefined } : {}),
    ...(expiration ? { expiration } : {}),
    refreshHint: l10n.t('Refresh aliyun CLI profile "{0}" (run `{1}`).', head.name, configureCommand(head.name)),
  };
}

/**
 * The library's session providers (roles, OIDC, External) keep their session (with its Expiration) on the
 * instance, undocumented: read it if it is there, so the key is held for its lifetime and the tree can say when it
 * expires, and do without it otherwise.
 */
function sessionExpiration(provider: LibraryProvider): string | undefined {
  const session = (provider as { session?: { expiration?: unknown } }).session;
  const value = session?.expiration;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return undefined;
  return new Date(Date.parse(value)).toISOString();
}

/** The cached provider when the chain reads as it did when it was built, else a new one. */
function providerFor(chain: readonly CliProfileEntry[], request: CliRequest): Built {
  const head = chain[0];
  const key = definitionKey(chain, request.env);
  let entry = built.get(head.name);
  if (entry?.key !== key) {
    entry = { key, provider: build(chain, 0, request.env), owners: new Map() };
    built.delete(head.name);
    if (built.size >= MAX_BUILT) built.delete(built.keys().next().value as string);
    built.set(head.name, entry);
  }
  if (request.owner !== undefined) entry.owners.set(request.owner, request.cliProfile);
  return entry;
}

/**
 * A hash of what defines the chain, the environment variables that shape it included. For OAuth profiles the
 * library writes refreshed tokens back into the file; those fields are left out, or every write-back would throw
 * away the session it just made.
 */
function definitionKey(chain: readonly CliProfileEntry[], env: CliRequest['env']): string {
  const hash = createHash('sha256');
  for (const entry of chain) {
    const writesBack = entry.mode === 'External' || entry.mode === 'OAuth';
    const fields = Object.entries(entry.fields)
      .filter(([k]) => !(writesBack && (WRITTEN_BACK_FIELDS as readonly string[]).includes(k)))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    hash.update(JSON.stringify(fields)).update('\u0000');
  }
  hash.update(stsHostsOf(chain, env));
  return hash.digest('hex');
}

function stsHostsOf(chain: readonly CliProfileEntry[], env: CliRequest['env']): string {
  return chain.map((e) => (ROLE_MODES.includes(e.mode as CliMode) || e.mode === 'OIDC' ? stsHostOf(e, env).host : '')).join(',');
}

function build(chain: readonly CliProfileEntry[], index: number, env: CliRequest['env']): LibraryProvider {
  const entry = chain[index];
  const f = entry.fields;
  const str = (name: string) => (typeof f[name] === 'string' && f[name] !== '' ? (f[name] as string) : undefined);
  const num = (name: string) => (typeof f[name] === 'number' && (f[name] as number) > 0 ? (f[name] as number) : undefined);
  // Always the host checkCliHosts accepted: never left to the library, which would build it from the environment.
  const stsEndpoint = () => stsHostOf(entry, env).host;
  if (entry.mode === 'RamRoleArn' || entry.mode === 'ChainableRamRoleArn') {
    return call(
      RAMRoleARNCredentialsProvider.builder(),
      ['withCredentialsProvider', entry.mode === 'RamRoleArn' ? baseKey(str) : build(chain, index + 1, env)],
      ['withRoleArn', str('ram_role_arn')],
      ['withRoleSessionName', str('ram_session_name')],
      ['withDurationSeconds', num('expired_seconds')],
      ['withStsEndpoint', stsEndpoint()],
      ['withExternalId', str('external_id')],
    ).build();
  }
  if (entry.mode === 'OIDC') {
    // Built here rather than by the library's CLI provider, which drops sts_endpoint and reads the environment
    // itself: the fields were filled in from ALIBABA_CLOUD_OIDC_* by resolveCliProfile (RRSA).
    return call(
      OIDCRoleArnCredentialsProvider.builder(),
      ['withOIDCProviderArn', str('oidc_provider_arn')],
      ['withOIDCTokenFilePath', str('oidc_token_file')],
      ['withRoleArn', str('ram_role_arn')],
      ['withRoleSessionName', str('ram_session_name')],
      ['withDurationSeconds', num('duration_seconds') ?? num('expired_seconds')],
      ['withStsEndpoint', stsEndpoint()],
    ).build();
  }
  if (entry.mode === 'External') {
    // Without the library's write-back callback: the user's config.json is never rewritten by this extension, and
    // heldAnswer already keeps the key for its lifetime (the CLI's own copy in the file was only a cache).
    return call(ExternalCredentialsProvider.builder(), ['withProcessCommand', str('process_command')]).build();
  }
  return CLIProfileCredentialsProvider.builder().withProfileName(entry.name).build();
}

/** A RamRoleArn profile's own key; with sts_token set it is an STS key, and AssumeRole must carry the token. */
function baseKey(str: (name: string) => string | undefined): LibraryProvider {
  const token = str('sts_token');
  return token
    ? call(StaticSTSCredentialsProvider.builder(), ['withAccessKeyId', str('access_key_id')], ['withAccessKeySecret', str('access_key_secret')], ['withSecurityToken', token]).build()
    : call(StaticAKCredentialsProvider.builder(), ['withAccessKeyId', str('access_key_id')], ['withAccessKeySecret', str('access_key_secret')]).build();
}

/** Applies the builder calls whose value is set: the library treats an explicit undefined as "use the env". */
function call(builder: LibraryBuilder, ...steps: [string, unknown][]): LibraryBuilder {
  for (const [method, value] of steps) {
    if (value === undefined) continue;
    (builder[method] as (v: unknown) => unknown).call(builder, value);
  }
  return builder;
}

function unusable(problem: CliProblem, extra: { requestId?: string; code?: string; httpStatus?: number } = {}): CloudError {
  return new CloudError({
    kind: extra.code ? classify(extra.code, extra.httpStatus) : 'auth',
    code: extra.code ?? CLI_PROFILE_UNUSABLE,
    message: l10n.t('{0} Fix it with `{1}` or in the file.', describeCliProblem(problem), configureCommand(problem.profile)),
    retryable: false,
    ...(extra.requestId ? { requestId: extra.requestId } : {}),
    ...(extra.httpStatus ? { httpStatus: extra.httpStatus } : {}),
  });
}

/** Every secret-looking value of the chain, scrubbed from whatever the library says. */
function secretsOf(chain: readonly CliProfileEntry[]): string[] {
  const out: string[] = [];
  for (const entry of chain) {
    for (const [k, v] of Object.entries(entry.fields)) {
      if (typeof v === 'string' && v.length >= 6 && /secret|token|key_id|password|access_config/i.test(k)) out.push(v);
    }
  }
  return out;
}

/**
 * The library's errors, in the profile's words. Its messages may quote STS's whole answer, a command line with
 * its arguments, or a path; only what helps is kept, and what is kept is scrubbed of the profile's secrets.
 */
export function libraryError(e: unknown, head: CliProfileEntry, file: string, secrets: string[]): CloudError {
  // Capped before anything else reads it: a command that prints megabytes must not cost a scan per lookup.
  const raw = (e instanceof Error ? e.message : String(e)).slice(0, MAX_ERROR_TEXT);
  const where = { file, profile: head.name, mode: head.mode };
  const sts = /^refresh session token failed: ([\s\S]*)$/.exec(raw);
  if (sts) {
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(sts[1]) as Record<string, unknown>;
    } catch {
      // not JSON: reported without the body
    }
    const code = typeof body.Code === 'string' ? body.Code : 'AssumeRoleFailed';
    const requestId = typeof body.RequestId === 'string' ? body.RequestId : undefined;
    // STS's own Message, as it came (scrubbed and cut short).
    const problem =
      typeof body.Message === 'string'
        ? l10n.t('STS AssumeRole was refused ({0}: {1}).', code, redactText(body.Message, secrets).slice(0, 300))
        : l10n.t('STS AssumeRole was refused ({0}).', code);
    return unusable({ ...where, problem }, { code, ...(requestId ? { requestId } : {}) });
  }
  const rules: [RegExp, () => string][] = [
    [/access key secret is invalid/, () => l10n.t('STS says its AccessKey secret is wrong (SignatureDoesNotMatch).')],
    [/failed to execute external command[\s\S]*ENOENT/, () => l10n.t('its process_command could not be started (command not found).')],
    [/failed to execute external command[\s\S]*(timed out|SIGTERM|ETIMEDOUT)/, () => l10n.t('its process_command did not finish in time.')],
    [/failed to execute external command/, () => l10n.t('its process_command failed (it exited with an error).')],
    [/failed to parse external command output/, () => l10n.t('its process_command did not print JSON.')],
    [/invalid (StsToken )?credential response/, () => l10n.t('its process_command printed no access_key_id/access_key_secret (or no sts_token for StsToken).')],
    [/refresh RoleArn sts token err/, () => l10n.t('STS answered AssumeRole without usable credentials.')],
    [/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|socket hang up|timeout/i, () => l10n.t('STS could not be reached.')],
    [/certificate|self.signed|UNABLE_TO_VERIFY/i, () => l10n.t("the STS endpoint's TLS certificate is not trusted.")],
    [/100\.100\.100\.200|metadata/i, () => l10n.t('the ECS metadata service did not answer (EcsRamRole works only on an ECS instance).')],
    [/OIDC|oidc/, () => l10n.t('the OIDC token file could not be used.')],
  ];
  for (const [pattern, problem] of rules) if (pattern.test(raw)) return unusable({ ...where, problem: problem() });
  // Anything else: the library's own words, without paths, secrets or more than a line.
  const text = redactText(raw, secrets).replace(/(\/|[A-Za-z]:\\)[^\s'"]+/g, '<path>').split('\n')[0].slice(0, 200);
  return unusable({ ...where, problem: l10n.t('@alicloud/credentials refused it: {0}', text) });
}
