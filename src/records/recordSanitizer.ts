// The one gate every CallRecord passes before it is stored or shown: history writes, history loads (globalState
// may hold data from an older version or a corrupted profile) and records arriving in the inspector webview.
//
// The core already hands out clean records; this is defence in depth. Only known fields survive, strings are
// bounded, and anything that looks like signing material is removed, whatever field it hides in.
//
// AccessKeyIds are masked where they are known to be one: the maskedAccessKeyId field, an AccessKeyId parameter,
// `AccessKeyId=…` in text, and any word that is the record's own AccessKeyId (same prefix and tail as its mask).
// Not every word that starts with LTAI: RAM user, role and policy names may (`LTAIopsAdmin2024`), and a history
// that shows the wrong name makes audits and undo lie.

import { maskAccessKeyId, redactText } from '../cloud/redact';
import type { CallErrorInfo, CallOutcome, CloudErrorKind, Product, SigningCredential } from '../cloud/types';
import type { HistoryRecord, UndoneBy } from './historyRecord';
import { isPlainObject } from '../cloud/plainObject';

/** Long enough for any real parameter or message, short enough that a full history stays a few megabytes on disk. */
export const MAX_FIELD_LENGTH = 2000;
const MAX_PARAMS = 50;
const MAX_POLICY_NAMES = 100;

const PRODUCTS: readonly Product[] = ['mps', 'vod', 'ram', 'sts', 'actiontrail'];
const OUTCOMES: readonly CallOutcome[] = ['succeeded', 'failed', 'cancelled', 'unknown'];
const ERROR_KINDS: readonly CloudErrorKind[] = [
  'auth', 'permission', 'throttled', 'invalid-input', 'not-found', 'server', 'network', 'timeout', 'bad-response',
  'cancelled', 'unknown-outcome',
];

/** Parameter names that never belong in a record, even though no action of ours takes them. */
const SECRET_KEY = /secret|signature|securitytoken|password|credential|privatekey|^token$/i;

const CREDENTIAL_SOURCE = /^(keychain|environment|unknown|aliyun-cli:[A-Za-z0-9._@()-]{1,64})$/;
const ROLE_ARN = /^acs:ram::\d{1,64}:role\/[A-Za-z0-9._@/-]{1,128}$/;
const SESSION_NAME = /^[A-Za-z0-9._@-]{2,64}$/;

/** Where the signing key came from: only the shapes the extension writes survive. */
function sanitizeCredential(input: unknown, text: (v: unknown) => string | undefined): SigningCredential | undefined {
  if (!isPlainObject(input)) return undefined;
  const source = text(input.source);
  if (!source || !CREDENTIAL_SOURCE.test(source)) return undefined;
  const roleArn = text(input.roleArn);
  const sessionName = text(input.sessionName);
  return {
    source,
    ...(roleArn && ROLE_ARN.test(roleArn) ? { roleArn } : {}),
    ...(sessionName && SESSION_NAME.test(sessionName) ? { sessionName } : {}),
  };
}

/** Returns a clean copy of a record, or undefined when the input is not a record at all. */
export function sanitizeRecord(input: unknown): HistoryRecord | undefined {
  if (!isPlainObject(input)) {
    return undefined;
  }
  // First, so every other field can be checked against the record's own key.
  const rawKeyId = bounded(input.maskedAccessKeyId);
  const maskedAccessKeyId = rawKeyId ? remask(redactText(rawKeyId)) : undefined;
  const text = textCleaner(maskedAccessKeyId);
  const id = text(input.id);
  const time = text(input.time);
  const action = text(input.action);
  const product = PRODUCTS.find((p) => p === input.product);
  const outcome = OUTCOMES.find((o) => o === input.outcome);
  if (!id || !time || Number.isNaN(Date.parse(time)) || !action || !product || !outcome) {
    return undefined;
  }
  const record: Mutable<HistoryRecord> = {
    id,
    time,
    product,
    action,
    region: text(input.region) ?? '',
    endpoint: text(input.endpoint) ?? '',
    target: text(input.target) ?? '',
    params: sanitizeParams(input.params, text),
    outcome,
    latencyMs: count(input.latencyMs),
    attempts: count(input.attempts),
  };
  const before = sanitizeParams(input.before, text);
  if (Object.keys(before).length > 0) record.before = before;
  const profile = text(input.profile);
  if (profile !== undefined) record.profile = profile;
  const account = text(input.account);
  if (account && /^\d{1,64}$/.test(account)) record.account = account;
  if (maskedAccessKeyId) record.maskedAccessKeyId = maskedAccessKeyId;
  const credential = sanitizeCredential(input.credential, text);
  if (credential) record.credential = credential;
  const requestId = text(input.requestId);
  if (requestId) record.requestId = requestId;
  const error = sanitizeError(input.error, text);
  if (error) record.error = error;
  const nonExist = names(input.nonExistPolicyNames, text);
  if (nonExist) record.nonExistPolicyNames = nonExist;
  const failed = names(input.failedPolicyNames, text);
  if (failed) record.failedPolicyNames = failed;
  const confirmedBy = readBackOf(input.confirmedBy, text);
  if (confirmedBy?.requestId) record.confirmedBy = { action: confirmedBy.action, requestId: confirmedBy.requestId };
  const undoneBy = sanitizeUndoneBy(input.undoneBy, text);
  if (undoneBy) record.undoneBy = undoneBy;
  return record;
}

