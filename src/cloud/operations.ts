// Every API action that changes the cloud, described once for the core: its product, the rate Alibaba allows,
// for a revocation the action that reverses it, and for an MPS media-bucket write the listing state that shows it
// took effect (read back when its answer is lost). quotas.ts takes the rates from here, mps.ts the read-backs,
// history/reversals.ts the undo twins; the VS Code side of each operation (words, rows, targets) is in
// commands/mutations/ and refers to these by action. No VS Code import.

import type { MediaBucketType, Product } from './types';

export interface CloudOperation {
  readonly product: Product;
  /** Queries per second per account; see `documentedQps`. */
  readonly qps: number;
  /** Whether Alibaba's API page gives the rate (false: chosen here, like the MPS write of the same weight). */
  readonly documentedQps: boolean;
  /** A revocation's undo: the action that gives back what it took. */
  readonly undoneBy?: string;
  /** MPS bucket writes: the binding ListAllMediaBucket shows once the write took effect. */
  readonly mediaBucket?: { readonly type: MediaBucketType; readonly boundAfter: boolean };
}

/** RAM's grant writes share one descriptor (a few bytes less in the activation bundle). */
const RAM_WRITE = { product: 'ram', qps: 20, documentedQps: false } as const;

/** A RAM revocation and its undo twin, each name written once (this table is in the activation bundle). */
function ramPair<R extends string, U extends string>(revocation: R, undo: U) {
  return { [revocation]: { ...RAM_WRITE, undoneBy: undo }, [undo]: RAM_WRITE } as
    { readonly [K in R]: typeof RAM_WRITE & { readonly undoneBy: U } } & { readonly [K in U]: typeof RAM_WRITE };
}

export const CLOUD_OPERATIONS = {
  // MPS (mts, 2014-06-18): 100 QPS each, on each API's page.
  UnbindOutputBucket: { product: 'mps', qps: 100, documentedQps: true, undoneBy: 'BindOutputBucket', mediaBucket: { type: 'Output', boundAfter: false } },
  BindOutputBucket: { product: 'mps', qps: 100, documentedQps: true, mediaBucket: { type: 'Output', boundAfter: true } },
  UnbindInputBucket: { product: 'mps', qps: 100, documentedQps: true, undoneBy: 'BindInputBucket', mediaBucket: { type: 'Input', boundAfter: false } },
  BindInputBucket: { product: 'mps', qps: 100, documentedQps: true, mediaBucket: { type: 'Input', boundAfter: true } },
  // VOD (vod, 2017-03-21) publishes no limit for its app-policy writes: paced like the MPS writes, since they are
  // single-row writes of the same weight, and a throttled call is retried anyway.
  DetachAppPolicyFromIdentity: { product: 'vod', qps: 100, documentedQps: false, undoneBy: 'AttachAppPolicyToIdentity' },
  AttachAppPolicyToIdentity: { product: 'vod', qps: 100, documentedQps: false },
  // RAM (ram, 2015-05-01) grant writes, for Revoke All Media Access (#21). RAM publishes no rate: paced at 20/s
  // like its directory listings, well below the reads, since each changes what an identity may do account-wide.
  ...ramPair('DetachPolicyFromUser', 'AttachPolicyToUser'),
  ...ramPair('DetachPolicyFromRole', 'AttachPolicyToRole'),
  ...ramPair('RemoveUserFromGroup', 'AddUserToGroup'),
} as const satisfies Record<string, CloudOperation>;

export type OperationAction = keyof typeof CLOUD_OPERATIONS;

/** The actions that revoke something and can be undone (they name an `undoneBy`). */
export type RevocationAction = { [A in OperationAction]: (typeof CLOUD_OPERATIONS)[A] extends { readonly undoneBy: string } ? A : never }[OperationAction];

/** The MPS bucket writes (they name a `mediaBucket`). */
export type MediaBucketAction = { [A in OperationAction]: (typeof CLOUD_OPERATIONS)[A] extends { readonly mediaBucket: object } ? A : never }[OperationAction];

export function cloudOperation(action: string): CloudOperation | undefined {
  return Object.prototype.hasOwnProperty.call(CLOUD_OPERATIONS, action) ? (CLOUD_OPERATIONS as Record<string, CloudOperation>)[action] : undefined;
}

export function isRevocation(action: string): action is RevocationAction {
  return cloudOperation(action)?.undoneBy !== undefined;
}
