import type { EmulatorState } from '../state';
import type { StsSession, StsSessions } from '../stsSessions';
import type { ActionTrailLog } from '../trail';

/** Who signed the call: the key's account, and its RAM user or assumed-role session when it has one. */
export interface Caller {
  accessKeyId: string;
  accountId: string;
  userId?: string;
  session?: StsSession;
}

export interface ActionContext {
  state: EmulatorState;
  /** Action params (v1 common params removed), decoded. */
  params: Readonly<Record<string, string>>;
  accessKeyId: string;
  caller: Caller;
  sessions: StsSessions;
  trail: ActionTrailLog;
}

/** Returns the response body without RequestId (the server adds it) or throws ApiError. */
export type ActionHandler = (ctx: ActionContext) => Record<string, unknown>;

export type Product = 'mts' | 'vod' | 'ram' | 'sts' | 'actiontrail';

export interface ActionSpec {
  product: Product;
  version: string;
  handler: ActionHandler;
  /** Called without a signature (AssumeRoleWithOIDC: the OIDC token is the proof); the caller is then anonymous. */
  unsigned?: true;
}
