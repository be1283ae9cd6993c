// Alibaba Cloud's two sites. The API endpoints (`*.aliyuncs.com`) are the same for both, but an account belongs to
// one site, and the pages a person opens — the consoles, API Explorer's Troubleshoot page, the documentation — are
// the site's own: an international account cannot sign in to the China site's console. So every page the extension
// opens is built from the profile's site, here. No VS Code, so the hosts are unit-tested. Loaded with the commands,
// not at activation: the settings parser spells the two names itself (parseProfiles.ts).

export const SITES = ['china', 'international'] as const;
export type Site = (typeof SITES)[number];

/** A profile that does not say is on the China site, as every profile was before the setting existed. */
export const DEFAULT_SITE: Site = 'china';

export function isSite(value: unknown): value is Site {
  return (SITES as readonly unknown[]).includes(value);
}

/**
 * A profile's site: `china` when the setting leaves it out, as every profile was before the setting existed. Here,
 * not beside the Profile type, so that the settings code loaded at activation does not carry it.
 */
export function siteOf(profile: { readonly site?: Site }): Site {
  return profile.site ?? DEFAULT_SITE;
}

/** The web consoles a profile's pages open in. */
export type ConsoleProduct = 'mps' | 'vod' | 'ram';

/** The documentation the walkthrough and the README point to (each site keeps its own copy). */
export type DocumentationTopic = 'mps' | 'vod' | 'ram' | 'accessKey';

interface SiteHosts {
  /** `<product>.<console>`: `ram.console.aliyun.com`. */
  readonly console: string;
  /** API Explorer: where an error's Troubleshoot page (`/troubleshoot?…`) lives. */
  readonly apiExplorer: string;
  /** The documentation's root, before the product path: a host of its own on one site, a path on the other. */
  readonly documentation: string;
}

const HOSTS: Readonly<Record<Site, SiteHosts>> = {
  china: { console: 'console.aliyun.com', apiExplorer: 'api.aliyun.com', documentation: 'https://help.aliyun.com/zh' },
  international: { console: 'console.alibabacloud.com', apiExplorer: 'api.alibabacloud.com', documentation: 'https://www.alibabacloud.com/help/en' },
};

/** The documentation pages, by the path both sites give them. */
const DOCUMENTATION_PATHS: Readonly<Record<DocumentationTopic, string>> = {
  mps: '/mps/',
  vod: '/vod/',
  ram: '/ram/',
  accessKey: '/ram/user-guide/create-an-accesskey-pair',
};

/** `https://ram.console.alibabacloud.com` — no path: consoleLinks.ts adds the page. */
export function consoleOrigin(site: Site, product: ConsoleProduct): string {
  return `https://${product}.${HOSTS[site].console}`;
}

export function isDocumentationTopic(value: unknown): value is DocumentationTopic {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DOCUMENTATION_PATHS, value);
}

export function documentationUrl(site: Site, topic: DocumentationTopic): string {
  return `${HOSTS[site].documentation}${DOCUMENTATION_PATHS[topic]}`;
}

/**
 * The Troubleshoot link an error body carried (`Recommend`), on the profile's site. Alibaba's servers answer
 * with the China site's API Explorer whichever site the account is on; the international site serves the same
 * page (`/troubleshoot?q=…&product=…&requestId=…`) on its own host. Anything that is not a page of the other
 * site's API Explorer is returned as it is (the trusted-link rule still decides whether it is opened).
 */
export function troubleshootingUrlFor(site: Site, link: string): string {
  for (const other of SITES) {
    if (other === site) continue;
    const prefixes = [`https://${HOSTS[other].apiExplorer}/`, `https://next.${HOSTS[other].apiExplorer}/`];
    const prefix = prefixes.find((p) => link.toLowerCase().startsWith(p));
    if (prefix) return `https://${prefix.startsWith('https://next.') ? 'next.' : ''}${HOSTS[site].apiExplorer}/${link.slice(prefix.length)}`;
  }
  return link;
}

/**
 * The site an aliyun CLI profile's file says it is on, where it says: only `oauth_site_type` (`CN` or `INTL`,
 * written by `aliyun configure --mode OAuth`). Nothing else in the file tells the sites apart: keys, STS endpoints
 * and regions are shared, and CloudSSO's sign-in hosts (`signin-<region>.alibabacloudsso.com`) serve both. Those
 * profiles give undefined, and the import keeps the default (the user changes `site` in settings).
 */
export function siteOfCliProfile(fields: Readonly<Record<string, unknown>>): Site | undefined {
  const oauth = typeof fields.oauth_site_type === 'string' ? fields.oauth_site_type.trim().toUpperCase() : undefined;
  if (oauth === 'INTL') return 'international';
  if (oauth === 'CN') return 'china';
  return undefined;
}
