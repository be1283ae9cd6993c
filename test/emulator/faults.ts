// Fault injection: per action (or '*' for any), applied to the next `times` requests after the request has been
// read and its action identified, before signature checks, throttling or any state change. Faults model what a
// gateway or an overloaded backend does to a client, so they win over everything the request would otherwise get.
// The two `…-after-action` kinds are the exception: the request is processed as usual (the action runs and changes
// the state) and only its answer is lost, the way a write can succeed behind a connection that then dies. So is
// `rewrite`: the request runs and its successful answer is altered on the way back, the way a server that is not
// Alibaba's (or something between) could answer: e.g. a ListUsers whose UserId is not digits.

export type FaultKind =
  | 'server-error' | 'throttle' | 'error' | 'reset' | 'no-answer' | 'html' | 'status-without-code'
  | 'reset-after-action' | 'no-answer-after-action' | 'rewrite';
export const FAULT_KINDS: readonly FaultKind[] = [
  'server-error', 'throttle', 'error', 'reset', 'no-answer', 'html', 'status-without-code', 'reset-after-action', 'no-answer-after-action',
  'rewrite',
];

/** Kinds that answer with an Alibaba error body ({RequestId, HostId, Code, Message, Recommend}). */
const ERROR_BODY_KINDS: readonly FaultKind[] = ['server-error', 'throttle', 'error'];

/** Kinds that let the request run and then drop whatever it would have answered. */
export function dropsAnswerAfterAction(kind: FaultKind | undefined): kind is 'reset-after-action' | 'no-answer-after-action' {
  return kind === 'reset-after-action' || kind === 'no-answer-after-action';
}

export interface Fault {
  /** Omitted → latency only. */
  kind?: FaultKind;
  /**
   * server-error: 500 (InternalError, default) or 503 (ServiceUnavailable); status-without-code: default 404;
   * error: default 400.
   */
  status?: number;
  /** error: the Code of the error body (required), e.g. `Forbidden.RAM`. */
  code?: string;
  /** error: its Message (default: a generic one naming the code). */
  message?: string;
  /**
   * server-error, throttle, error: the Recommend of the error body instead of Alibaba's troubleshooting link, e.g.
   * a link off Alibaba's domains. `{RequestId}` and `{Code}` are replaced by the answer's RequestId and Code.
   */
  recommend?: string;
  /** Added before the fault (or the normal answer) is produced. */
  latencyMs?: number;
  /** Number of requests affected; omitted → until cleared. */
  times?: number;
  /**
   * Only requests whose parameters have these exact values (e.g. `{ IdentityName: '2037…' }`: one identity of a
   * scan fails while the others are answered). Requests that do not match pass untouched and use up no `times`.
   */
  match?: Record<string, string>;
  /**
   * rewrite (required): `[from, to]` pairs replaced, every occurrence in order, in the JSON text of the action's
   * successful answer, e.g. `[['"UserId":"2037164829300001"', '"UserId":"alice"']]`. Error answers pass unchanged.
   */
  rewrite?: [string, string][];
}

