// Which links from a server the extension may open in the user's browser. Error bodies carry `Recommend`, Alibaba's
// troubleshooting page for the code and RequestId (https://api.aliyun.com/troubleshoot?…); but the body comes from
// whatever answered at the endpoint, so a link is opened only when it is plainly one of Alibaba's documentation,
// API or console pages: https, no userinfo, no port, and a host (and for a shared host, a path) on the list below.
// Not every host under Alibaba's domains: `*.aliyuncs.com` is where OSS buckets serve their owners' content
// (`<bucket>.oss-<region>.aliyuncs.com`), and community and blog pages take posts from anyone. No VS Code, so the
// rule is unit-tested.

/**
 * Hosts whose every page is Alibaba's own: API Explorer and its troubleshooting pages (China and international
 * sites, and the `next.` hosts the Explorer also answers on) and the China site's documentation.
 */
export const TRUSTED_LINK_HOSTS: readonly string[] = [
  'api.aliyun.com',
  'next.api.aliyun.com',
  'api.alibabacloud.com',
  'next.api.alibabacloud.com',
  'help.aliyun.com',
];

/** The consoles: one label under these (`ram.console.aliyun.com`, `vod.console.alibabacloud.com`). */
export const TRUSTED_CONSOLE_DOMAINS: readonly string[] = ['console.aliyun.com', 'console.alibabacloud.com'];

/** Hosts trusted under one path only: the international site keeps its documentation beside its blog. */
export const TRUSTED_LINK_PATHS: readonly { readonly host: string; readonly path: string }[] = [{ host: 'www.alibabacloud.com', path: '/help' }];

/** Longer than any troubleshooting link Alibaba sends; a longer one is not worth opening. */
const MAX_LINK_LENGTH = 2000;

const CONSOLE_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The link as it should be opened, or undefined when it is not an https:// URL on one of Alibaba's documentation,
 * API or console pages. Rejects look-alikes (`api.aliyun.com.evil.io`), other hosts of Alibaba's domains (OSS
 * buckets, community pages), userinfo (`https://api.aliyun.com@evil.io`), other schemes and ports, and text that is
 * not a single clean URL (spaces, control characters, backslashes).
 */
export function trustedAlibabaUrl(text: unknown): string | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_LINK_LENGTH) return undefined;
  // The URL parser forgives what a person would not read as one link: surrounding spaces, tabs and newlines
  // inside, `\` for `/`. Refuse those before parsing instead of opening what the parser made of them.
  if (/[\s\\]/.test(text) || hasControlCharacter(text) || !/^https:\/\//i.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return undefined;
  return isTrustedPage(url.hostname, url.pathname) ? url.href : undefined;
}

/** The parser has lower-cased the host and resolved `.` and `..` segments of the path already. */
function isTrustedPage(host: string, path: string): boolean {
  if (TRUSTED_LINK_HOSTS.includes(host)) return true;
  if (TRUSTED_CONSOLE_DOMAINS.some((domain) => host.endsWith(`.${domain}`) && CONSOLE_LABEL.test(host.slice(0, -domain.length - 1)))) return true;
  return TRUSTED_LINK_PATHS.some((p) => host === p.host && isUnder(path, p.path));
}

/**
 * `/help` or below it. An encoded `/`, `\` or `.` is refused: the parser leaves them encoded, and a server that
 * decodes them would serve a page outside the path (`/help%2F..%2Fblog`).
 */
function isUnder(path: string, prefix: string): boolean {
  if (/%(?:2f|5c|2e)/i.test(path)) return false;
  return path === prefix || path.startsWith(`${prefix}/`);
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
