// ActionTrail events as this project reads them: one event of LookupEvents' `Events[]`, parsed defensively into a
// plain shape that holds no secret. The AccessKeyId is masked here, before anything can log or show it, and the
// request parameters lose every signing field (a server that left them in must not make us print them).

import { isPlainObject } from './plainObject';
import { MAX_SERVER_ID, cleanServerText, maskAccessKeyId } from './redact';
import { optionalString } from './responses';

/** Who made a call, as the event's `userIdentity` says. */
export interface TrailIdentity {
  /** `root-account`, `ram-user`, `assumed-role`, `system`… as ActionTrail wrote it. */
  readonly type: string;
  readonly principalId?: string;
  readonly accountId?: string;
  /** The RAM user's name, or for an assumed role the role (and session) it names. */
  readonly userName?: string;
  /** Masked: `LTAI****abcd`, `STS.****wxyz`. */
  readonly maskedAccessKeyId?: string;
  /** For temporary keys: when the session was created, and whether MFA was used, as the event says. */
  readonly sessionCreated?: string;
  readonly mfa?: string;
}

export interface TrailEvent {
  readonly eventId?: string;
  readonly requestId: string;
  readonly eventName: string;
  /** ISO time of the call. */
  readonly eventTime: string;
  readonly serviceName?: string;
  readonly eventRW?: string;
  readonly resourceName?: string;
  readonly sourceIpAddress?: string;
  readonly userAgent?: string;
  readonly identity: TrailIdentity;
  /** The call's own parameters as text (signing fields removed), sorted by name. */
  readonly requestParameters: Readonly<Record<string, string>>;
  readonly errorCode?: string;
}

/** Never shown, whatever a server recorded: they sign or authenticate a request. AccessKeyId is masked instead. */
const SIGNING_FIELDS = new Set(
  ['Signature', 'SignatureNonce', 'SignatureMethod', 'SignatureVersion', 'SignatureType', 'SecurityToken', 'AccessKeySecret', 'Timestamp', 'AccessKeyId', 'Format'].map((k) => k.toLowerCase()),
);

const MAX_PARAMS = 50;

/** LookupEvents' MaxResults limit (1–50). */
export const MAX_TRAIL_RESULTS = 50;

/** `2024-05-01T10:00:00Z`: what LookupEvents documents (no milliseconds). */
export function trailTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function text(value: unknown, max = MAX_SERVER_ID): string | undefined {
  const raw = optionalString(value);
  if (raw === undefined) return undefined;
  const clean = cleanServerText(raw, [], max).trim();
  return clean === '' ? undefined : clean;
}

/** ActionTrail sends requestParameters as an object (documented), some tools as a JSON string: both are read. */
function parametersOf(value: unknown): Record<string, string> {
  let source: unknown = value;
  if (typeof value === 'string') {
    try {
      source = JSON.parse(value);
    } catch {
      return {};
    }
  }
  if (!isPlainObject(source)) return {};
  const out: Record<string, string> = {};
  for (const key of Object.keys(source).sort().slice(0, MAX_PARAMS)) {
    if (SIGNING_FIELDS.has(key.toLowerCase())) continue;
    const raw = source[key];
    const shown = isPlainObject(raw) || Array.isArray(raw) ? JSON.stringify(raw) : optionalString(raw) ?? (typeof raw === 'boolean' ? String(raw) : undefined);
    if (shown !== undefined) out[cleanServerText(key, [], MAX_SERVER_ID)] = cleanServerText(shown, [], 1000);
  }
  return out;
}

function identityOf(value: unknown): TrailIdentity {
  const id = isPlainObject(value) ? value : {};
  const session = isPlainObject(id.sessionContext) ? id.sessionContext : {};
  const attributes = isPlainObject(session.attributes) ? session.attributes : {};
  const accessKeyId = optionalString(id.accessKeyId);
  const fields: Record<string, string | undefined> = {
    principalId: text(id.principalId),
    accountId: text(id.accountId),
    userName: text(id.userName),
    maskedAccessKeyId: accessKeyId ? maskAccessKeyId(accessKeyId) : undefined,
    sessionCreated: text(attributes.creationDate),
    mfa: text(attributes.mfaAuthenticated),
  };
  const present = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Omit<TrailIdentity, 'type'>;
  return { type: text(id.type) ?? 'unknown', ...present };
}

/** One event, or undefined when it lacks what makes it usable (a RequestId, a name, a time). */
export function parseTrailEvent(item: unknown): TrailEvent | undefined {
  if (!isPlainObject(item)) return undefined;
  const requestId = text(item.requestId);
  const eventName = text(item.eventName);
  const eventTime = text(item.eventTime);
  if (!requestId || !eventName || !eventTime || Number.isNaN(Date.parse(eventTime))) return undefined;
  const optional: Record<string, string | undefined> = {
    eventId: text(item.eventId),
    serviceName: text(item.serviceName),
    eventRW: text(item.eventRW),
    resourceName: text(item.resourceName, 1000),
    sourceIpAddress: text(item.sourceIpAddress),
    userAgent: text(item.userAgent, 1000),
    errorCode: text(item.errorCode),
  };
  return {
    requestId,
    eventName,
    eventTime: new Date(Date.parse(eventTime)).toISOString(),
    identity: identityOf(item.userIdentity),
    requestParameters: parametersOf(item.requestParameters),
    ...(Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<TrailEvent>),
  };
}

/** RequestIds match whatever case a person pasted them in. */
export function sameRequestId(a: string, b: string): boolean {
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

/** `ram-user bob`, `assumed-role ops/vscode-ops`, `root-account 1234…` — one short phrase for messages and logs. */
export function describeActor(identity: TrailIdentity): string {
  const who = identity.userName ?? identity.principalId ?? identity.accountId ?? '?';
  return `${identity.type} ${who}`;
}

/** The write that undoes each of our revocations: seeing it after the revocation means the access came back. */
export const REGRANT_OF: Readonly<Record<string, string>> = {
  UnbindOutputBucket: 'BindOutputBucket',
  UnbindInputBucket: 'BindInputBucket',
  DetachAppPolicyFromIdentity: 'AttachAppPolicyToIdentity',
};
