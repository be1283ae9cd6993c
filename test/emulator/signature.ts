// Pure signing helpers for Alibaba Cloud RPC requests. Nothing here does I/O or knows about HTTP servers, so the
// same functions serve the verifier, the unit test vectors and any test that needs to hand-craft a request.
import { createHash, createHmac } from 'node:crypto';

/**
 * RFC 3986 percent-encoding as Alibaba applies it: only `A-Za-z0-9-_.~` stay literal, everything else is UTF-8
 * encoded as `%XX` (so space is `%20`, not `+`, and `*` is `%2A`). encodeURIComponent already leaves exactly the
 * unreserved set plus `!'()*` alone, so those five are fixed up afterwards.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Params sorted by name (code-unit order, as Alibaba's SDKs sort), encoded, joined as `k=v&k=v`. */
export function canonicalQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join('&');
}

/** Signature v1 StringToSign: `METHOD&%2F&` + percentEncode(canonical query). */
export function stringToSign(method: string, params: Readonly<Record<string, string>>): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}

/** Signature v1: Base64(HMAC-SHA1(secret + '&', StringToSign)). */
export function sign(method: string, params: Readonly<Record<string, string>>, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign(method, params), 'utf8').digest('base64');
}

/** Adds the v1 common params and Signature to `params`; handy for tests that craft raw requests. */
export function signedParams(
  method: string,
  params: Readonly<Record<string, string>>,
  key: { accessKeyId: string; accessKeySecret: string; securityToken?: string },
  now: Date = new Date(),
  nonce: string = createHash('sha1').update(String(Math.random()) + String(process.hrtime.bigint())).digest('hex'),
): Record<string, string> {
  const all: Record<string, string> = {
    Format: 'JSON',
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: nonce,
    Timestamp: formatTimestamp(now),
    AccessKeyId: key.accessKeyId,
    ...(key.securityToken ? { SecurityToken: key.securityToken } : {}),
    ...params,
  };
  all.Signature = sign(method, all, key.accessKeySecret);
  return all;
}

/** `YYYY-MM-DDThh:mm:ssZ`, the only Timestamp shape the RPC docs show. */
export function formatTimestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// ---- ACS3-HMAC-SHA256 (signature v3) -------------------------------------------------------------------------
// The official v4 SDKs (@alicloud/openapi-core) sign every call this way by default, with an Authorization header
// instead of a Signature param, so the emulator must verify it too.

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface V3Input {
  method: string;
  /** URI path, `/` for RPC calls. */
  path: string;
  /** Decoded query params (not the body). */
  query: Readonly<Record<string, string>>;
  /** Lower-cased header names to values; only the signed ones are used. */
  headers: Readonly<Record<string, string>>;
  signedHeaders: readonly string[];
  /** Hex SHA-256 of the body as sent (the x-acs-content-sha256 header). */
  payloadHash: string;
}

export function canonicalRequestV3(i: V3Input): string {
  const query = Object.keys(i.query)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(i.query[k])}`)
    .join('&');
  const headers = i.signedHeaders.map((h) => `${h}:${(i.headers[h] ?? '').trim()}\n`).join('');
  return [i.method.toUpperCase(), i.path || '/', query, headers, i.signedHeaders.join(';'), i.payloadHash].join('\n');
}

export function stringToSignV3(i: V3Input): string {
  return `${V3_ALGORITHM}\n${sha256Hex(canonicalRequestV3(i))}`;
}

export function signV3(i: V3Input, accessKeySecret: string): string {
  return createHmac('sha256', accessKeySecret).update(stringToSignV3(i), 'utf8').digest('hex');
}
