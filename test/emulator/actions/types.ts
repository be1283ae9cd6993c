import type { EmulatorState } from '../state';

export interface ActionContext {
  state: EmulatorState;
  /** Action params (v1 common params removed), decoded. */
  params: Readonly<Record<string, string>>;
  accessKeyId: string;
}

/** Returns the response body without RequestId (the server adds it) or throws ApiError. */
export type ActionHandler = (ctx: ActionContext) => Record<string, unknown>;

export interface ActionSpec { product: 'mts' | 'vod'; version: string; handler: ActionHandler }
