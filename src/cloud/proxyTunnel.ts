// Calls through an HTTP(S) proxy: a CONNECT tunnel per connection (https-proxy-agent), kept alive and reused like a
// direct one, with TLS to the endpoint inside it — the proxy sees the endpoint's host and port, never the request.
// What the proxy does wrong is said as the proxy's doing: "could not reach the proxy", "the proxy answered 407", not
// an endpoint's refused connection or an unreadable body (https-proxy-agent would replay the proxy's own answer
// to the request as if the endpoint had sent it).

import type * as http from 'node:http';
import type { Socket } from 'node:net';
import * as l10n from '@vscode/l10n';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { CloudError, toCloudError } from './errors';
import { cleanServerText } from './redact';
import { learnSetup, type SetupTimed } from './connectionSetup';
import type { ProxyTarget } from './proxyPlan';

interface ConnectAnswer {
  readonly statusCode: number;
  readonly statusText: string;
}

export class ProxyTunnelAgent extends HttpsProxyAgent<string> implements SetupTimed {
  /** What a new tunnel (CONNECT, then TLS inside it) has been costing: see connectionSetup.ts. */
  setupMs = 0;

  constructor(private readonly target: ProxyTarget) {
    super(target.url, {
      keepAlive: true,
      keepAliveMsecs: 3000,
      headers: target.authorization ? { 'Proxy-Authorization': target.authorization } : {},
    });
  }

  /**
   * Always: only https endpoints are tunnelled (plain http is for loopback hosts, which never use a proxy). agent-base
   * otherwise guesses from the call stack, which names https when a request is added but not when its socket is made
   * a moment later, so a kept-alive tunnel was filed under another pool name than the next request looked in: every
   * call opened a new tunnel (50 for 50 calls, counted at a test proxy).
   */
  override isSecureEndpoint(): boolean {
    return true;
  }

  override async connect(req: http.ClientRequest, opts: Parameters<HttpsProxyAgent<string>['connect']>[1]): Promise<Socket> {
    let answer: ConnectAnswer | undefined;
    req.once('proxyConnect', (connect: ConnectAnswer) => (answer = connect));
    let socket: Socket;
    const started = performance.now();
    try {
      socket = await super.connect(req, opts);
      this.setupMs = learnSetup(this.setupMs, performance.now() - started);
    } catch (thrown) {
      throw proxyUnreachable(this.target, thrown);
    }
    if (answer && answer.statusCode !== 200) {
      socket.destroy();
      throw proxyRefused(this.target, answer, `${opts.host}:${opts.port}`);
    }
    return socket;
  }
}

/** The proxy could not be reached: the Node code stays (it decides retries and whether a write may have gone out). */
function proxyUnreachable(target: ProxyTarget, thrown: unknown): CloudError {
  const cause = toCloudError(thrown, () => '');
  return new CloudError({
    kind: 'network',
    code: cause.code,
    message: l10n.t('Could not reach the proxy {0} (from {1}): {2}', target.shown, target.source, cause.message),
    retryable: cause.retryable,
  });
}

/** The proxy answered CONNECT with something other than 200: nothing reached the endpoint. */
function proxyRefused(target: ProxyTarget, answer: ConnectAnswer, destination: string): CloudError {
  const status = cleanServerText(`${answer.statusCode} ${answer.statusText ?? ''}`.trim(), [], 80);
  const hint =
    answer.statusCode === 407
      ? l10n.t('It asks for credentials: put them in http.proxy (http://user:password@host:port) or http.proxyAuthorization.')
      : answer.statusCode === 403
        ? l10n.t('Ask its administrator to allow {0}.', destination)
        : '';
  return new CloudError({
    kind: 'network',
    code: 'ProxyRefused',
    message: `${l10n.t('The proxy {0} (from {1}) answered {2} to the tunnel to {3}.', target.shown, target.source, status, destination)} ${hint}`.trim(),
    httpStatus: answer.statusCode,
    // A busy or failing proxy may let the next attempt through; one that refuses will refuse again.
    retryable: answer.statusCode >= 500,
  });
}
