// Which links from a server the extension may open in the user's browser. Error bodies carry `Recommend`, Alibaba's
// troubleshooting page for the code and RequestId (https://api.aliyun.com/troubleshoot?…); but the body comes from
// whatever answered at the endpoint, so a link is opened only when it is plainly Alibaba's: https, no userinfo, no
// port, a host that is one of Alibaba's domains or a subdomain of one. No VS Code, so the rule is unit-tested.

/** Alibaba's own domains: the consoles and api.aliyun.com, the international site, the API endpoints. */
export const ALIBABA_DOMAINS: readonly string[] = ['aliyun.com', 'alibabacloud.com', 'aliyuncs.com'];

/** Longer than any troubleshooting link Alibaba sends; a longer one is not worth opening. */
const MAX_LINK_LENGTH = 2000;

/**
 * The link as it should be opened, or undefined when it is not an https:// URL on an Alibaba domain. Rejects
 * look-alikes (`aliyun.com.evil.io`, `evilaliyun.com`), userinfo (`https://aliyun.com@evil.io`), other schemes and
 * ports, and text that is not a single clean URL (spaces, control characters, backslashes).
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
  return isAlibabaHost(url.hostname) ? url.href : undefined;
}

/** `aliyun.com` or `*.aliyun.com` (and the other domains); the parser has lower-cased the host already. */
export function isAlibabaHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return ALIBABA_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
