// Reading a RAM policy document for what it says about VOD and MPS. This is not RAM's evaluator: it never decides
// "no access". It lists every statement that touches `vod:` or `mts:` actions with what qualifies it (a Deny, a
// resource scope, conditions), and every statement it cannot read (NotAction, NotResource, an unknown shape) as
// such, so that a revocation tool never hides a grant it did not understand.

import { isPlainObject } from './plainObject';

/** The services whose access this extension revokes. */
export type RamService = 'vod' | 'mts';
export const RAM_SERVICES: readonly RamService[] = ['vod', 'mts'];

export type StatementEffect = 'Allow' | 'Deny';

/** Why a document or statement could not be read; ramGrantText.ts words each one. */
export type UnreadableReason =
  | 'invalidJson' // the document is not JSON
  | 'notAnObject' // JSON, but not a policy object
  | 'version' // Version other than "1"
  | 'noStatement' // Statement missing or not a list of objects
  | 'effect' // Effect neither Allow nor Deny
  | 'action' // Action/NotAction missing, or not a string or list of strings, or not service:action
  | 'resource' // Resource missing or not a string or list of strings
  | 'condition' // Condition present but not an object
  | 'notAction' // NotAction: everything except a list, which this reader does not evaluate
  | 'notResource'; // NotResource: every resource except a list, likewise

export type StatementReading =
  | {
      readonly kind: 'covers';
      readonly effect: StatementEffect;
      readonly service: RamService;
      /** 'all' when every action of the service matches (`*`, `vod:*`, `VOD:*`); else the patterns as written. */
      readonly actions: 'all' | readonly string[];
      /** 'all' for `*`; else the resources as written (a scope this reader does not resolve to apps). */
      readonly resources: 'all' | readonly string[];
      /** `Operator key` pairs of the Condition block, as written; empty when there is none. */
      readonly conditions: readonly string[];
    }
  | {
      readonly kind: 'unreadable';
      readonly effect?: StatementEffect;
      readonly reason: UnreadableReason;
      /** What the statement says, for the row (e.g. the NotAction list); never interpreted. */
      readonly detail?: string;
    };

export interface PolicyReading {
  /** Statements about VOD/MPS and every statement that could not be read, in document order. Empty: neither. */
  readonly statements: readonly StatementReading[];
}

/** A document as GetPolicy answers it (a JSON string) or, from a lenient proxy, already parsed. */
export function readPolicyDocument(document: unknown): PolicyReading {
  let doc: unknown = document;
  if (typeof document === 'string') {
    try {
      doc = JSON.parse(document);
    } catch {
      return unreadable('invalidJson');
    }
  }
  if (!isPlainObject(doc)) return unreadable('notAnObject');
  if (doc.Version !== '1') return unreadable('version', typeof doc.Version === 'string' ? doc.Version : undefined);
  // RAM writes Statement as a list; a single object is read too rather than refused.
  const raw = Array.isArray(doc.Statement) ? doc.Statement : isPlainObject(doc.Statement) ? [doc.Statement] : undefined;
  if (!raw || !raw.every(isPlainObject)) return unreadable('noStatement');
  return { statements: raw.flatMap((s) => readStatement(s as Record<string, unknown>)) };
}

function unreadable(reason: UnreadableReason, detail?: string): PolicyReading {
  return { statements: [{ kind: 'unreadable', reason, ...(detail ? { detail } : {}) }] };
}

function stringList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return v as string[];
  return undefined;
}

function readStatement(s: Record<string, unknown>): StatementReading[] {
  const effectText = typeof s.Effect === 'string' ? s.Effect.toLowerCase() : '';
  if (effectText !== 'allow' && effectText !== 'deny') return [{ kind: 'unreadable', reason: 'effect', ...(typeof s.Effect === 'string' ? { detail: s.Effect } : {}) }];
  const effect: StatementEffect = effectText === 'allow' ? 'Allow' : 'Deny';
  if (s.NotAction !== undefined) {
    const list = stringList(s.NotAction);
    return [{ kind: 'unreadable', effect, reason: 'notAction', ...(list ? { detail: list.join(', ') } : {}) }];
  }
  const actions = stringList(s.Action);
  if (!actions) return [{ kind: 'unreadable', effect, reason: 'action' }];
  const matched = new Map<RamService, string[] | 'all'>();
  for (const pattern of actions) {
    const m = matchAction(pattern);
    if (m === 'malformed') return [{ kind: 'unreadable', effect, reason: 'action', detail: pattern }];
    for (const [service, coverage] of m) {
      const before = matched.get(service);
      if (before === 'all' || coverage === 'all') matched.set(service, 'all');
      else matched.set(service, [...(before ?? []), pattern]);
    }
  }
  if (matched.size === 0) return []; // about other services only: nothing to say
  if (s.NotResource !== undefined) {
    const list = stringList(s.NotResource);
    return [{ kind: 'unreadable', effect, reason: 'notResource', ...(list ? { detail: list.join(', ') } : {}) }];
  }
  const resourceList = stringList(s.Resource);
  if (!resourceList) return [{ kind: 'unreadable', effect, reason: 'resource' }];
  const resources: 'all' | string[] = resourceList.includes('*') ? 'all' : resourceList;
  let conditions: string[] = [];
  if (s.Condition !== undefined) {
    if (!isPlainObject(s.Condition)) return [{ kind: 'unreadable', effect, reason: 'condition' }];
    conditions = Object.entries(s.Condition).flatMap(([operator, body]) =>
      isPlainObject(body) && Object.keys(body).length > 0 ? Object.keys(body).map((key) => `${operator} ${key}`) : [operator]);
  }
  return RAM_SERVICES.filter((service) => matched.has(service)).map((service) => ({
    kind: 'covers', effect, service, actions: matched.get(service) as 'all' | string[], resources, conditions,
  }));
}

/**
 * Which of VOD and MPS an Action pattern reaches, and whether it reaches every action of it. The service prefix
 * matches case-insensitively (RAM does); `*` and `?` are wildcards in both halves.
 */
export function matchAction(pattern: string): Map<RamService, 'all' | 'some'> | 'malformed' {
  const out = new Map<RamService, 'all' | 'some'>();
  if (/^\*+$/.test(pattern)) {
    for (const s of RAM_SERVICES) out.set(s, 'all');
    return out;
  }
  const colon = pattern.indexOf(':');
  if (colon <= 0 || colon === pattern.length - 1) return 'malformed';
  const servicePart = pattern.slice(0, colon);
  const actionPart = pattern.slice(colon + 1);
  const serviceRe = globRegExp(servicePart);
  for (const s of RAM_SERVICES) {
    if (serviceRe.test(s)) out.set(s, /^\*+$/.test(actionPart) ? 'all' : 'some');
  }
  return out;
}

function globRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** True when a reading may let its holder act in VOD (or MPS): an Allow, or a statement that could not be read. */
export function mayGrant(reading: StatementReading, service: RamService): boolean {
  if (reading.kind === 'unreadable') return reading.effect !== 'Deny';
  return reading.effect === 'Allow' && reading.service === service;
}

/** Every VOD app (or every MPS action), unconditionally: what a detach of app policies cannot take away. */
export function grantsEverything(reading: StatementReading, service: RamService): boolean {
  return reading.kind === 'covers' && reading.effect === 'Allow' && reading.service === service
    && reading.actions === 'all' && reading.resources === 'all' && reading.conditions.length === 0;
}
