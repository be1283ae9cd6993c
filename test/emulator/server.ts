// The emulator's HTTP server and the programmatic API every test, the demo and the benchmarks use. One request
// goes: read body → identify action → latency and faults → authenticate → product/version → QPS → handler.
// MPS, VOD, RAM and STS share the port (the action name picks the product); with `tls` the same handler also
// answers https on a second port, for clients such as @alicloud/credentials that reach STS over https only.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { startDelayRelay, type DelayRelay } from './networkDelay';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRODUCT_LABEL, findAction, hostIdOf, type Caller } from './actions';
import type { CallFacts } from './trail';
import { ADMIN_PREFIX, handleAdmin } from './admin';
import { demoState } from './demoState';
import { ApiError, E, errorBody } from './errors';
import { FaultTable, dropsAnswerAfterAction, rewriteAnswer, type Fault, type FaultKind } from './faults';
import { newRequestId } from './requestId';
import { EmulatorState, type EmulatorStateJson } from './state';
import { StsSessions } from './stsSessions';
import { SlidingWindowLimiter } from './throttle';
import { generateTlsMaterial, type TlsMaterial } from './tls';
import { NonceCache, actionParams, envelope, verifyCall, type AccessKey, type IncomingCall } from './verify';

export type { EmulatorStateJson } from './state';
export { EmulatorState } from './state';
export type { Fault, FaultKind } from './faults';
export type { AccessKey } from './verify';

/** The pair the emulator accepts when no other is configured. Not a real credential. */
export const DEMO_ACCESS_KEY: { accessKeyId: string; accessKeySecret: string } = Object.freeze({
  accessKeyId: 'LTAI5tEmuDemoKey0000001',
  accessKeySecret: 'EmulatorDemoSecretNotReal00000001',
});

/**
 * Also accepted by default: a RAM user's key in the demo account (AssumeRole refuses account keys) and a RAM
 * user's key in a second account. demo-state.json's `principals` says whose they are. Not real credentials.
 */
export const DEMO_RAM_USER_KEY: { accessKeyId: string; accessKeySecret: string } = Object.freeze({
  accessKeyId: 'LTAI5tEmuRamUserKey0001',
  accessKeySecret: 'EmulatorRamUserSecretNotReal0001',
});
export const DEMO_PARTNER_KEY: { accessKeyId: string; accessKeySecret: string } = Object.freeze({
  accessKeyId: 'LTAI5tEmuPartnerKey0001',
  accessKeySecret: 'EmulatorPartnerSecretNotReal0001',
});
/** RAM user `analytics-ro` of the demo account: holds VODAppReadOnlyAccess only, so it is no VOD app administrator. */
export const DEMO_READONLY_KEY: { accessKeyId: string; accessKeySecret: string } = Object.freeze({
  accessKeyId: 'LTAI5tEmuReadOnlyKey001',
  accessKeySecret: 'EmulatorReadOnlySecretNotReal001',
});
export const DEFAULT_ACCESS_KEYS: readonly AccessKey[] = [DEMO_ACCESS_KEY, DEMO_RAM_USER_KEY, DEMO_PARTNER_KEY, DEMO_READONLY_KEY];

export interface EmulatorOptions {
  /** 0 = any free port (default 0). With networkRttMs, the relay's port (the emulator's own listener takes any free one). */
  port?: number;
  /** Loopback only: 127.0.0.1 (default), localhost or ::1. */
  host?: string;
  /** Accepted keys (default DEFAULT_ACCESS_KEYS). A key with securityToken requires that token. */
  accessKeys?: AccessKey[];
  /** Initial state (default the demo state); also what POST /__emulator/reset restores. */
  state?: EmulatorStateJson;
  /** Per-action QPS overrides on top of the defaults, or false to disable throttling. */
  qpsLimits?: Record<string, number> | false;
  /** Latency added to every API request, ms. */
  latencyMs?: number;
  /** No per-request log lines (default false). */
  quiet?: boolean;
  /** Clock for timestamps, nonces and QPS windows (ms since epoch); STS expiry runs on it plus an offset. */
  now?: () => number;
  /** Also listen with TLS (a CA generated for the run; see tlsUrl/caFile). */
  tls?: boolean;
  /**
   * With `tls`: use this CA and certificate instead of generating them, for a process that must trust the CA
   * before the emulator starts (Node reads NODE_EXTRA_CA_CERTS only when it starts).
   */
  tlsMaterial?: TlsMaterial;
  /** Port of the TLS listener (default 0 = any free port); with networkRttMs, its relay's. */
  tlsPort?: number;
  /**
   * Network-delay mode: a relay (networkDelay.ts) in front of the plain and TLS listeners adds this round trip to
   * every connection's handshake and every exchange; url/port/tlsUrl/tlsPort are then the relays', and the
   * requested port/tlsPort are where the relays listen, so a client pointed at them cannot bypass the delay.
   */
  networkRttMs?: number;
}

