// Authentication of an incoming call exactly as Alibaba's RPC gateway describes it: common-param checks, AccessKey
// lookup, STS token, timestamp skew, signature (v1 HMAC-SHA1 params or v3 ACS3-HMAC-SHA256 header) and nonce
// replay. The order matters: the nonce is recorded only after the signature is proven, so a forged request
// cannot burn a legitimate client's nonce.
import { timingSafeEqual } from 'node:crypto';
import { E } from './errors';
import { isWellFormedToken, type StsSessions } from './stsSessions';
import { V3_ALGORITHM, formatTimestamp, sha256Hex, sign, signV3, stringToSign, stringToSignV3, type V3Input } from './signature';

export interface AccessKey { accessKeyId: string; accessKeySecret: string; securityToken?: string }

/** What the server extracted from the HTTP request before authenticating it. */
export interface IncomingCall {
  method: string;
  path: string;
  /** Decoded query-string params. */
  query: Record<string, string>;
  /** Decoded form-body params (empty unless the body is application/x-www-form-urlencoded). */
  form: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  rawBody: Buffer;
}

export interface CallEnvelope {
  signatureVersion: 'v1' | 'v3';
  action?: string;
  version?: string;
  accessKeyId?: string;
  /** Query and form params merged (form wins on a clash), Signature removed. */
  params: Record<string, string>;
}

const V1_COMMON = new Set(['Format', 'Version', 'AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion',
  'SignatureNonce', 'Timestamp', 'SecurityToken', 'Action', 'SignatureType', 'RegionId']);

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?Z$/;
export const MAX_SKEW_MS = 15 * 60 * 1000;

function parseAuthorization(h: string): { algorithm: string; credential: string; signedHeaders: string[]; signature: string } | undefined {
  const m = /^(\S+)\s+(.*)$/.exec(h.trim());
  if (!m) return undefined;
  const fields: Record<string, string> = {};
  for (const part of m[2].split(',')) {
    const i = part.indexOf('=');
    if (i > 0) fields[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  if (!fields.Credential || !fields.SignedHeaders || !fields.Signature) return undefined;
  return { algorithm: m[1], credential: fields.Credential, signedHeaders: fields.SignedHeaders.split(';').map((s) => s.trim().toLowerCase()), signature: fields.Signature };
}

/** Identifies the call's signature style, action and key without checking anything yet (for faults and stats). */
export function envelope(call: IncomingCall): CallEnvelope {
  const params: Record<string, string> = { ...call.query, ...call.form };
  const auth = call.headers.authorization;
  if (auth && auth.startsWith('ACS3-')) {
    const parsed = parseAuthorization(auth);
    return {
      signatureVersion: 'v3',
      action: call.headers['x-acs-action'] || undefined,
      version: call.headers['x-acs-version'] || undefined,
      accessKeyId: parsed?.credential,
      params,
    };
  }
  return { signatureVersion: 'v1', action: params.Action || undefined, version: params.Version || undefined, accessKeyId: params.AccessKeyId || undefined, params };
}

/** Action params only: the common v1 params stripped. */
export function actionParams(env: CallEnvelope): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env.params)) if (env.signatureVersion === 'v3' || !V1_COMMON.has(k)) out[k] = v;
  return out;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function checkTimestamp(ts: string, now: number): void {
  const m = TIMESTAMP.exec(ts);
  if (!m) throw E.timestampFormat(ts);
  const t = Date.parse(ts);
  // Date.parse accepts 2024-02-30; round-tripping the date part rejects impossible calendar dates.
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 19) !== `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`) throw E.timestampFormat(ts);
  if (Math.abs(now - t) > MAX_SKEW_MS) throw E.timestampExpired(ts, formatTimestamp(new Date(now)));
}

/**
 * Remembers (key, nonce) pairs for the 15-minute validity window of a timestamp. Entries are kept in insertion
 * order, so expired ones are dropped from the front; a hard cap bounds memory under a flood (the oldest go first).
 */
export class NonceCache {
  private readonly seen = new Map<string, number>();
  constructor(private readonly ttlMs = MAX_SKEW_MS * 2, private readonly max = 200_000) {}

  /** True if new (and records it), false if already used within the window. */
  use(accessKeyId: string, nonce: string, now: number): boolean {
    this.prune(now);
    const k = `${accessKeyId}\n${nonce}`;
    const exp = this.seen.get(k);
    if (exp !== undefined && exp > now) return false;
    this.seen.delete(k);
    this.seen.set(k, now + this.ttlMs);
    return true;
  }

  private prune(now: number): void {
    for (const [k, exp] of this.seen) {
      if (exp > now && this.seen.size < this.max) break;
      this.seen.delete(k);
    }
  }

