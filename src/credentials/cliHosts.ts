// Every host an aliyun CLI profile makes the extension contact, worked out before @alicloud/credentials runs, and
// held to the rules settings endpoints follow (src/cloud/endpoints.ts: the host grammar, https or loopback). The
// library builds these URLs itself, from the file and from environment variables (ALIBABA_CLOUD_STS_REGION,
// ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED), gluing text into `https://<host>` without checking it; a value such as
// `x@127.0.0.1:PORT/` would redirect AssumeRole to any listener. So the role and OIDC steps get the host computed
// and checked here (cliProvider.ts passes it to the library explicitly), CloudSSO's sign-in URL is checked as it
// is written, and a mode whose host cannot be held to the rules (EcsRamRole's plain-http metadata service) is
// refused. Pure (the environment is an argument), so it is unit-tested. No VS Code import.

import * as l10n from '@vscode/l10n';
import { validateEndpoint } from '../cloud/endpoints';
import type { CliProfileEntry } from './cliConfig';

/** What the confirmation says a CLI profile contacts: a host, a fixed sign-in host, a program it runs, or nothing. */
export interface CliRoute {
  readonly profile: string;
  readonly mode: string;
  /** `sts.cn-hangzhou.aliyuncs.com`: the host of the profile's own step (the first one asked). */
  readonly via?: string;
  /** External: the program that runs (its file name only: arguments may hold secrets). */
  readonly runs?: string;
}

export type HostCheck = { readonly ok: true; readonly route: CliRoute } | { readonly ok: false; readonly problem: string };

/** The sign-in hosts the library hard-codes for OAuth profiles, by `oauth_site_type`. */
const OAUTH_HOSTS: Readonly<Record<string, string>> = { CN: 'oauth.aliyun.com', INTL: 'oauth.alibabacloud.com' };

type Env = Readonly<Record<string, string | undefined>>;

/** The STS host a role or OIDC step calls, and what it came from (for the message when it is refused). */
export function stsHostOf(entry: CliProfileEntry, env: Env): { readonly host: string; readonly from: string } {
  const f = entry.fields;
  const text = (name: string) => (typeof f[name] === 'string' && (f[name] as string) !== '' ? (f[name] as string) : undefined);
  const endpoint = text('sts_endpoint');
  if (endpoint) return { host: endpoint, from: 'sts_endpoint' };
  const fileRegion = text('sts_region');
  const envRegion = env.ALIBABA_CLOUD_STS_REGION || undefined;
  const region = fileRegion ?? envRegion;
  if (!region) return { host: 'sts.aliyuncs.com', from: 'sts.aliyuncs.com' };
  const vpc = f.enable_vpc === true || env.ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED?.toLowerCase() === 'true';
  return { host: `${vpc ? 'sts-vpc' : 'sts'}.${region}.aliyuncs.com`, from: fileRegion ? 'sts_region' : 'ALIBABA_CLOUD_STS_REGION' };
}

/**
 * Checks every host the chain would contact (each role step's STS, the OIDC STS, the CloudSSO sign-in host) and
 * says what the head profile contacts. The first refused host is the problem, naming where it came from.
 */
export function checkCliHosts(chain: readonly CliProfileEntry[], env: Env): HostCheck {
  let route: CliRoute | undefined;
  for (const entry of chain) {
    const step = stepRoute(entry, env);
    if (!step.ok) return chain.length > 1 && entry !== chain[0] ? { ok: false, problem: l10n.t('{0} (source_profile of "{1}")', step.problem, chain[0].name) } : step;
    route ??= step.route;
  }
  return route ? { ok: true, route } : { ok: false, problem: l10n.t('the profile chain is empty.') };
}

function stepRoute(entry: CliProfileEntry, env: Env): HostCheck {
  const base = { profile: entry.name, mode: entry.mode };
  switch (entry.mode) {
    case 'RamRoleArn':
    case 'ChainableRamRoleArn':
    case 'OIDC': {
      const { host, from } = stsHostOf(entry, env);
      const problem = validateEndpoint(`https://${host}`);
      return problem ? { ok: false, problem: l10n.t('the STS host from {0} is refused: {1}', from, problem) } : { ok: true, route: { ...base, via: host } };
    }
    case 'CloudSSO': {
      const url = String(entry.fields.cloud_sso_sign_in_url ?? '');
      // The library keeps the scheme and host of this URL and sends the bearer token there.
      const origin = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*)/.exec(url)?.[1] ?? url;
      const problem = validateEndpoint(origin);
      return problem
        ? { ok: false, problem: l10n.t('the host of cloud_sso_sign_in_url is refused: {0}', problem) }
        : { ok: true, route: { ...base, via: new URL(origin).host } };
    }
    case 'OAuth':
      return { ok: true, route: { ...base, via: OAUTH_HOSTS[String(entry.fields.oauth_site_type).toUpperCase()] ?? OAUTH_HOSTS.CN } };
    case 'EcsRamRole':
      return {
        ok: false,
        problem: l10n.t('EcsRamRole reads its key from the ECS metadata service over plain http://100.100.100.200, which the extension does not contact; use RamRoleArn, OIDC or External on the instance instead.'),
      };
    case 'External':
      return { ok: true, route: { ...base, runs: programOf(String(entry.fields.process_command ?? '')) } };
    default:
      return { ok: true, route: base };
  }
}

/** The file name of the program a process_command starts (quoted or not), never its arguments. */
export function programOf(command: string): string {
  const first = /^\s*(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(command);
  const program = first?.[1] ?? first?.[2] ?? first?.[3] ?? '';
  return program.split(/[\\/]/).pop() ?? program;
}
