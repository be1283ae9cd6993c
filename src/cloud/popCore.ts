// The slice of @alicloud/pop-core the core relies on. Only its RPC client is loaded: the package entry point also
// pulls the ROA client and xml2js, more than tripling the bundle. Its own .d.ts lacks the verbose flag and the
// request options, hence this typing.

export interface PopCoreConfig {
  readonly endpoint: string;
  readonly apiVersion: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

export interface PopCoreRequestOptions {
  /** pop-core switches to a form body only for exactly 'POST'. */
  readonly method: 'POST';
  /** Both the connect and the read timeout, in ms. */
  readonly timeout: number;
  /** Send parameter names exactly as given. */
  readonly formatParams: false;
  /** Replace pop-core's default headers entirely (connections.ts requestHeaders gives them back). */
  readonly headers?: Record<string, string>;
  /** The connection pool to use instead of the client's own. */
  readonly agent?: import('node:http').Agent;
}

/** What verbose mode resolves with besides the body. */
export interface PopCoreEntry {
  readonly url: string;
  readonly response: { readonly statusCode: number; readonly headers: Record<string, unknown> } | null;
}

export interface PopCoreClient {
  request(action: string, params: Record<string, string>, options: PopCoreRequestOptions): Promise<[unknown, PopCoreEntry]>;
}

export type PopCoreClientConstructor = new (config: PopCoreConfig, verbose: true) => PopCoreClient;

export const PopRpcClient: PopCoreClientConstructor = require('@alicloud/pop-core/lib/rpc');
