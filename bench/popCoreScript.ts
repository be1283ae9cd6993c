// "What a user would otherwise do": the same revocations written as a short script over @alicloud/pop-core, the
// way its README shows (the package entry point, POST, default options, no pacing, no retries).
import RPCClient = require('@alicloud/pop-core');
import { BENCH_KEY } from './fixtures';

export type RevokeAction = 'UnbindOutputBucket' | 'DetachAppPolicyFromIdentity';

export const API_VERSION: Record<RevokeAction, string> = {
  UnbindOutputBucket: '2014-06-18',
  DetachAppPolicyFromIdentity: '2017-03-21',
};

export function scriptClient(endpoint: string, action: RevokeAction): RPCClient {
  return new RPCClient({
    endpoint,
    apiVersion: API_VERSION[action],
    accessKeyId: BENCH_KEY.accessKeyId,
    accessKeySecret: BENCH_KEY.accessKeySecret,
  });
}

export function isThrottling(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.includes('Throttling');
}

/** pop-core keeps one keep-alive agent per client; close it so no socket outlives a run. */
export function closeScriptClient(client: RPCClient): void {
  (client as unknown as { keepAliveAgent?: { destroy(): void } }).keepAliveAgent?.destroy();
}
