// Unsigned control surface under /__emulator/ for processes that cannot reach the in-process API (an extension
// host, a benchmark in another process). Loopback peers only: it can rewrite the emulator's whole world.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { validateFault } from './faults';
import type { RunningEmulator } from './server';

export const ADMIN_PREFIX = '/__emulator/';

export interface AdminHooks {
  emulator: RunningEmulator;
  replaceState(json: unknown): void;
  reset(): void;
  listFaults(): unknown;
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  return JSON.parse(body.toString('utf8'));
}

export function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer, hooks: AdminHooks): void {
  if (!isLoopback(req.socket.remoteAddress)) {
    send(res, 403, { error: 'the emulator admin API answers loopback clients only' });
    return;
  }
  const route = `${req.method ?? 'GET'} ${path.slice(ADMIN_PREFIX.length).replace(/\/+$/, '')}`;
  const em = hooks.emulator;
  try {
    switch (route) {
      case 'GET health':
        return send(res, 200, { ok: true, url: em.url, ...(em.tlsUrl ? { tlsUrl: em.tlsUrl, caFile: em.caFile } : {}) });
      case 'GET stats':
        return send(res, 200, em.stats());
      case 'POST stats/reset':
        em.resetStats();
        return send(res, 200, { ok: true });
      case 'GET requests':
        return send(res, 200, em.requests());
      case 'GET faults':
        return send(res, 200, hooks.listFaults());
      case 'POST faults': {
        const b = parseJson(body) as { action?: unknown; fault?: unknown };
        const v = validateFault(b.action, b.fault);
        em.setFault(v.action, v.fault);
        return send(res, 200, { ok: true });
      }
      case 'DELETE faults':
        em.clearFaults();
        return send(res, 200, { ok: true });
      case 'POST latency': {
        const ms = (parseJson(body) as { ms?: unknown }).ms;
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return send(res, 400, { error: 'ms must be a non-negative number' });
        em.setLatency(ms);
        return send(res, 200, { ok: true });
      }
      case 'GET state':
        return send(res, 200, em.state.toJSON());
      case 'PUT state':
        hooks.replaceState(parseJson(body));
        return send(res, 200, { ok: true });
      case 'POST sts/clock': {
        // Ages every issued STS credential (for expiry tests) without touching request-Timestamp checks.
        const ms = (parseJson(body) as { advanceMs?: unknown }).advanceMs;
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return send(res, 400, { error: 'advanceMs must be a non-negative number' });
        em.sts.advanceClock(ms);
        return send(res, 200, { ok: true, now: new Date(em.sts.now()).toISOString() });
      }
      case 'POST sts/lifetime': {
        const seconds = (parseJson(body) as { seconds?: unknown }).seconds;
        if (seconds !== null && (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0)) {
          return send(res, 400, { error: 'seconds must be a positive number, or null to restore DurationSeconds' });
        }
        em.sts.setCredentialLifetime(seconds ?? undefined);
        return send(res, 200, { ok: true });
      }
      case 'POST trail/clock': {
        // Makes ActionTrail events visible sooner, as if the minutes they take to appear had passed.
        const ms = (parseJson(body) as { advanceMs?: unknown }).advanceMs;
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return send(res, 400, { error: 'advanceMs must be a non-negative number' });
        em.trail.advanceClock(ms);
        return send(res, 200, { ok: true });
      }
      case 'POST trail/delay': {
        const ms = (parseJson(body) as { ms?: unknown }).ms;
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return send(res, 400, { error: 'ms must be a non-negative number' });
        em.trail.setDelay(ms);
        return send(res, 200, { ok: true });
      }
      case 'POST reset':
        hooks.reset();
        return send(res, 200, { ok: true });
      default:
        return send(res, 404, { error: `unknown admin route ${route}` });
    }
  } catch (e) {
    send(res, 400, { error: e instanceof Error ? e.message : String(e) });
  }
}
