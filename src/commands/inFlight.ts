// One call per target at a time: a second unbind of the same bucket while the first is in flight joins the first
// instead of sending another request (which would at best fail and at worst confuse the audit trail).
//
// A shared call runs under no single caller's signal, so nobody inherits another caller's cancel. Each caller
// waits under its own: on its cancel it stops waiting while others still wait (the call goes on for them, and its
// outcome lands in the record and, through their refresh, the tree). The last one waiting aborts the call's own
// signal instead and keeps waiting: the call stops if it has not gone out, and otherwise finishes with its real
// outcome (src/cloud/rpc.ts), which that caller reports. No VS Code import.

import * as l10n from '@vscode/l10n';
import { CloudError } from '../cloud';

/** The code of a caller's "stopped waiting" (kind cancelled): the call itself goes on. */
export const STOPPED_WAITING = 'StoppedWaiting';

interface SharedCall {
  readonly promise: Promise<unknown>;
  /** Aborted only when nobody waits for the call any more. */
  readonly controller: AbortController;
  /** Callers waiting for it; one without a signal never stops. */
  waiting: number;
}

export class InFlightCalls {
  private readonly calls = new Map<string, SharedCall>();

  static key(profile: string, action: string, target: string): string {
    return JSON.stringify([profile, action, target]);
  }

  has(key: string): boolean {
    return this.calls.has(key);
  }

  /**
   * Starts `start` under the shared call's signal unless a call with this key is running; `joined` says which
   * happened. `signal` is this caller's cancel (see the header).
   */
  run<T>(key: string, start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): { promise: Promise<T>; joined: boolean } {
    const running = this.calls.get(key);
    const call = running && !running.controller.signal.aborted ? running : this.begin(key, start, running);
    return { promise: wait(call, signal) as Promise<T>, joined: running !== undefined };
  }

  private begin<T>(key: string, start: (signal: AbortSignal) => Promise<T>, abandoned: SharedCall | undefined): SharedCall {
    const controller = new AbortController();
    // A call everyone stopped waiting for may still be on the wire: a new caller takes its outcome, and sends
    // again only when it stopped before going out.
    const begun = abandoned
      ? abandoned.promise.catch((e: unknown) => {
          if (e instanceof CloudError && e.kind === 'cancelled') return start(controller.signal);
          throw e;
        })
      : start(controller.signal);
    const call: SharedCall = {
      promise: begun.finally(() => {
        if (this.calls.get(key) === call) this.calls.delete(key);
      }),
      controller,
      waiting: 0,
    };
    // Rejections are handed to every waiter; this copy only keeps the map tidy.
    call.promise.catch(() => undefined);
    this.calls.set(key, call);
    return call;
  }
}

/** The shared call's outcome for one caller, who stops waiting on its own cancel unless it is the last one. */
function wait(call: SharedCall, signal: AbortSignal | undefined): Promise<unknown> {
  call.waiting++;
  if (!signal) return call.promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      if (call.waiting > 1) {
        call.waiting--;
        reject(stoppedWaitingError());
      } else {
        call.controller.abort();
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    call.promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function stoppedWaitingError(): CloudError {
  return new CloudError({
    kind: 'cancelled',
    code: STOPPED_WAITING,
    message: l10n.t('Not waited for: another caller is waiting for the same call, which goes on; its outcome will be in the request history.'),
    retryable: false,
  });
}
