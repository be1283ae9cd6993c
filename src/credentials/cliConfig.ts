// The aliyun CLI's ~/.aliyun/config.json, read the way @alicloud/credentials reads it, and checked before the
// library sees it. The library's own messages quote the whole file when it is not JSON (secrets included) and fall
// back to environment variables when a profile lacks its key, so a broken profile is described here instead: which
// file, which profile, which mode, what is wrong. Pure (the file's text and the environment are arguments), so it
// is unit-tested; the import command reads profiles through it too. No VS Code import.

import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { isPlainObject } from '../cloud';

/** Where the CLI and @alicloud/credentials keep profiles: `<home>/.aliyun/config.json` (the library has no override). */
export function cliConfigPath(home: string): string {
  return path.join(home, '.aliyun', 'config.json');
}

/** The modes @alicloud/credentials 2.4 builds a provider for, spelled as it matches them (case-sensitively). */
export const CLI_MODES = ['AK', 'StsToken', 'RamRoleArn', 'ChainableRamRoleArn', 'EcsRamRole', 'OIDC', 'External', 'CloudSSO', 'OAuth'] as const;
export type CliMode = (typeof CLI_MODES)[number];

/** Modes whose role step the extension composes itself from the library's RAMRoleARN provider (see cliProvider.ts). */
export const ROLE_MODES: readonly CliMode[] = ['RamRoleArn', 'ChainableRamRoleArn'];

/**
 * Fields a mode cannot work without. Where the library would quietly use something else instead (an
 * ALIBABA_CLOUD_ACCESS_KEY_ID from the environment for a profile with no key, ALIBABA_CLOUD_ROLE_ARN for one with no
 * role), a missing field is an error here, so a profile never signs with a key it does not name.
 */
const REQUIRED_FIELDS: Record<CliMode, readonly string[]> = {
  AK: ['access_key_id', 'access_key_secret'],
  StsToken: ['access_key_id', 'access_key_secret', 'sts_token'],
  RamRoleArn: ['access_key_id', 'access_key_secret', 'ram_role_arn', 'ram_session_name'],
  ChainableRamRoleArn: ['source_profile', 'ram_role_arn', 'ram_session_name'],
  EcsRamRole: [],
  OIDC: ['oidc_provider_arn', 'oidc_token_file', 'ram_role_arn'],
  External: ['process_command'],
  CloudSSO: ['cloud_sso_sign_in_url', 'cloud_sso_account_id', 'cloud_sso_access_config', 'access_token'],
  OAuth: ['oauth_site_type', 'oauth_refresh_token'],
};

/** Fields the library writes back into the file after an External command or an OAuth refresh. */
export const WRITTEN_BACK_FIELDS = [
  'access_key_id', 'access_key_secret', 'sts_token', 'sts_expiration',
  'oauth_access_token', 'oauth_refresh_token', 'oauth_access_token_expire',
] as const;

/** One profile of the file, as far as this extension reads it (the library reads the rest). */
export interface CliProfileEntry {
  readonly name: string;
  readonly mode: string;
  readonly regionId?: string;
  /** Every field as written, for the library's builders; holds secrets, never logged or stored. */
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface CliConfig {
  readonly current?: string;
  readonly profiles: readonly CliProfileEntry[];
}

/** What went wrong, in pieces, so the message can say file, profile and mode before the problem. */
export interface CliProblem {
  readonly file: string;
  readonly profile?: string;
  readonly mode?: string;
  /** One sentence, never a value from the file other than names and modes. */
  readonly problem: string;
}

export type CliResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: CliProblem };

/** `~` for the home folder: shorter in a tree row, and no user name in a screenshot. */
export function shownPath(file: string, home: string): string {
  return home && file.startsWith(home + path.sep) ? `~${path.sep}${file.slice(home.length + 1)}` : file;
}

