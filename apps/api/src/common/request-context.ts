import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditActor } from './audit-trail';

/** What the management API knows about the request being served: who is calling and from where. */
export interface RequestContext {
  /** Client address: the socket's, or the forwarded one when TRUST_PROXY trusts the proxy. */
  ip?: string;
  /** Set once the caller is authenticated. */
  actor?: AuditActor;
}

const storage = new AsyncLocalStorage<RequestContext>();
let inFlight = 0;

/**
 * Runs `fn` (a management request's handler) with its request context. The storage is enabled only
 * while a management request is in flight: an enabled AsyncLocalStorage installs promise hooks for
 * the whole process, which the proxy path (thousands of promises a second, no use for the context)
 * paid for in every request (about 3 % of its CPU). Call the returned `release` once the handler's
 * work is over; the last release disables the storage until the next management request.
 */
export function runInRequestContext<T>(
  context: RequestContext,
  fn: () => T,
): { result: T; release: () => void } {
  inFlight++;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    if (--inFlight === 0) storage.disable();
  };
  try {
    return { result: storage.run(context, fn), release };
  } catch (err) {
    release();
    throw err;
  }
}

/** The current management request's context; empty outside one (boot, timers, the proxy). */
export function currentRequestContext(): RequestContext {
  return storage.getStore() ?? {};
}
