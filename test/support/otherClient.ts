// Another client on the same AccessKey, as a script, a CI job or a second window would be: a plain pop-core loop
// that neither paces nor retries, sending UnbindOutputBucket of buckets nobody bound. Each is answered
// Bucket.NotBind (or throttled), and each counts against the action's quota all the same. Used by the demo
// (`--other-client`), the UI trial and the bench's contention section.
import RPCClient = require('@alicloud/pop-core');

export interface OtherClient {
  /** Calls sent so far. */
  readonly sent: number;
  /** Calls the server answered without throttling (Bucket.NotBind counts: the quota took it). */
  readonly accepted: number;
  /** Calls the server throttled. */
  readonly throttled: number;
  /** Stops sending and closes its connections; calls in flight are still counted as they end. */
  stop(): void;
}

export function startOtherClient(endpoint: string, key: { readonly accessKeyId: string; readonly accessKeySecret: string }, perSecond: number): OtherClient {
  const client = new RPCClient({ endpoint, apiVersion: '2014-06-18', accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret });
  const counts = { sent: 0, accepted: 0, throttled: 0 };
  const timer = setInterval(() => {
    counts.sent++;
    client.request('UnbindOutputBucket', { Bucket: `other-client-${counts.sent}` }, { method: 'POST', timeout: 10_000 }).then(
      () => void counts.accepted++,
      (err: { code?: unknown } | null) => void (typeof err?.code === 'string' && err.code.includes('Throttling') ? counts.throttled++ : counts.accepted++),
    );
  }, 1000 / perSecond);
  return {
    get sent() {
      return counts.sent;
    },
    get accepted() {
      return counts.accepted;
    },
    get throttled() {
      return counts.throttled;
    },
    stop() {
      clearInterval(timer);
      // pop-core keeps a keep-alive agent per client: close it so no socket outlives the run.
      (client as unknown as { keepAliveAgent?: { destroy(): void } }).keepAliveAgent?.destroy();
    },
  };
}
