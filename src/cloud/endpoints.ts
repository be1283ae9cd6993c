// Where each product answers. Region lists come from Alibaba's endpoint tables for MPS and VOD; a region missing
// here is refused rather than guessed, because a wrong endpoint fails with confusing DNS or signature errors.

import * as l10n from '@vscode/l10n';
import { invalidInputError } from './errors';
import type { Product } from './types';

export const MPS_REGIONS = [
  'cn-qingdao', 'cn-beijing', 'cn-zhangjiakou', 'cn-hangzhou', 'cn-shanghai', 'cn-shenzhen', 'cn-hongkong',
  'ap-northeast-1', 'ap-southeast-1', 'ap-southeast-5', 'eu-central-1', 'eu-west-1', 'us-west-1',
] as const;

export const VOD_REGIONS = [
  'cn-beijing', 'cn-shanghai', 'cn-shenzhen', 'cn-hongkong', 'ap-northeast-1', 'ap-southeast-1', 'ap-southeast-5',
  'eu-central-1', 'us-west-1',
] as const;

/**
 * RAM and STS serve every region a profile may name (STS has a regional endpoint in each of them; RAM is global),
 * so a profile's region is accepted for them when it is an MPS or a VOD region.
 */
export const DIRECTORY_REGIONS: readonly string[] = [...new Set<string>([...MPS_REGIONS, ...VOD_REGIONS])];

export const PRODUCT_REGIONS: Readonly<Record<Product, readonly string[]>> = {
  mps: MPS_REGIONS,
  vod: VOD_REGIONS,
  ram: DIRECTORY_REGIONS,
  sts: DIRECTORY_REGIONS,
  // ActionTrail has a regional endpoint in every region a profile may name (Alibaba's endpoint table).
  actiontrail: DIRECTORY_REGIONS,
};

/** The RPC product code that names the host when it is not the product's own name (MPS is historically `mts`). */
const HOST_PREFIX: Partial<Readonly<Record<Product, string>>> = { mps: 'mts' };

/** Products with one endpoint for all regions. */
const GLOBAL_HOSTS: Partial<Readonly<Record<Product, string>>> = { ram: 'ram.aliyuncs.com' };

export const API_VERSIONS: Readonly<Record<Product, string>> = { mps: '2014-06-18', vod: '2017-03-21', ram: '2015-05-01', sts: '2015-04-01', actiontrail: '2020-07-06' };

/** How messages name a product: its code in capitals (MPS, RAM…), except ActionTrail's own spelling. */
const productName = (product: Product): string => (product === 'actiontrail' ? 'ActionTrail' : product.toUpperCase());

export function validateRegion(product: Product, region: unknown): string | undefined {
  if (typeof region !== 'string' || region.trim() === '') {
    return l10n.t('Region is required for {0}.', productName(product));
  }
  if (!PRODUCT_REGIONS[product].includes(region)) {
    return l10n.t('Region "{0}" is not a {1} region. Use one of: {2}.', region, productName(product), PRODUCT_REGIONS[product].join(', '));
  }
  return undefined;
}

/**
 * `https://mts.cn-shanghai.aliyuncs.com` for a valid region (RAM: always `https://ram.aliyuncs.com`); throws
 * CloudError invalid-input otherwise.
 */
export function defaultEndpoint(product: Product, region: string): string {
  const problem = validateRegion(product, region);
  if (problem) throw invalidInputError(problem, 'InvalidInput.Region');
  const global = GLOBAL_HOSTS[product];
  return global ? `https://${global}` : `https://${HOST_PREFIX[product] ?? product}.${region}.aliyuncs.com`;
}

/**
 * Accepts `https://host[:port][/]`. Plain http is allowed only for loopback hosts (a local emulator): anywhere
 * else it would send the AccessKeyId and a replayable signature in clear text.
 *
 * The host must be letters, digits, `.` and `-` (or a bracketed IPv6 address), written the way the WHATWG URL
 * parser prints it back. pop-core's HTTP layer (httpx) re-parses the endpoint with Node's legacy `url.parse`,
 * which ends the host at characters such as `'`, `"`, `;`, `{` or a backtick and then loses the port: with those
 * allowed, the confirmation would show one host while the signed request went to another. A host that WHATWG
 * rewrites (`127.1`, `0x7f.0.0.1`, `[0::1]`) is refused for the same reason: what people see must be what is
 * called.
 */
export function validateEndpoint(endpoint: unknown): string | undefined {
  if (typeof endpoint !== 'string' || endpoint.trim() === '') {
    return l10n.t('Endpoint is required.');
  }
  // Shown in messages: never more than a line of it, and no control characters.
  const shown = printable(endpoint);
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return l10n.t('Endpoint "{0}" is not a URL. Expected e.g. https://mts.cn-shanghai.aliyuncs.com.', shown);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return l10n.t('Endpoint must start with https:// (got {0}).', printable(url.protocol));
  }
  if (url.username || url.password) {
    return l10n.t('Endpoint must not contain a user name or password.');
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return l10n.t('Endpoint must be just scheme, host and optional port (no path, query or fragment).');
  }
  const parts = ENDPOINT_SHAPE.exec(endpoint);
  if (!parts) {
    const bad = /[^A-Za-z0-9.\-[\]:]/.exec(authorityOf(endpoint));
    return bad
      ? l10n.t('Endpoint "{0}": {1} is not allowed in a host (only letters, digits, "." and "-", or a bracketed IPv6 address).', shown, JSON.stringify(bad[0]))
      : l10n.t('Endpoint "{0}" must be scheme://host[:port], where the host has only letters, digits, "." and "-" (or is a bracketed IPv6 address).', shown);
  }
  const [, , host = '', port] = parts;
  if (url.hostname !== host.toLowerCase()) {
    return l10n.t('Endpoint host "{0}" is not written in its usual form (it means {1}); write it as {1}.', shown, url.hostname);
  }
  if (port !== undefined && (!/^[1-9][0-9]*$/.test(port) || Number(port) > 65535)) {
    return l10n.t('Endpoint port {0} must be a number from 1 to 65535 without leading zeros.', port);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return l10n.t('Endpoint {0} must use https://; plain http:// is allowed only for 127.0.0.1, localhost or [::1].', url.host);
  }
  return undefined;
}

/** scheme, host (name, dotted IPv4 or bracketed IPv6), optional port, optional single slash. Nothing else. */
const ENDPOINT_SHAPE = /^(https?):\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::([0-9]{1,5}))?\/?$/i;

/** What follows `scheme://` up to the path, for pointing at the offending character. */
function authorityOf(endpoint: string): string {
  const start = endpoint.indexOf('//');
  const rest = start === -1 ? endpoint : endpoint.slice(start + 2);
  return rest.split(/[/?#]/, 1)[0] ?? '';
}

function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') return true;
  const octets = host.split('.');
  return (
    octets.length === 4 &&
    octets[0] === '127' &&
    octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
  );
}

/** The endpoint to call: the override when given (validated, normalized to `scheme://host[:port]`), else the default. */
export function resolveEndpoint(product: Product, region: string, override?: string): string {
  // Always built, so a bad region is refused even when an override would not use the default.
  const fallback = defaultEndpoint(product, region);
  if (override === undefined || override === '') return fallback;
  const problem = validateEndpoint(override);
  if (problem) throw invalidInputError(problem, 'InvalidInput.Endpoint');
  const url = new URL(override);
  return `${url.protocol}//${url.host}`;
}