  get size(): number { return this.seen.size; }
  clear(): void { this.seen.clear(); }
}

export interface VerifyContext {
  keys: ReadonlyMap<string, AccessKey>;
  /** Credentials issued by the emulated AssumeRole, accepted by every product until they expire. */
  sessions?: StsSessions;
  nonces: NonceCache;
  now: number;
}

/** An issued STS key: token shape, then the token itself, then expiry (a wrong token says nothing about expiry). */
function checkSession(ctx: VerifyContext, id: string, token: string | undefined): AccessKey | undefined {
  const s = ctx.sessions?.find(id);
  if (!s || !ctx.sessions) return undefined;
  if (!token) throw E.missing('SecurityToken');
  if (!isWellFormedToken(token)) throw E.tokenMalformed();
  if (!safeEqual(token, s.securityToken)) throw E.tokenMismatch();
  if (ctx.sessions.isExpired(s)) throw E.tokenExpired();
  return { accessKeyId: s.accessKeyId, accessKeySecret: s.accessKeySecret, securityToken: s.securityToken };
}

function checkKey(ctx: VerifyContext, id: string, token: string | undefined): AccessKey {
  const session = checkSession(ctx, id, token);
  if (session) return session;
  const key = ctx.keys.get(id);
  if (!key) throw E.keyNotFound();
  if (key.securityToken !== undefined) {
    if (!token) throw E.missing('SecurityToken');
    if (!safeEqual(token, key.securityToken)) throw E.tokenMismatch();
  } else if (token) {
    throw E.tokenMismatch();
  }
  return key;
}

/** Throws ApiError on any authentication problem; returns the verified key. */
export function verifyCall(call: IncomingCall, env: CallEnvelope, ctx: VerifyContext): AccessKey {
  return env.signatureVersion === 'v3' ? verifyV3(call, ctx) : verifyV1(call, env, ctx);
}

function verifyV1(call: IncomingCall, env: CallEnvelope, ctx: VerifyContext): AccessKey {
  const p = env.params;
  if (p.Format !== undefined && p.Format.toUpperCase() !== 'JSON') throw E.unsupportedFormat(p.Format);
  for (const name of ['AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp']) {
    if (!p[name]) throw E.missing(name);
  }
  if (p.SignatureMethod !== 'HMAC-SHA1') throw E.signatureMethod(p.SignatureMethod);
  if (p.SignatureVersion !== '1.0') throw E.signatureVersion(p.SignatureVersion);
  checkTimestamp(p.Timestamp, ctx.now);
  const key = checkKey(ctx, p.AccessKeyId, p.SecurityToken);
  const expected = sign(call.method, p, key.accessKeySecret);
  if (!safeEqual(expected, p.Signature)) throw E.signatureMismatch(stringToSign(call.method, p));
  if (!ctx.nonces.use(key.accessKeyId, p.SignatureNonce, ctx.now)) throw E.nonceUsed();
  return key;
}

const V3_MUST_SIGN = ['host', 'x-acs-action', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version', 'x-acs-content-sha256'];

function verifyV3(call: IncomingCall, ctx: VerifyContext): AccessKey {
  const h = call.headers;
  const auth = parseAuthorization(h.authorization ?? '');
  if (!auth) throw E.incompleteSignature('Authorization must be "ACS3-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=...".');
  if (auth.algorithm !== V3_ALGORITHM) throw E.signatureMethod(auth.algorithm);
  if (!h['x-acs-date']) throw E.missing('Timestamp');
  if (!h['x-acs-signature-nonce']) throw E.missing('SignatureNonce');
  if (!h['x-acs-content-sha256']) throw E.incompleteSignature('The x-acs-content-sha256 header is required.');
  for (const name of V3_MUST_SIGN) {
    if (!auth.signedHeaders.includes(name)) throw E.incompleteSignature(`SignedHeaders must include ${name}.`);
  }
  checkTimestamp(h['x-acs-date'], ctx.now);
  const key = checkKey(ctx, auth.credential, h['x-acs-security-token']);
  const payloadHash = sha256Hex(call.rawBody);
  const input: V3Input = {
    method: call.method, path: call.path, query: call.query, headers: h, signedHeaders: auth.signedHeaders, payloadHash,
  };
  // A body that does not match its declared hash is a signature failure: the hash is what was signed.
  if (h['x-acs-content-sha256'] !== payloadHash || !safeEqual(signV3(input, key.accessKeySecret), auth.signature.toLowerCase())) {
    throw E.signatureMismatch(stringToSignV3(input));
  }
  if (!ctx.nonces.use(key.accessKeyId, h['x-acs-signature-nonce'], ctx.now)) throw E.nonceUsed();
  return key;
}
