// The inspector's message protocol, both directions, and the guards that check every message on arrival.
// No VS Code and no DOM: the extension and the webview import the same guards, and the unit tests check them.
//
// Neither side trusts the other: a webview can be scripted by anything that gets into it, and a webview that
// outlived an extension update may receive shapes it does not know. Anything unexpected is rejected with a
// reason the receiver logs; nothing is coerced into a different message.

import type { HistoryRecord } from '../records/historyRecord';
import { sanitizeRecord } from '../records/recordSanitizer';
import { isPlainObject } from '../cloud/plainObject';

/** Record ids and RequestIds are short; anything longer is not one. */
export const MAX_ID_LENGTH = 200;
/** Export sends the ids on screen; the history cap bounds that well below this. */
export const MAX_EXPORT_IDS = 10000;
export const MAX_RECORDS_PER_MESSAGE = 10000;

/** Webview → extension. */
export type InspectorRequest =
  /** The script loaded (first time or after being hidden and shown again) and wants the records. */
  | { readonly type: 'ready' }
  | { readonly type: 'copyRequestId'; readonly requestId: string }
  | { readonly type: 'undo'; readonly recordId: string }
  /**
   * Open the troubleshooting page of this record's error. A record id, not a URL: the extension reads the link from
   * its own copy of the record and opens it only if it is Alibaba's, so a scripted page cannot open anything.
   */
  | { readonly type: 'openTroubleshooting'; readonly recordId: string }
  /** Export the records with these ids (the filtered rows, in screen order). The extension looks them up itself. */
  | { readonly type: 'export'; readonly recordIds: readonly string[] }
  /** Find this record's ActionTrail event (by the record's own RequestId, which the extension reads itself). */
  | { readonly type: 'lookUpTrail'; readonly recordId: string };

/** Extension → webview. */
export type InspectorUpdate =
  /** The whole history, newest first: it replaces what the webview shows. Sent when the page (re)loads. */
  | { readonly type: 'records'; readonly records: readonly HistoryRecord[]; readonly undoableIds: readonly string[] }
  /**
   * What changed since the last message (see recordDelta.ts). `undoableIds` covers only the added and updated
   * records: the page keeps what it knows about the others.
   */
  | {
      readonly type: 'delta';
      readonly added: readonly HistoryRecord[];
      readonly removedIds: readonly string[];
      readonly updated: readonly HistoryRecord[];
      readonly undoableIds: readonly string[];
    }
  /** Select and reveal one record (the tree's "Open Request Inspector" on a record). */
  | { readonly type: 'focus'; readonly recordId: string }
  /**
   * What ActionTrail said about a record: label/value rows of its event, or a note (not yet, not found, refused).
   * Server text: the page shows it as text only.
   */
  | { readonly type: 'trail'; readonly recordId: string; readonly note: string; readonly rows: readonly (readonly [string, string])[] };

/** An event has a few dozen rows at most; more is not an answer we sent. */
export const MAX_TRAIL_ROWS = 200;

export type Parsed<T> = { readonly message: T } | { readonly error: string };

export function parseInspectorRequest(data: unknown): Parsed<InspectorRequest> {
  if (!isPlainObject(data) || typeof data.type !== 'string') {
    return { error: 'not a message object with a type' };
  }
  switch (data.type) {
    case 'ready':
      return onlyKeys(data, ['type']) ?? { message: { type: 'ready' } };
    case 'copyRequestId': {
      const requestId = id(data.requestId);
      if (!requestId) return { error: 'copyRequestId: requestId must be a non-empty short string' };
      return onlyKeys(data, ['type', 'requestId']) ?? { message: { type: 'copyRequestId', requestId } };
    }
    case 'undo': {
      const recordId = id(data.recordId);
      if (!recordId) return { error: 'undo: recordId must be a non-empty short string' };
      return onlyKeys(data, ['type', 'recordId']) ?? { message: { type: 'undo', recordId } };
    }
    case 'openTroubleshooting': {
      const recordId = id(data.recordId);
      if (!recordId) return { error: 'openTroubleshooting: recordId must be a non-empty short string' };
      return onlyKeys(data, ['type', 'recordId']) ?? { message: { type: 'openTroubleshooting', recordId } };
    }
    case 'lookUpTrail': {
      const recordId = id(data.recordId);
      if (!recordId) return { error: 'lookUpTrail: recordId must be a non-empty short string' };
      return onlyKeys(data, ['type', 'recordId']) ?? { message: { type: 'lookUpTrail', recordId } };
    }
    case 'export': {
      const ids = data.recordIds;
      if (!Array.isArray(ids) || ids.length > MAX_EXPORT_IDS) {
        return { error: `export: recordIds must be an array of at most ${MAX_EXPORT_IDS} ids` };
      }
      const recordIds = ids.map(id);
      if (recordIds.some((r) => r === undefined)) return { error: 'export: every record id must be a short string' };
      return onlyKeys(data, ['type', 'recordIds']) ?? { message: { type: 'export', recordIds: recordIds as string[] } };
    }
    default:
      return { error: `unknown message type ${JSON.stringify(data.type.slice(0, 40))}` };
  }
}

