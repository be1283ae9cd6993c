// Which way a call goes — straight to its endpoint or through an HTTP(S) proxy — decided from VS Code's proxy
// settings handed over as plain data (src/settings/proxySettings.ts reads them). The rule is VS Code's own
// resolver's, so that a proxy VS Code would use is used here too and none is ever gone around:
//  - `http.proxySupport` off: direct. The user turned proxying off for extensions.
//  - override (VS Code's default) and fallback: VS Code resolves each request itself — the operating system's
//    proxy and PAC scripts included — and carries it through the proxy on an agent of its own; this pool carries
//    only what VS Code answers DIRECT (src/cloud/connections.ts). Nothing is decided here, so nothing twice.
//  - on: VS Code leaves alone every request that brings its own agent, and pop-core always brings one. So the
//    choice is made here, in VS Code's order: loopback direct; a host in `http.noProxy` (or in NO_PROXY when that
//    list is empty) direct; else the proxy in `http.proxy`; else HTTPS_PROXY / HTTP_PROXY (either case); else
//    direct. A proxy that only the operating system knows is out of an extension's sight in this mode (README).
// A proxy that cannot be used as written (SOCKS, no scheme, not a URL) is a problem every call reports, sending
// nothing: going direct instead would route around it.

import * as l10n from '@vscode/l10n';
import { isLoopbackHost } from './endpoints';

/** VS Code's settings and environment as they are, for proxyPlan(). */
export interface ProxySettings {
  /** `http.proxySupport`: off, on, override, fallback; anything else reads as override, VS Code's default. */
  readonly support: string;
  /** `http.proxy`, '' when unset. */
  readonly proxy: string;
  /** `http.noProxy`. */
  readonly noProxy: readonly string[];
  /** `http.proxyAuthorization`: the Proxy-Authorization header's value, sent to the proxy only. */
  readonly authorization?: string;
  /** The extension host's environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY in either case). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A proxy calls go through. */
export interface ProxyTarget {
  /** As configured, credentials included: for the agent only, never for text. */
  readonly url: string;
  /** scheme://host:port, without credentials: what messages and the log may say. */
  readonly shown: string;
  /** Where it was named: `http.proxy`, `HTTPS_PROXY`, … */
  readonly source: string;
  readonly authorization?: string;
}

/** Plain data, compared by value: a new plan that equals the old one keeps the connections. */
export interface ProxyPlan {
  /** Mode `on` with a usable proxy named in settings or the environment. */
  readonly proxy?: ProxyTarget;
  /** Mode `on` with a proxy that cannot be used as written: why. Calls fail with it. */
  readonly problem?: string;
  /** Hosts (and host:port) that go direct even with a proxy: `http.noProxy`, or NO_PROXY when that list is empty. */
  readonly noProxy: readonly string[];
  /** For the log: which way calls go and why, in one sentence. */
  readonly summary: string;
}

export const DIRECT_PLAN: ProxyPlan = { noProxy: [], summary: '' };

export function proxyPlan(settings: ProxySettings): ProxyPlan {
  const support = settings.support;
  if (support === 'off') return { noProxy: [], summary: l10n.t('http.proxySupport is off: calls go straight to their endpoints.') };
  if (support !== 'on') {
    return { noProxy: [], summary: l10n.t('http.proxySupport is {0}: VS Code chooses the proxy for each call.', support || 'override') };
  }
  const env = (name: string) => settings.env[name.toLowerCase()] || settings.env[name] || '';
  const configured = settings.noProxy.map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  const noProxy = configured.length ? configured : env('NO_PROXY').split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  const [value, source] = settings.proxy.trim()
    ? [settings.proxy.trim(), 'http.proxy']
    : (['HTTPS_PROXY', 'HTTP_PROXY'].map((name) => [env(name).trim(), name]).find(([v]) => v) ?? ['', '']);
  if (!value) {
    return {
      noProxy,
      summary: l10n.t('http.proxySupport is on and neither http.proxy nor HTTPS_PROXY/HTTP_PROXY names a proxy: calls go straight to their endpoints. A proxy set only in the operating system is followed with http.proxySupport override or fallback.'),
    };
  }
  const parsed = parseProxy(value);
  if (typeof parsed === 'string') {
    const problem = l10n.t('The proxy in {0} cannot be used: {1} Nothing was sent.', source, parsed);
    return { problem, noProxy, summary: problem };
  }
  const proxy: ProxyTarget = { url: parsed.href, shown: `${parsed.protocol}//${parsed.host}`, source, ...(settings.authorization ? { authorization: settings.authorization } : {}) };
  return { proxy, noProxy, summary: l10n.t('http.proxySupport is on: calls go through the proxy {0} (from {1}).', proxy.shown, source) };
}

function parseProxy(value: string): URL | string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return l10n.t('it is not a URL such as http://proxy.example.com:3128.');
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return l10n.t('it has no scheme; write it as http://{0}.', value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return l10n.t('{0} proxies are not supported here; use an http:// or https:// proxy, or http.proxySupport override.', url.protocol.replace(/:$/, ''));
  }
  if (!url.hostname) return l10n.t('it names no host.');
  return url;
}

/** Which way a call to `endpoint` (scheme://host[:port]) goes under `plan`. */
export function routeOf(plan: ProxyPlan, endpoint: string): { readonly proxy?: ProxyTarget; readonly problem?: string } {
  if (!plan.proxy && !plan.problem) return {};
  const url = new URL(endpoint);
  if (isLoopbackHost(url.hostname)) return {};
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (bypasses(plan.noProxy, url.hostname.toLowerCase(), port)) return {};
  return plan.problem ? { problem: plan.problem } : { proxy: plan.proxy };
}

/** VS Code's matching: `*` matches all; `example.com` and `.example.com` match it and its subdomains; `:port` narrows. */
function bypasses(entries: readonly string[], hostname: string, port: string): boolean {
  return entries.some((entry) => {
    if (entry === '*') return true;
    const [name, entryPort] = entry.split(':', 2);
    if (!name) return false;
    const domain = name.startsWith('.') ? name : `.${name}`;
    return `.${hostname}`.endsWith(domain) && (!entryPort || entryPort === port);
  });
}