export function validateFault(action: unknown, fault: unknown): { action: string; fault: Fault } {
  if (typeof action !== 'string' || action === '') throw new Error('fault action must be a non-empty string (an action name or "*")');
  if (typeof fault !== 'object' || fault === null) throw new Error('fault must be an object');
  const f = fault as Record<string, unknown>;
  if (f.kind !== undefined && !FAULT_KINDS.includes(f.kind as FaultKind)) throw new Error(`fault.kind must be one of ${FAULT_KINDS.join(', ')}`);
  for (const k of ['status', 'latencyMs', 'times'] as const) {
    if (f[k] !== undefined && (typeof f[k] !== 'number' || !Number.isFinite(f[k]) || (f[k] as number) < 0)) {
      throw new Error(`fault.${k} must be a non-negative number`);
    }
  }
  if (f.status !== undefined && ((f.status as number) < 400 || (f.status as number) > 599)) throw new Error('fault.status must be 400-599');
  if (f.kind === undefined && f.latencyMs === undefined) throw new Error('fault needs a kind or latencyMs');
  for (const k of ['code', 'message', 'recommend'] as const) {
    if (f[k] !== undefined && (typeof f[k] !== 'string' || f[k] === '')) throw new Error(`fault.${k} must be a non-empty string`);
  }
  if (f.kind === 'error' && f.code === undefined) throw new Error('fault.code is required for kind "error"');
  if (f.code !== undefined && f.kind !== 'error') throw new Error('fault.code applies to kind "error" only');
  if (f.message !== undefined && f.kind !== 'error') throw new Error('fault.message applies to kind "error" only');
  if (f.recommend !== undefined && !ERROR_BODY_KINDS.includes(f.kind as FaultKind)) {
    throw new Error(`fault.recommend applies to kinds ${ERROR_BODY_KINDS.join(', ')} only`);
  }
  const rewrite = f.rewrite as unknown;
  if (f.kind === 'rewrite' && rewrite === undefined) throw new Error('fault.rewrite is required for kind "rewrite"');
  if (rewrite !== undefined) {
    if (f.kind !== 'rewrite') throw new Error('fault.rewrite applies to kind "rewrite" only');
    const pairs = Array.isArray(rewrite) ? rewrite : [];
    const valid = pairs.length > 0 && pairs.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && p[0] !== '' && typeof p[1] === 'string');
    if (!valid) throw new Error('fault.rewrite must be a non-empty array of [from, to] string pairs, from non-empty');
  }
  if (f.match !== undefined) {
    const m = f.match as Record<string, unknown>;
    if (typeof m !== 'object' || m === null || Array.isArray(m) || Object.values(m).some((v) => typeof v !== 'string')) {
      throw new Error('fault.match must be an object of parameter names to string values');
    }
  }
  return {
    action,
    fault: {
      kind: f.kind as FaultKind | undefined,
      status: f.status as number | undefined,
      latencyMs: f.latencyMs as number | undefined,
      times: f.times as number | undefined,
      ...(f.code !== undefined ? { code: f.code as string } : {}),
      ...(f.message !== undefined ? { message: f.message as string } : {}),
      ...(f.recommend !== undefined ? { recommend: f.recommend as string } : {}),
      ...(f.match !== undefined ? { match: { ...(f.match as Record<string, string>) } } : {}),
      ...(rewrite !== undefined ? { rewrite: (rewrite as [string, string][]).map(([from, to]): [string, string] => [from, to]) } : {}),
    },
  };
}

interface Armed { fault: Fault; remaining: number }

export class FaultTable {
  private readonly byAction = new Map<string, Armed>();

  set(action: string, fault: Fault): void {
    const v = validateFault(action, fault);
    this.byAction.set(v.action, { fault: v.fault, remaining: v.fault.times ?? Infinity });
  }

  clear(): void {
    this.byAction.clear();
  }

  /** The fault for this request, consuming one of its `times`; the action's own entry wins over '*'. */
  take(action: string, params: Readonly<Record<string, string>> = {}): Fault | undefined {
    for (const key of [action, '*']) {
      const armed = this.byAction.get(key);
      if (!armed) continue;
      const match = armed.fault.match;
      if (match && Object.entries(match).some(([name, value]) => params[name] !== value)) continue;
      if (armed.remaining <= 0) {
        this.byAction.delete(key);
        continue;
      }
      armed.remaining--;
      if (armed.remaining <= 0) this.byAction.delete(key);
      return armed.fault;
    }
    return undefined;
  }

  list(): { action: string; fault: Fault; remaining: number | null }[] {
    return [...this.byAction].map(([action, a]) => ({ action, fault: a.fault, remaining: Number.isFinite(a.remaining) ? a.remaining : null }));
  }
}

/** A successful answer's JSON text with a rewrite fault's replacements applied (see Fault.rewrite). */
export function rewriteAnswer(text: string, pairs: readonly (readonly [string, string])[]): string {
  return pairs.reduce((t, [from, to]) => t.split(from).join(to), text);
}
