// What a change to the cloud is, described once: the pipeline (mutationCommand.ts) does everything the operations
// have in common — the one-profile rule, in-flight dedupe, endpoint lookup, the modal, progress and cancellation,
// busy rows, the refresh afterwards, per-target reports, notifications and the result returned to callers.
// An operation only says what its target is, how to confirm it, which client call it makes and what its result
// means. No VS Code import.

import type { Acknowledged, Product } from '../../cloud';
import { CLOUD_OPERATIONS, type OperationAction } from '../../cloud/operations';
import type { ProfileSession } from '../../profiles/profileSessions';
import type { ResourceListings } from '../../profiles/resourceListings';
import type { RowRef } from '../../tree/rowRef';
import type { Confirmation, RevocationScope } from '../confirmation';

export interface MutationTarget {
  readonly profile: string;
}

/**
 * What people read about the operation, in the display language: each operation's file words these with
 * vscode.l10n.t, whole sentences rather than pieces, since word order differs between languages. Functions, so
 * the text is looked up when shown.
 */
export interface MutationText {
  /** On a row while its call is in flight: "unbinding…". */
  busy(): string;
  /** Progress title of a bulk run: "Unbinding 3 buckets (profile production)". */
  running(count: number, profile: string): string;
  /** When targets are still in flight: "Unbinding a, b is already in progress." */
  alreadyRunning(labels: string): string;
  /** Bulk notification and the head of the log's bulk report: "Unbound 3 of 4 buckets". */
  done(succeeded: number, total: number): string;
  /** One target failed: "Could not unbind media-output: …". */
  failed(label: string, error: string): string;
  /** Nothing could be sent: "Cannot unbind: …". */
  notSent(error: string): string;
}

/** What one successful call means for people and for programmatic callers. */
export interface SuccessReport {
  /** The notification line, without profile or RequestId: `Unbound output bucket "x"`. */
  readonly text: string;
  /** The call succeeded but did not do all it was asked (FailedPolicyNames). */
  readonly partial?: boolean;
  /** Extra fields for the result object and the per-target log line. */
  readonly fields?: Readonly<Record<string, unknown>>;
  /** Appended to the target's line in a bulk report. */
  readonly logNote?: string;
  /** A line of its own in the log after the call's, single or bulk (what a detach leaves in RAM). */
  readonly logLine?: string;
  /** Done in full, yet worth a warning: access remains by another route (RAM grants after a detach). */
  readonly warn?: boolean;
}

export interface Mutation<T extends MutationTarget, R extends Acknowledged> {
  /** The API action, for in-flight keys and messages. */
  readonly action: string;
  /** Which endpoint the confirmation names. */
  readonly product: Product;
  readonly text: MutationText;
  /** Two targets with the same key are the same call: a second one joins the first. */
  key(target: T): string;
  /** Short, for report lines: `media-output`, `RamUser alice (2037…0001) in app-1000000 VODAppFullAccess`. */
  label(target: T): string;
  /** The fields that name the target in result objects. */
  fields(target: T): Readonly<Record<string, unknown>>;
  /** The Resources row(s) the target shows on: busy while in flight, reloaded afterwards. */
  rows(target: T): RowRef;
  /**
   * Before the confirmation, for every run: turn a target into what will be sent (detach: a RAM user's name into
   * its UserId) and read what its undo will need (unbind input bucket: the Referer the shared listing shows). A
   * throw means nothing is sent for the whole run; the pipeline logs and reports it.
   */
  prepare?(session: ProfileSession, target: T, listings: Pick<ResourceListings, 'bucketsForCommand'>): Promise<T>;
  confirm(scope: RevocationScope, targets: readonly T[]): Confirmation;
  send(session: ProfileSession, target: T, signal: AbortSignal | undefined): Promise<R>;
  succeeded(target: T, result: R): SuccessReport;
}

/** An operation's action and product, as its core descriptor (cloud/operations.ts) has them: spread into a Mutation. */
export function cloudAction(action: OperationAction): { readonly action: OperationAction; readonly product: Product } {
  return { action, product: CLOUD_OPERATIONS[action].product };
}

/** An undo twin's `confirm`: it runs only as an undo, with the undo's own confirmation (commands/undo.ts). */
export function undoOnly(action: string): () => never {
  return () => {
    throw new Error(`${action} is only run as an undo, with the undo confirmation.`);
  };
}
