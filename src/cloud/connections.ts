// One keep-alive agent per endpoint, shared by every AccessKey and client object that calls it: a bulk of 1,000
// calls opens about as many connections as it keeps calls in flight, and over TLS later connections resume the
// session (the agent caches it) instead of paying a full handshake. pop-core would otherwise give each client (one
// per endpoint, key and secret) an agent of its own.
//
// Proxies: in VS Code the extension host's http/https modules are patched (setting `http.proxySupport`). With the
// default `override`, and with `fallback`, VS Code resolves the proxy for each request itself, wraps the request in
// an agent of its own and lets this agent carry it only when the answer is DIRECT (or the host is loopback);
// otherwise the request goes through the proxy on VS Code's agent. Nothing here looks at proxy settings, so nothing
// can route around them. VS Code's wrapper does not keep connections alive, and Node asks the server to close the
// connection when the request's agent does not keep alive, so every call would open a new connection (35 of 40 in
// a bulk, counted in a real extension host): each request therefore says `Connection: keep-alive` itself, and the
// connection returns to this pool when it carried the request. Through a proxy, VS Code's agent closes it as before.

import * as http from 'node:http';
import * as https from 'node:https';

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

const agents = new Map<string, http.Agent>();

/** The agent for `endpoint` (as resolveEndpoint returns it: scheme, host and port). */
export function agentFor(endpoint: string): http.Agent {
  let agent = agents.get(endpoint);
  if (!agent) {
    agent = endpoint.startsWith('https:') ? new https.Agent({ keepAlive: true, keepAliveMsecs: 3000 }) : new http.Agent({ keepAlive: true, keepAliveMsecs: 3000 });
    agents.set(endpoint, agent);
  }
  return agent;
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
