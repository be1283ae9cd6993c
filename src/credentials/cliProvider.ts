// Credentials from an aliyun CLI profile, through Alibaba's @alicloud/credentials, read at call time. Bundled into
// its own lazily loaded file (esbuild.js LAZY_BUNDLES, reached only through cliSource.ts), so neither the library
// nor this code loads for anyone whose profiles do not say `credentialSource: "aliyun-cli"`. No VS Code import.
//
// Each call re-reads config.json and checks the chosen profile (cliConfig.ts) before the library sees it. The
// library's providers are kept while the profile's definition is unchanged (a RamRoleArn session is then reused
// until it is stale), and rebuilt as soon as it changes, so a key rotated with `aliyun configure` signs the next
// call. Nothing read here is written anywhere by this extension.
//
// Role modes (RamRoleArn, ChainableRamRoleArn) are composed here from the library's RAMRoleARN provider, as the
// library's CLI provider does, with two fields it drops honoured: `external_id`, and `sts_endpoint` for
// ChainableRamRoleArn. Every other mode goes to the library's CLIProfileCredentialsProvider as it is.

import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CloudError, redactText, type AccessKeyCredentials, type CredentialOrigin } from '../cloud';
import { classify } from '../cloud/popCoreErrors';
import {
  cliConfigPath,
  configureCommand,
  describeCliProblem,
  parseCliConfig,
  resolveCliProfile,
  shownPath,
  WRITTEN_BACK_FIELDS,
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

export const CLI_PROFILE_UNUSABLE = 'CliProfileUnusable';

export interface CliRequest {
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
}

interface Built {
  readonly key: string;
  readonly provider: LibraryProvider;
}

/** One built provider per chosen CLI profile; few users have more than a handful. */
const built = new Map<string, Built>();
const MAX_BUILT = 16;

/** Forgets every built provider (and the temporary keys their sessions hold): on deactivate and in tests. */
export function forgetCliProviders(): void {
  built.clear();
}

export async function cliCredentials(request: CliRequest): Promise<CliCredentials> {
  const file = cliConfigPath(request.home);
  const shown = shownPath(file, request.home);
  if (request.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED?.toLowerCase() === 'true') {
    throw unusable({
      file: shown,
      ...(request.cliProfile ? { profile: request.cliProfile } : {}),
      problem: l10n.t('CLI profiles are turned off by ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true in the environment VS Code was started in.'),
    });
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? l10n.t('the file does not exist (run `aliyun configure` first).') : l10n.t('the file cannot be read ({0}).', code ?? 'error');
    throw unusable({ file: shown, ...(request.cliProfile ? { profile: request.cliProfile } : {}), problem });
  }
  const config = parseCliConfig(text, shown);
  if (!config.ok) throw unusable(config.problem);
  const chain = resolveCliProfile(config.value, request.cliProfile, request.env, shown);
  if (!chain.ok) throw unusable(chain.problem);
  const head = chain.value[0];
  const provider = providerFor(chain.value);
  let answer: Awaited<ReturnType<LibraryProvider['getCredentials']>>;
  try {
    answer = await provider.getCredentials();
  } catch (e) {
    // A provider that failed keeps nothing worth reusing (a half-made session, a failed command).
    built.delete(head.name);
    throw libraryError(e, head, shown, secretsOf(chain.value));
  }
  if (!answer?.accessKeyId || !answer.accessKeySecret) {
    throw unusable({ file: shown, profile: head.name, mode: head.mode, problem: l10n.t('the library returned no AccessKey for it.') });
  }
  return {
    credentials: {
      accessKeyId: answer.accessKeyId,
      accessKeySecret: answer.accessKeySecret,
      ...(answer.securityToken ? { securityToken: answer.securityToken } : {}),
      origin: originOf(head, provider),
    },
    profile: head.name,
    mode: head.mode,
  };
}

function originOf(head: CliProfileEntry, provider: LibraryProvider): CredentialOrigin {
  const role = head.mode === 'RamRoleArn' || head.mode === 'ChainableRamRoleArn' || head.mode === 'OIDC';
  const expiration = sessionExpiration(provider);
  return {
    source: `aliyun-cli:${head.name}`,
    ...(role ? { roleArn: String(head.fields.ram_role_arn), sessionName: String(head.fields.ram_session_name ?? '') || undefined } : {}),
    ...(expiration ? { expiration } : {}),
    refreshHint: l10n.t('Refresh aliyun CLI profile "{0}" (run `{1}`).', head.name, configureCommand(head.name)),
  };
}

/**
 * The library's role providers keep their session (with its Expiration) on the instance, undocumented: read it
 * if it is there, so the tree can say when the key expires, and do without it otherwise.
 */
function sessionExpiration(provider: LibraryProvider): string | undefined {
  const session = (provider as { session?: { expiration?: unknown } }).session;
  const value = session?.expiration;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return undefined;
  return new Date(Date.parse(value)).toISOString();
}

/** The cached provider when the chain reads as it did when it was built, else a new one. */
function providerFor(chain: readonly CliProfileEntry[]): LibraryProvider {
  const head = chain[0];
  const key = definitionKey(chain);
  const known = built.get(head.name);
  if (known?.key === key) return known.provider;
  const provider = build(chain, 0);
  built.delete(head.name);
  if (built.size >= MAX_BUILT) built.delete(built.keys().next().value as string);
  built.set(head.name, { key, provider });
  return provider;
}

/**
 * A hash of what defines the chain. For External and OAuth profiles the library writes refreshed keys back into
 * the file; those fields are left out, or every write-back would throw away the session it just made.
 */
function definitionKey(chain: readonly CliProfileEntry[]): string {
  const hash = createHash('sha256');
  for (const entry of chain) {
    const writesBack = entry.mode === 'External' || entry.mode === 'OAuth';
    const fields = Object.entries(entry.fields)
      .filter(([k]) => !(writesBack && (WRITTEN_BACK_FIELDS as readonly string[]).includes(k)))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    hash.update(JSON.stringify(fields)).update('\u0000');
  }
  return hash.digest('hex');
}

function build(chain: readonly CliProfileEntry[], index: number): LibraryProvider {
  const entry = chain[index];
  const f = entry.fields;
  const str = (name: string) => (typeof f[name] === 'string' && f[name] !== '' ? (f[name] as string) : undefined);
  const num = (name: string) => (typeof f[name] === 'number' && (f[name] as number) > 0 ? (f[name] as number) : undefined);
  if (entry.mode === 'RamRoleArn' || entry.mode === 'ChainableRamRoleArn') {
    const base =
      entry.mode === 'RamRoleArn'
        ? call(StaticAKCredentialsProvider.builder(), ['withAccessKeyId', str('access_key_id')], ['withAccessKeySecret', str('access_key_secret')]).build()
        : build(chain, index + 1);
    return call(
      RAMRoleARNCredentialsProvider.builder(),
      ['withCredentialsProvider', base],
      ['withRoleArn', str('ram_role_arn')],
      ['withRoleSessionName', str('ram_session_name')],
      ['withDurationSeconds', num('expired_seconds')],
      ['withStsRegionId', str('sts_region')],
      ['withStsEndpoint', str('sts_endpoint')],
      ['withExternalId', str('external_id')],
      ['withEnableVpc', f.enable_vpc === true ? true : undefined],
    ).build();
  }
  return CLIProfileCredentialsProvider.builder().withProfileName(entry.name).build();
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
function libraryError(e: unknown, head: CliProfileEntry, file: string, secrets: string[]): CloudError {
  const raw = e instanceof Error ? e.message : String(e);
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
