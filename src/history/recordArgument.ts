// Commands on records are invoked three ways: from a history row (the CallRecord itself), from the inspector or a
// test (a record id), and from other commands (a record-like object). All of them resolve against the stored
// history, so a caller can never make a command act on a record the history does not hold.

import type { CallRecord } from '../cloud';
import type { RequestHistory } from './requestHistory';

export function resolveRecord(history: RequestHistory, argument: unknown): CallRecord | undefined {
  if (typeof argument === 'string') {
    return history.find(argument);
  }
  if (typeof argument === 'object' && argument !== null && typeof (argument as { id?: unknown }).id === 'string') {
    return history.find((argument as { id: string }).id);
  }
  return undefined;
}