/** Cleans one string field of a record; undefined for anything that is not a string. */
type TextCleaner = (value: unknown) => string | undefined;

function sanitizeParams(input: unknown, text: TextCleaner): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isPlainObject(input)) {
    return out;
  }
  for (const [key, value] of Object.entries(input).slice(0, MAX_PARAMS)) {
    if (SECRET_KEY.test(key) || key.length > 100) {
      continue;
    }
    const clean = typeof value === 'number' || typeof value === 'boolean' ? String(value) : text(value);
    if (clean !== undefined) out[key] = ACCESS_KEY_ID_PARAM.test(key) ? remask(clean) : clean;
  }
  return out;
}

function sanitizeError(input: unknown, text: TextCleaner): CallErrorInfo | undefined {
  if (!isPlainObject(input)) {
    return undefined;
  }
  const kind = ERROR_KINDS.find((k) => k === input.kind);
  const code = text(input.code);
  if (!kind || !code) {
    return undefined;
  }
  const error: Mutable<CallErrorInfo> = { kind, code, message: text(input.message) ?? '' };
  if (typeof input.httpStatus === 'number' && Number.isInteger(input.httpStatus)) error.httpStatus = input.httpStatus;
  const recommend = text(input.recommend);
  if (recommend) error.recommend = recommend;
  const readBack = readBackOf(input.readBack, text);
  if (readBack) error.readBack = { code: '', ...readBack };
  return error;
}

/** confirmedBy / error.readBack: an action name, an optional RequestId and (for a failed read) its code. */
function readBackOf(input: unknown, text: TextCleaner): { action: string; requestId?: string; code?: string } | undefined {
  if (!isPlainObject(input)) return undefined;
  const action = text(input.action);
  if (!action) return undefined;
  const requestId = text(input.requestId);
  const code = text(input.code);
  return { action, ...(requestId ? { requestId } : {}), ...(code ? { code } : {}) };
}

function sanitizeUndoneBy(input: unknown, text: TextCleaner): UndoneBy | undefined {
  if (!isPlainObject(input)) {
    return undefined;
  }
  const requestId = text(input.requestId);
  const time = text(input.time);
  return requestId && time && !Number.isNaN(Date.parse(time)) ? { requestId, time } : undefined;
}

const ACCESS_KEY_ID_PARAM = /^accesskeyid$/i;
// Words shaped like an AccessKeyId (long-term LTAI… or temporary STS.…): candidates only, see textCleaner.
const ACCESS_KEY_ID_WORD = /\b(?:LTAI|STS\.)[A-Za-z0-9]{8,}\b/g;
// STS tokens start with CAIS and run far longer than any RAM name (64 characters at most).
const BARE_STS_TOKEN = /\bCAIS[A-Za-z0-9+/=_-]{40,}/g;

/**
 * The cleaner for one record: bounded, signing material redacted, STS tokens removed, and words that are this
 * record's AccessKeyId masked. With no key on the record, no bare word is taken for one.
 */
function textCleaner(ownMaskedKeyId: string | undefined): TextCleaner {
  return (value) => {
    const clean = bounded(value);
    if (clean === undefined) {
      return undefined;
    }
    let out = redactText(clean).replace(BARE_STS_TOKEN, '***');
    if (ownMaskedKeyId) {
      out = out.replace(ACCESS_KEY_ID_WORD, (word) => (maskAccessKeyId(word) === ownMaskedKeyId ? ownMaskedKeyId : word));
    }
    return out;
  };
}

/** A string cut to MAX_FIELD_LENGTH, or undefined for anything that is not a string. */
function bounded(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  return value.length > MAX_FIELD_LENGTH ? `${value.slice(0, MAX_FIELD_LENGTH)}…` : value;
}

function names(value: unknown, text: TextCleaner): string[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  return value.slice(0, MAX_POLICY_NAMES).map(text).filter((n): n is string => n !== undefined);
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

/** A stored id that is not masked (no `****`) gets masked now: a full AccessKeyId must never be persisted. */
function remask(id: string): string {
  return id.includes('****') ? id : maskAccessKeyId(id);
}


type Mutable<T> = { -readonly [K in keyof T]: T[K] };
