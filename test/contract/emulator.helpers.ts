// Shared helpers for the emulator contract tests: pop-core clients pointed at a running emulator, an assertion
// for Alibaba error shapes, and a raw signed-request sender for the cases pop-core cannot produce.
import { strict as assert } from 'node:assert';
import RPCClient = require('@alicloud/pop-core');
import { REQUEST_ID_PATTERN } from '../emulator/requestId';
import { DEMO_ACCESS_KEY, type RunningEmulator } from '../emulator/server';
import { signedParams } from '../emulator/signature';

export const MPS_VERSION = '2014-06-18';
export const VOD_VERSION = '2017-03-21';

export interface Key { accessKeyId: string; accessKeySecret: string; securityToken?: string }

export function mpsClient(em: RunningEmulator, key: Key = DEMO_ACCESS_KEY): RPCClient {
  return new RPCClient({ endpoint: em.url, apiVersion: MPS_VERSION, ...key });
}
export function vodClient(em: RunningEmulator, key: Key = DEMO_ACCESS_KEY): RPCClient {
  return new RPCClient({ endpoint: em.url, apiVersion: VOD_VERSION, ...key });
}

// pop-core answers parse into null-prototype objects; normalizing keeps deepEqual simple.
export async function post<T = Record<string, unknown>>(c: RPCClient, action: string, params: object = {}): Promise<T> {
  return JSON.parse(JSON.stringify(await c.request<T>(action, params, { method: 'POST' }))) as T;
}

export interface PopError extends Error { code: string; data: Record<string, unknown>; entry: { response: { statusCode: number } } }

/** Awaits a rejected pop-core call and checks the Alibaba error contract: Code, status, RequestId, HostId. */
export async function expectError(p: Promise<unknown>, code: string, status: number): Promise<PopError> {
  let err: PopError | undefined;
  try {
    await p;
  } catch (e) {
    err = e as PopError;
  }
  assert.ok(err, `expected ${code} but the call succeeded`);
  assert.equal(err.code, code, `code (message: ${err.message})`);
  assert.equal(err.entry.response.statusCode, status);
  assertErrorBody(err.data, code);
  return err;
}

export function assertErrorBody(body: Record<string, unknown>, code: string): void {
  assert.equal(body.Code, code);
  assert.match(String(body.RequestId), REQUEST_ID_PATTERN);
  assert.equal(typeof body.HostId, 'string');
  assert.ok(String(body.HostId).length > 0);
  assert.equal(typeof body.Message, 'string');
  assert.equal(typeof body.Recommend, 'string');
}

export interface RawAnswer { status: number; body: Record<string, unknown>; headers: Headers }

/**
 * Sends already-built params. mode: 'query' (GET), 'body' (POST form), 'mixed' (POST; common params in the query,
 * the rest in the body).
 */
export async function sendRaw(em: RunningEmulator, params: Record<string, string>, mode: 'query' | 'body' | 'mixed'): Promise<RawAnswer> {
  let url = `${em.url}/`;
  let body: string | undefined;
  if (mode === 'query') {
    url += `?${new URLSearchParams(params)}`;
  } else if (mode === 'body') {
    body = new URLSearchParams(params).toString();
  } else {
    const q = new URLSearchParams();
    const b = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      (['Action', 'Version', 'AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'Format'].includes(k) ? q : b).append(k, v);
    }
    url += `?${q}`;
    body = b.toString();
  }
  const res = await fetch(url, {
    method: mode === 'query' ? 'GET' : 'POST',
    ...(body !== undefined ? { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

/** Signs with v1 and sends; `tamper` may edit the signed params (to break them) before sending. */
export async function signedCall(
  em: RunningEmulator,
  action: string,
  version: string,
  params: Record<string, string>,
  o: { mode?: 'query' | 'body' | 'mixed'; key?: Key; now?: Date; nonce?: string; tamper?: (p: Record<string, string>) => void } = {},
): Promise<RawAnswer> {
  const mode = o.mode ?? 'body';
  const p = signedParams(mode === 'query' ? 'GET' : 'POST', { Action: action, Version: version, ...params }, o.key ?? DEMO_ACCESS_KEY, o.now, o.nonce);
  o.tamper?.(p);
  return sendRaw(em, p, mode);
}