/** `aliyun CLI profile "dev" (mode RamRoleArn) in ~/.aliyun/config.json: ram_role_arn is missing.` */
export function describeCliProblem(p: CliProblem): string {
  if (p.profile === undefined) return l10n.t('aliyun CLI config {0}: {1}', p.file, p.problem);
  return p.mode
    ? l10n.t('aliyun CLI profile "{0}" (mode {1}) in {2}: {3}', p.profile, p.mode, p.file, p.problem)
    : l10n.t('aliyun CLI profile "{0}" in {1}: {2}', p.profile, p.file, p.problem);
}

export { configureCommand } from './cliCommand';

/** Reads the text of config.json; `file` is only used in messages. Never echoes the text. */
export function parseCliConfig(text: string, file: string): CliResult<CliConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    // JSON.parse's message quotes the text near the error: only its position is safe to repeat.
    const at = /position (\d+)/.exec(e instanceof Error ? e.message : '')?.[1];
    return fail(file, at ? l10n.t('the file is not valid JSON (near character {0}).', at) : l10n.t('the file is not valid JSON.'));
  }
  if (!isPlainObject(raw)) return fail(file, l10n.t('the file is not a JSON object with "profiles".'));
  if (!Array.isArray(raw.profiles) || raw.profiles.length === 0) return fail(file, l10n.t('the file lists no profiles.'));
  const profiles: CliProfileEntry[] = [];
  for (const item of raw.profiles) {
    if (!isPlainObject(item) || typeof item.name !== 'string') continue;
    profiles.push({
      name: item.name,
      mode: typeof item.mode === 'string' ? item.mode : '',
      ...(typeof item.region_id === 'string' && item.region_id ? { regionId: item.region_id } : {}),
      fields: item,
    });
  }
  if (profiles.length === 0) return fail(file, l10n.t('no profile in the file has a name.'));
  return { ok: true, value: { ...(typeof raw.current === 'string' && raw.current ? { current: raw.current } : {}), profiles } };
}

/** The variables the aliyun CLI reads for a profile name, in the order it reads them (its config/profile code). */
export const PROFILE_VARIABLES = ['ALIBABACLOUD_PROFILE', 'ALIBABA_CLOUD_PROFILE', 'ALICLOUD_PROFILE'] as const;

/** What the CLI picks when nothing names a profile and the file has no `current`. */
export const DEFAULT_CLI_PROFILE = 'default';

/**
 * The profile a call uses: the one named in the extension's settings, else the one the CLI would pick (the first
 * of PROFILE_VARIABLES that is set, then the file's `current`, then "default", as the CLI does).
 */
export function chosenProfileName(config: CliConfig, requested: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  const fromEnv = PROFILE_VARIABLES.map((name) => env[name]?.trim()).find(Boolean);
  return requested || fromEnv || config.current || DEFAULT_CLI_PROFILE;
}

/**
 * Fields an OIDC profile may leave to the environment: Alibaba's RRSA setup for ACK injects them into the pod.
 * Only these: any other field the library would take from the environment is required in the file.
 */
export const OIDC_ENVIRONMENT: Readonly<Record<string, string>> = {
  oidc_provider_arn: 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN',
  oidc_token_file: 'ALIBABA_CLOUD_OIDC_TOKEN_FILE',
  ram_role_arn: 'ALIBABA_CLOUD_ROLE_ARN',
  ram_session_name: 'ALIBABA_CLOUD_ROLE_SESSION_NAME',
};

/** The entry as its mode will use it: for OIDC, the fields the file leaves out filled in from the environment. */
function withEnvironment(entry: CliProfileEntry, env: Readonly<Record<string, string | undefined>>): CliProfileEntry {
  if (entry.mode !== 'OIDC') return entry;
  const filled: Record<string, unknown> = { ...entry.fields };
  for (const [field, variable] of Object.entries(OIDC_ENVIRONMENT)) {
    const value = env[variable]?.trim();
    if (!isSet(filled[field]) && value) filled[field] = value;
  }
  return { ...entry, fields: filled };
}

