// Reading Alibaba's JSON answers defensively. pop-core parses with json-bigint: objects have a null prototype (no
// toString, no hasOwnProperty), integers beyond 2^53 arrive as BigNumber, and lists come either bare or wrapped in
// an object named after the item (`{ MediaBucket: [...] }`), sometimes as a single object when there is one item.

import * as l10n from '@vscode/l10n';
import { badResponseError } from './popCoreErrors';
import { MAX_SERVER_ID, cleanServerText } from './redact';
import { isPlainObject } from './plainObject';

export type ResponseBody = Readonly<Record<string, unknown>>;


function isBigNumber(value: unknown): value is { toFixed(): string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toFixed?: unknown }).toFixed === 'function' &&
    typeof (value as { isNaN?: unknown }).isNaN === 'function'
  );
}

/** A string field, also from numbers and BigNumbers (ids that happen to be numeric); otherwise undefined. */
export function optionalString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (isBigNumber(value)) return value.toFixed();
  return undefined;
}

export function optionalNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (isBigNumber(value)) return Number(value.toFixed());
  return undefined;
}

/** Items of a list that may be bare, wrapped as `{ [itemKey]: [...] }`, a single object, or missing. */
export function listItems(value: unknown, itemKey: string): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (isPlainObject(value) && itemKey in value) return listItems(value[itemKey], itemKey);
  return [value];
}

/**
 * NonExistPolicyNames / FailedPolicyNames: an array (SDK models), a comma-separated string (older doc samples),
 * Alibaba's wrapped form `{ PolicyName: [...] }`, or missing. Always a clean list of names.
 */
export function policyNameList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (Array.isArray(value)) return value.flatMap((item) => policyNameList(item));
  if (isPlainObject(value)) {
    if ('PolicyName' in value) return policyNameList(value.PolicyName);
    // Some other wrapper name: take whatever it wraps.
    return Object.keys(value).flatMap((key) => policyNameList(value[key]));
  }
  const text = optionalString(value);
  return text ? [text] : [];
}

/** Names a server lists (policies) end up in records and log lines: one bounded line each. */
export function serverNames(names: readonly string[]): string[] {
  return names.map((n) => cleanServerText(n, [], MAX_SERVER_ID));
}

/** Every answer carries a RequestId; its absence means this is not an Alibaba API answer at all. */
export function requireRequestId(body: unknown, httpStatus?: number): string {
  const raw = isPlainObject(body) ? optionalString(body.RequestId) : undefined;
  // It goes into every record and log line: one bounded line, whatever the server sent.
  const requestId = raw === undefined ? undefined : cleanServerText(raw, [], MAX_SERVER_ID).trim();
  if (!requestId) {
    throw badResponseError(l10n.t('The server answered without a RequestId; this does not look like an Alibaba Cloud API response.'), httpStatus);
  }
  return requestId;
}