export function parseInspectorUpdate(data: unknown): Parsed<InspectorUpdate> {
  if (!isPlainObject(data) || typeof data.type !== 'string') {
    return { error: 'not a message object with a type' };
  }
  switch (data.type) {
    case 'records': {
      if (!Array.isArray(data.records) || data.records.length > MAX_RECORDS_PER_MESSAGE) {
        return { error: 'records: records must be an array' };
      }
      if (!Array.isArray(data.undoableIds)) return { error: 'records: undoableIds must be an array' };
      return onlyKeys(data, ['type', 'records', 'undoableIds']) ?? {
        message: { type: 'records', records: cleanRecords(data.records), undoableIds: ids(data.undoableIds) },
      };
    }
    case 'delta': {
      // Only what is new is checked: the records the page already holds were checked when they arrived.
      for (const field of ['added', 'removedIds', 'updated', 'undoableIds'] as const) {
        const value = data[field];
        if (!Array.isArray(value) || value.length > MAX_RECORDS_PER_MESSAGE) {
          return { error: `delta: ${field} must be an array of at most ${MAX_RECORDS_PER_MESSAGE}` };
        }
      }
      return onlyKeys(data, ['type', 'added', 'removedIds', 'updated', 'undoableIds']) ?? {
        message: {
          type: 'delta',
          added: cleanRecords(data.added as unknown[]),
          removedIds: ids(data.removedIds as unknown[]),
          updated: cleanRecords(data.updated as unknown[]),
          undoableIds: ids(data.undoableIds as unknown[]),
        },
      };
    }
    case 'focus': {
      const recordId = id(data.recordId);
      if (!recordId) return { error: 'focus: recordId must be a non-empty short string' };
      return onlyKeys(data, ['type', 'recordId']) ?? { message: { type: 'focus', recordId } };
    }
    case 'trail': {
      const recordId = id(data.recordId);
      if (!recordId) return { error: 'trail: recordId must be a non-empty short string' };
      if (typeof data.note !== 'string' || !Array.isArray(data.rows) || data.rows.length > MAX_TRAIL_ROWS) return { error: 'trail: note must be a string and rows an array' };
      const rows = data.rows.filter((r): r is [string, string] => Array.isArray(r) && r.length === 2 && typeof r[0] === 'string' && typeof r[1] === 'string');
      if (rows.length !== data.rows.length) return { error: 'trail: every row must be a [label, value] pair of strings' };
      return onlyKeys(data, ['type', 'recordId', 'note', 'rows']) ?? { message: { type: 'trail', recordId, note: data.note, rows } };
    }
    default:
      return { error: `unknown message type ${JSON.stringify(data.type.slice(0, 40))}` };
  }
}

/** A record that fails the sanitizer is dropped, not the whole update: one bad row must not blank the table. */
function cleanRecords(values: readonly unknown[]): HistoryRecord[] {
  return values.map(sanitizeRecord).filter((r): r is HistoryRecord => r !== undefined);
}

function ids(values: readonly unknown[]): string[] {
  return values.map(id).filter((r): r is string => r !== undefined);
}

function id(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH ? value : undefined;
}

/** Extra keys mean the sender speaks another version of the protocol: reject rather than guess. */
function onlyKeys(data: Record<string, unknown>, allowed: readonly string[]): { error: string } | undefined {
  const extra = Object.keys(data).filter((key) => !allowed.includes(key));
  return extra.length ? { error: `${String(data.type)}: unexpected field ${extra[0].slice(0, 40)}` } : undefined;
}