/** Test hooks for the credentials AssumeRole issues. */
export interface StsControl {
  /** Moves the STS clock forward: sessions expire as if that much time had passed (request Timestamps unaffected). */
  advanceClock(ms: number): void;
  /** Credentials issued from now on live this many seconds whatever DurationSeconds said; undefined restores. */
  setCredentialLifetime(seconds: number | undefined): void;
  /** The STS clock, ms since epoch. */
  now(): number;
  /** Every temporary key issued and still remembered (secrets and tokens included), for tests that scan output for them. */
  issued(): readonly { accessKeyId: string; accessKeySecret: string; securityToken: string }[];
}

export interface ActionStats {
  received: number;
  accepted: number;
  throttled: number;
  failed: number;
  /** The most requests received within any 1000 ms (sliding), throttled ones included: what a client's pacing sent. */
  peakPerSecond: number;
  /**
   * When the earliest- and the latest-arriving of the accepted calls arrived (the emulator's clock, ms since epoch);
   * absent until a call is accepted. With `accepted`: the pace the server saw, free of the last answer's latency,
   * (accepted − 1) / (lastAcceptedArrivalAt − firstAcceptedArrivalAt).
   */
  firstAcceptedArrivalAt?: number;
  lastAcceptedArrivalAt?: number;
}
export interface EmulatorStats {
  received: number;
  byAction: Record<string, ActionStats>;
  /** TCP connections accepted (plain and TLS listeners), TLS handshakes completed and how many resumed a session. */
  connections: { tcp: number; tls: number; tlsResumed: number };
}

export interface ReceivedRequest {
  time: string;
  method: string;
  action?: string;
  accessKeyId?: string;
  signatureVersion: 'v1' | 'v3';
  /** All params (query and form) minus Signature. */
  params: Record<string, string>;
  status: number;
  /** 'OK', the error Code, or 'fault:<kind>'. */
  outcome: string;
  requestId?: string;
}

/** Test hooks for the emulated ActionTrail (trail.ts). */
export interface TrailControl {
  /** Moves the trail's clock forward: events become visible as if that much time had passed. */
  advanceClock(ms: number): void;
  /** How long after a call its event appears (until the next reset). */
  setDelay(ms: number): void;
}

export interface RunningEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
  setFault(action: string, fault: Fault): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  /** Network-delay mode only: changes the round trip the relays add. */
  setNetworkRtt(ms: number): void;
  stats(): EmulatorStats;
  resetStats(): void;
  requests(): readonly ReceivedRequest[];
  state: EmulatorState;
  sts: StsControl;
  trail: TrailControl;
  /** With `tls`: the https base URL and the PEM file of the CA that signed its certificate. */
  tlsUrl?: string;
  tlsPort?: number;
  caFile?: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const MAX_BODY = 1024 * 1024;
const MAX_LOG = 1000;