/**
 * The profile and, for ChainableRamRoleArn, the profiles it stands on (the named one first), each checked for
 * the fields its mode needs. A chain that loops back is refused (the library would recurse until the stack ends).
 */
export function resolveCliProfile(
  config: CliConfig,
  requested: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  file: string,
): CliResult<readonly CliProfileEntry[]> {
  const name = chosenProfileName(config, requested, env);
  const chain: CliProfileEntry[] = [];
  let next: string | undefined = name;
  while (next !== undefined) {
    const found = config.profiles.find((p) => p.name === next);
    if (!found) {
      const problem = chain.length
        ? l10n.t('its source_profile "{0}" is not in the file.', next)
        : l10n.t('there is no such profile in the file (it has {0}).', config.profiles.map((p) => `"${p.name}"`).join(', '));
      const head = chain[0];
      return { ok: false, problem: { file, profile: head?.name ?? next, ...(head ? { mode: head.mode } : {}), problem } };
    }
    const entry = withEnvironment(found, env);
    if (chain.some((p) => p.name === entry.name)) {
      return fail(file, l10n.t('source_profile chain {0} loops back.', [...chain.map((p) => p.name), entry.name].join(' → ')), chain[0].name, chain[0].mode);
    }
    const problem = checkEntry(entry);
    if (problem) {
      const text = chain.length ? l10n.t('{0} (source_profile of "{1}")', problem, chain[0].name) : problem;
      return fail(file, text, entry.name, entry.mode || undefined);
    }
    chain.push(entry);
    next = entry.mode === 'ChainableRamRoleArn' ? String(entry.fields.source_profile) : undefined;
  }
  return { ok: true, value: chain };
}

/** The first thing wrong with one profile entry, or undefined. */
export function checkEntry(entry: CliProfileEntry): string | undefined {
  if (!entry.mode) return l10n.t('it has no "mode".');
  const mode = CLI_MODES.find((m) => m === entry.mode);
  if (!mode) {
    const sameLetters = CLI_MODES.find((m) => m.toLowerCase() === entry.mode.toLowerCase());
    return sameLetters
      ? l10n.t('@alicloud/credentials matches modes case-sensitively: write "{0}", not "{1}".', sameLetters, entry.mode)
      : l10n.t('@alicloud/credentials does not support mode "{0}" (it supports {1}).', entry.mode, CLI_MODES.join(', '));
  }
  const missing = REQUIRED_FIELDS[mode].filter((f) => !isSet(entry.fields[f]));
  if (mode === 'OIDC' && missing.length) {
    const named = missing.map((f) => l10n.t('{0} (or {1})', f, OIDC_ENVIRONMENT[f] ?? f));
    return named.length === 1 ? l10n.t('{0} is missing.', named[0]) : l10n.t('{0} are missing.', named.join(', '));
  }
  if (missing.length === 1) return l10n.t('{0} is missing.', missing[0]);
  if (missing.length) return l10n.t('{0} are missing.', missing.join(', '));
  const seconds = entry.fields.expired_seconds;
  if (ROLE_MODES.includes(mode) && seconds !== undefined && seconds !== 0 && (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 900)) {
    return l10n.t('expired_seconds must be a whole number of at least 900.');
  }
  if (mode === 'OAuth' && !['CN', 'INTL'].includes(String(entry.fields.oauth_site_type).toUpperCase())) {
    return l10n.t('oauth_site_type must be CN or INTL.');
  }
  return undefined;
}

function isSet(value: unknown): boolean {
  return (typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value));
}

function fail(file: string, problem: string, profile?: string, mode?: string): { ok: false; problem: CliProblem } {
  return { ok: false, problem: { file, ...(profile !== undefined ? { profile } : {}), ...(mode ? { mode } : {}), problem } };
}
