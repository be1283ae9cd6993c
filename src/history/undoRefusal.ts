// What the undo planning speaks in: why an undo cannot be done (as data, worded by commands/confirmationWords.ts),
// and what one operation's reversal is. Apart from undoPlan.ts and reversals.ts so neither imports the other's
// users. No VS Code and no I/O.

import type { CallRecord } from '../cloud/types';

/** Why an undo cannot be done, as data: refusalText words it in the display language. */
export type UndoRefusal =
  | { readonly why: 'notSucceeded' | 'noProfile' | 'noBucket' | 'noIdentity' | 'noApp' | 'noLists' | 'nothingRemoved' }
  | { readonly why: 'alreadyUndone'; readonly requestId: string }
  | { readonly why: 'superseded'; readonly action: string; readonly time: string; readonly requestId?: string }
  | { readonly why: 'notRevocation'; readonly action: string }
  | { readonly why: 'region' | 'endpoint' | 'accessKey' | 'account'; readonly profile: string; readonly now: string; readonly then: string }
  | { readonly why: 'role'; readonly profile: string; readonly now: string; readonly then: string }
  | { readonly why: 'noRole'; readonly profile: string; readonly role: string }
  | { readonly why: 'accountUnreadable'; readonly profile: string; readonly account: string; readonly problem: string };

/**
 * How one revocation is reversed, from its record alone: what its undo twin acts on (`P`, plain data). The undo
 * modal's words about it belong to the operation's commands-side descriptor (RevocationOperation.undoWords), which
 * is loaded with the commands, not at activation.
 */
export interface Reversal<P> {
  /** The revocation's successful record → the twin's target, or why the record does not say enough. */
  plan(record: CallRecord): { readonly target: P } | { readonly refusal: UndoRefusal };
}
