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

/** Runs `fn` (a management request's handler) with its request context. */
export function runInRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current management request's context; empty outside one (boot, timers, the proxy). */
export function currentRequestContext(): RequestContext {
  return storage.getStore() ?? {};
}
