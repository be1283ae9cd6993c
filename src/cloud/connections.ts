// One keep-alive agent per endpoint, shared by every AccessKey and client object that calls it: a bulk of 1,000
// calls opens about as many connections as it keeps calls in flight, and over TLS later connections resume the
// session (the agent caches it) instead of paying a full handshake. pop-core would otherwise give each client (one
// per endpoint, key and secret) an agent of its own.
//
// Proxies (the rule is in proxyPlan.ts): in VS Code the extension host's http/https modules are patched (setting
// `http.proxySupport`). With the default `override`, and with `fallback`, VS Code resolves the proxy for each
// request itself, wraps the request in an agent of its own and lets this agent carry it only when the answer is
// DIRECT (override: for loopback hosts only); otherwise the request goes through the proxy on VS Code's agent.
// VS Code's wrapper does not keep connections alive, and Node asks the server to close the connection when the
// request's agent does not keep alive, so every call would open a new connection (35 of 40 in a bulk, counted in a
// real extension host): each request therefore says `Connection: keep-alive` itself, and the connection returns to
// this pool when it carried the request. With `on`, VS Code leaves requests that bring an agent alone, so the
// plan set here decides: a proxied endpoint's agent is a kept-alive CONNECT tunnel (proxyTunnel.ts).

import type * as http from 'node:http';
import { invalidInputError } from './errors';
import { DIRECT_PLAN, proxyPlan, routeOf, type ProxyPlan, type ProxySettings } from './proxyPlan';
import { TimedHttpAgent, TimedHttpsAgent, type SetupTimed } from './connectionSetup';
import { ProxyTunnelAgent } from './proxyTunnel';

const popCoreHelper = require('@alicloud/pop-core/lib/helper') as { readonly DEFAULT_UA: string; readonly DEFAULT_CLIENT: string };

/**
 * The headers pop-core sends by default (it drops them all when given any) plus `Connection: keep-alive`. A fresh
 * object each time: pop-core and its HTTP layer add to it.
 */
export function requestHeaders(action: string, apiVersion: string): Record<string, string> {
  return {
    'x-sdk-client': popCoreHelper.DEFAULT_CLIENT,
    'user-agent': popCoreHelper.DEFAULT_UA,
    'x-acs-action': action,
    'x-acs-version': apiVersion,
    connection: 'keep-alive',
  };
}

/**
 * What a call to `endpoint` sent now would add to reach the server: 0 when an idle connection can carry it, else
 * what a new connection has been costing (0 until one was measured, and for requests VS Code's agent carries).
 */
export function connectionSetupMs(endpoint: string): number {
  const agent = agents.get(endpoint);
  if (!agent) return 0;
  for (const sockets of Object.values(agent.freeSockets)) if (sockets && sockets.length > 0) return 0;
  return (agent as Partial<SetupTimed>).setupMs ?? 0;
}

const agents = new Map<string, http.Agent>();
let plan: ProxyPlan = DIRECT_PLAN;

/**
 * The agent for `endpoint` (as resolveEndpoint returns it: scheme, host and port). Throws CloudError invalid-input,
 * before anything is sent, when the plan names a proxy that cannot be used.
 */
export function agentFor(endpoint: string): http.Agent {
  let agent = agents.get(endpoint);
  if (!agent) {
    const route = routeOf(plan, endpoint);
    if (route.problem) throw invalidInputError(route.problem, 'InvalidInput.Proxy');
    agent = route.proxy
      ? new ProxyTunnelAgent(route.proxy)
      : endpoint.startsWith('https:')
        ? new TimedHttpsAgent({ keepAlive: true, keepAliveMsecs: 3000 })
        : new TimedHttpAgent({ keepAlive: true, keepAliveMsecs: 3000 });
    agents.set(endpoint, agent);
  }
  return agent;
}

/** For the confirmation: the proxy the extension sends calls to `endpoint` through (`http://proxy:3128 (from http.proxy)`), if it chose one. */
export function proxyFor(endpoint: string): string | undefined {
  const proxy = routeOf(plan, endpoint).proxy;
  return proxy && `${proxy.shown} (${proxy.source})`;
}

/**
 * Which way calls go from now on, as VS Code's proxy settings say (proxyPlan.ts). A different plan closes the idle
 * connections and starts new agents; calls in flight finish on theirs. Returns the new plan's summary for the log,
 * or undefined when nothing changed.
 */
export function useProxySettings(settings: ProxySettings): string | undefined {
  const next = proxyPlan(settings);
  if (JSON.stringify(next) === JSON.stringify(plan)) return undefined;
  plan = next;
  closeIdleConnectionsOnly();
  agents.clear();
  return next.summary;
}

/** Closes every connection, idle or not, and forgets the agents (deactivate, tests). */
export function closeConnections(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

/** Closes the idle connections only; calls in flight finish on theirs (a key or the settings changed). */
export function closeIdleConnectionsOnly(): void {
  for (const agent of agents.values()) {
    for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
  }
}