export function maskAccessKeyId(id: string): string {
  return id.length <= 8 ? '****' : `${id.slice(0, 4)}****${id.slice(-4)}`;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function toRecord(sp: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  // First occurrence wins for a repeated name, as in the signer's view of a well-formed request.
  for (const [k, v] of sp) if (!(k in out)) out[k] = v;
  return out;
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(',') : v;
  return out;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const HTML_502 = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n'
  + '<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n';

export async function startEmulator(o: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = o.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host)) throw new Error(`the emulator listens on loopback only, not ${host}`);
  const now = o.now ?? Date.now;
  const keys = new Map<string, AccessKey>((o.accessKeys ?? DEFAULT_ACCESS_KEYS).map((k) => [k.accessKeyId, { ...k }]));
  const initialState = o.state ?? demoState();
  const state = new EmulatorState(initialState, now);
  const initialStateJson = state.toJSON(); // validated snapshot for reset
  const limiter = new SlidingWindowLimiter(o.qpsLimits);
  const nonces = new NonceCache();
  const faults = new FaultTable();
  const sessions = new StsSessions(now);
  let latencyMs = o.latencyMs ?? 0;
  let stats: EmulatorStats = { received: 0, byAction: {}, connections: { tcp: 0, tls: 0, tlsResumed: 0 } };
  const log: ReceivedRequest[] = [];
  const held = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let closing = false;
  let closed: Promise<void> | undefined; // close() is idempotent

  function actionStats(action: string): ActionStats {
    return (stats.byAction[action] ??= { received: 0, accepted: 0, throttled: 0, failed: 0, peakPerSecond: 0 });
  }

  // Arrival times of the last second per action, for ActionStats.peakPerSecond.
  let arrivals = new Map<string, number[]>();
  function countArrival(action: string, s: ActionStats, at: number): void {
    let times = arrivals.get(action);
    if (!times) arrivals.set(action, (times = []));
    times.push(at);
    let drop = 0;
    while (drop < times.length && at - (times[drop] as number) >= 1000) drop++;
    if (drop) times.splice(0, drop);
    if (times.length > s.peakPerSecond) s.peakPerSecond = times.length;
  }

  function record(r: ReceivedRequest, started: number): void {
    log.push(r);
    if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
    if (!o.quiet) {
      const who = r.accessKeyId ? maskAccessKeyId(r.accessKeyId) : '-';
      console.log(`${r.time} ${r.method} ${r.action ?? '-'} ${who} ${r.status} ${r.outcome} ${Date.now() - started}ms`);
    }
  }

  function sendJson(res: ServerResponse, status: number, body: unknown, requestId?: string, rewrite?: readonly (readonly [string, string])[]): void {
    if (res.destroyed || res.writableEnded) return;
    const text = rewrite ? rewriteAnswer(JSON.stringify(body), rewrite) : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json;charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...(requestId ? { 'x-acs-request-id': requestId } : {}),
    });
    res.end(text);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const headers = headerRecord(req);
    const isForm = (headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
    const call: IncomingCall = {
      method,
      path: url.pathname,
      query: toRecord(url.searchParams),
      form: isForm ? toRecord(new URLSearchParams(body.toString('utf8'))) : {},
      headers,
      rawBody: body,
    };
    const env = envelope(call);
    const statsKey = env.action ?? '(none)';
    const s = actionStats(statsKey);
    stats.received++;
    s.received++;
    const arrivedAt = now();
    countArrival(statsKey, s, arrivedAt);
    const { Signature: _sig, ...loggedParams } = env.params;
    const entry: ReceivedRequest = {
      time: new Date(now()).toISOString(), method, action: env.action, accessKeyId: env.accessKeyId,
      signatureVersion: env.signatureVersion, params: loggedParams, status: 0, outcome: '',
    };
    const spec = findAction(env.action);
    const hostId = spec ? hostIdOf(spec.product, state.region) : (headers.host ?? '127.0.0.1');
    const requestId = newRequestId();

    const fail = (err: ApiError, recommend?: string) => {
      if (err.code === 'Throttling.User') s.throttled++;
      else s.failed++;
      Object.assign(entry, { status: err.status, outcome: err.code, requestId });
      record(entry, started);
      sendJson(res, err.status, errorBody(err, requestId, hostId, spec ? PRODUCT_LABEL[spec.product] : undefined, recommend), requestId);
    };

    // A fault's answer is logged and counted as a failure like any error, whatever it sends (if anything).
    const faulted = (status: number, kind: FaultKind, withRequestId = false) => {
      Object.assign(entry, { status, outcome: `fault:${kind}`, ...(withRequestId ? { requestId } : {}) });
      s.failed++;
      record(entry, started);
    };
    // The answer is lost on the way back: the socket is reset, or the request is held until the client gives up.
    const drop = (kind: FaultKind, how: 'reset' | 'hold') => {
      faulted(0, kind);
      if (how === 'reset') {
        req.socket.destroy();
        return;
      }
      held.add(res);
      res.on('close', () => held.delete(res));
    };

    const fault = faults.take(env.action ?? '', env.params);
    const after = dropsAnswerAfterAction(fault?.kind) ? fault.kind : undefined;
    const answerLost = () => after && drop(after, after === 'reset-after-action' ? 'reset' : 'hold');
    const delay = latencyMs + (fault?.latencyMs ?? 0);
    if (delay > 0) await sleep(delay);
    if (closing || res.destroyed) return;
    if (fault?.kind) {
      switch (fault.kind) {
        case 'throttle':
          return fail(E.throttled(), fault.recommend);
        case 'server-error': {
          const status = fault.status ?? 500;
          const err = status === 503 ? E.unavailable() : E.internal();
          return fail(status === err.status ? err : new ApiError(status, err.code, err.message), fault.recommend);
        }
        case 'error': {
          const code = fault.code ?? 'InternalError';
          return fail(new ApiError(fault.status ?? 400, code, fault.message ?? `The request failed with ${code}.`), fault.recommend);
        }
        case 'reset':
          return drop(fault.kind, 'reset');
        case 'no-answer':
          return drop(fault.kind, 'hold');
        case 'reset-after-action':
        case 'no-answer-after-action':
        case 'rewrite':
          break; // handled once the request has run
        case 'html': {
          faulted(502, fault.kind);
          if (!res.destroyed) {
            res.writeHead(502, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(HTML_502) });
            res.end(HTML_502);
          }
          return;
        }
        case 'status-without-code': {
          const status = fault.status ?? 404;
          faulted(status, fault.kind, true);
          sendJson(res, status, { RequestId: requestId, HostId: hostId, Message: 'The request failed without an error code.' }, requestId);
          return;
        }
      }
    }

    // Set once the caller is known: from then on, the call is one ActionTrail records (trail.ts), failed or not.
    let trailed: Omit<CallFacts, 'errorCode' | 'errorMessage'> | undefined;
    const recordTrail = (err?: ApiError) => {
      if (trailed) state.trail.record({ ...trailed, ...(err ? { errorCode: err.code, errorMessage: err.message } : {}) }, state.directory);
    };
    try {
      if (!env.action) throw E.missing('Action');
      if (!spec) throw E.apiNotFound(env.action, env.version);
      if (!env.version) throw E.missing('Version');
      if (env.version !== spec.version) throw E.invalidVersion(env.version, env.action);
      const key = spec.unsigned ? { accessKeyId: '' } : verifyCall(call, env, { keys, sessions, nonces, now: now() });
      if (!limiter.tryAccept(key.accessKeyId, env.action, now())) throw E.throttled();
      const session = key.accessKeyId ? sessions.find(key.accessKeyId) : undefined;
      const caller: Caller = session
        ? { accessKeyId: key.accessKeyId, accountId: session.accountId, session }
        : key.accessKeyId ? { accessKeyId: key.accessKeyId, ...state.directory.principal(key.accessKeyId) } : { accessKeyId: '', accountId: '' };
      const params = actionParams(env);
      trailed = {
        product: spec.product, region: state.region, action: env.action, version: env.version, params, caller, requestId,
        sourceIp: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''), userAgent: headers['user-agent'] ?? '',
      };
      if (state.caller(key.accessKeyId).deniedActions?.includes(env.action)) throw E.actionDenied(`${spec.product}:${env.action}`);
      const result = spec.handler({ state, params, accessKeyId: key.accessKeyId, caller, sessions, trail: state.trail });
      recordTrail();
      if (after) return answerLost();
      s.accepted++;
      if (s.firstAcceptedArrivalAt === undefined || arrivedAt < s.firstAcceptedArrivalAt) s.firstAcceptedArrivalAt = arrivedAt;
      if (s.lastAcceptedArrivalAt === undefined || arrivedAt > s.lastAcceptedArrivalAt) s.lastAcceptedArrivalAt = arrivedAt;
      Object.assign(entry, { status: 200, outcome: 'OK', requestId });
      record(entry, started);
      sendJson(res, 200, { RequestId: requestId, ...result }, requestId, fault?.kind === 'rewrite' ? fault.rewrite : undefined);
    } catch (e) {
      recordTrail(e instanceof ApiError ? e : E.internal());
      if (after) return answerLost();
      if (e instanceof ApiError) return fail(e);
      console.error('emulator: unexpected error', e);
      return fail(E.internal());
    }
  }

  const onRequest: RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    readBody(req).then(
      (body) => url.pathname.startsWith(ADMIN_PREFIX)
        ? handleAdmin(req, res, url.pathname, body, adminHooks)
        : handleApi(req, res, url, body),
    ).catch(() => {
      if (!res.headersSent && !res.destroyed) sendJson(res, 413, { Code: 'InvalidParameter', Message: 'Request body too large.' });
    });
  };
  const listen = async (srv: Server, p: number): Promise<number> => {
    srv.on('connection', (sock: Socket) => {
      stats.connections.tcp++;
      sockets.add(sock);
      sock.on('close', () => sockets.delete(sock));
    });
    // Counted so tests can see connection reuse: a client that reconnects per call pays a handshake per call.
    srv.on('secureConnection', (sock: TLSSocket) => {
      stats.connections.tls++;
      if (sock.isSessionReused()) stats.connections.tlsResumed++;
    });
    srv.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(p, host, () => {
        srv.off('error', reject);
        resolve();
      });
    });
    return (srv.address() as AddressInfo).port;
  };
  // In network-delay mode the relays take the requested ports and the listeners behind them any free ones.
  const delayed = o.networkRttMs !== undefined;
  const server = createServer(onRequest);
  const port = await listen(server, delayed ? 0 : (o.port ?? 0));
  let tlsServer: Server | undefined;
  let tlsPort: number | undefined;
  let caDir: string | undefined;
  if (o.tls) {
    const material = o.tlsMaterial ?? generateTlsMaterial();
    caDir = mkdtempSync(join(tmpdir(), 'alicloud-emulator-ca-'));
    writeFileSync(join(caDir, 'ca.pem'), material.caCert, { mode: 0o644 });
    tlsServer = createTlsServer({ cert: material.cert, key: material.key }, onRequest) as unknown as Server;
    try {
      tlsPort = await listen(tlsServer, delayed ? 0 : (o.tlsPort ?? 0));
    } catch (e) {
      server.close();
      rmSync(caDir, { recursive: true, force: true });
      throw e;
    }
  }
  const hostInUrl = host === '::1' ? '[::1]' : host === 'localhost' ? 'localhost' : '127.0.0.1';
  const relays: DelayRelay[] = [];
  let clientPort = port;
  let clientTlsPort = tlsPort;
  if (o.networkRttMs !== undefined) {
    try {
      const plain = await startDelayRelay({ host, port }, o.networkRttMs, host, o.port ?? 0);
      relays.push(plain);
      clientPort = plain.port;
      if (tlsPort !== undefined) {
        const secure = await startDelayRelay({ host, port: tlsPort }, o.networkRttMs, host, o.tlsPort ?? 0);
        relays.push(secure);
        clientTlsPort = secure.port;
      }
    } catch (e) {
      // A requested port already taken: nothing of this emulator stays listening.
      await Promise.all(relays.map((relay) => relay.close()));
      server.close();
      tlsServer?.close();
      if (caDir) rmSync(caDir, { recursive: true, force: true });
      throw e;
    }
  }

  const emulator: RunningEmulator = {
    url: `http://${hostInUrl}:${clientPort}`,
    port: clientPort,
    state,
    ...(clientTlsPort !== undefined && caDir ? { tlsUrl: `https://${hostInUrl}:${clientTlsPort}`, tlsPort: clientTlsPort, caFile: join(caDir, 'ca.pem') } : {}),
    sts: {
      advanceClock: (ms) => sessions.advance(ms),
      setCredentialLifetime: (seconds) => sessions.setLifetimeOverride(seconds),
      now: () => sessions.now(),
      issued: () => sessions.all().map(({ accessKeyId, accessKeySecret, securityToken }) => ({ accessKeyId, accessKeySecret, securityToken })),
    },
    trail: {
      advanceClock: (ms) => state.trail.advance(ms),
      setDelay: (ms) => {
        state.trail.delayMs = ms;
      },
    },
    close: () => (closed ??= new Promise<void>((resolve) => {
      closing = true;
      for (const relay of relays) void relay.close();
      let open = tlsServer ? 2 : 1;
      const done = () => {
        if (--open > 0) return;
        if (caDir) rmSync(caDir, { recursive: true, force: true });
        resolve();
      };
      server.close(done);
      tlsServer?.close(done);
      // Held (no-answer) requests and idle keep-alive sockets would otherwise keep close() waiting forever.
      for (const res of held) res.destroy();
      held.clear();
      for (const sock of sockets) sock.destroy();
    })),
    setFault: (action, fault) => faults.set(action, fault),
    clearFaults: () => faults.clear(),
    setLatency: (ms) => {
      if (!(ms >= 0) || !Number.isFinite(ms)) throw new Error('latency must be a non-negative number of ms');
      latencyMs = ms;
    },
    setNetworkRtt: (ms) => {
      if (relays.length === 0) throw new Error('the emulator was started without networkRttMs');
      for (const relay of relays) relay.rttMs = ms;
    },
    stats: () => JSON.parse(JSON.stringify(stats)) as EmulatorStats,
    resetStats: () => {
      stats = { received: 0, byAction: {}, connections: { tcp: 0, tls: 0, tlsResumed: 0 } };
      arrivals = new Map();
    },
    requests: () => log.slice(),
  };

  const adminHooks = {
    emulator,
    replaceState: (json: unknown) => state.replace(json),
    reset: () => {
      state.replace(initialStateJson);
      faults.clear();
      limiter.reset();
      sessions.reset();
      latencyMs = o.latencyMs ?? 0;
      emulator.resetStats();
    },
    listFaults: () => faults.list(),
  };
  return emulator;
}
