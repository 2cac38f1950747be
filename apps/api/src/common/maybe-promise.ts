/**
 * A value that is ready now, or a promise of it when it needs I/O. A hot path that is usually
 * synchronous returns this so its callers allocate no promise and await nothing when it is:
 * `const r = f(); const value = isPromise(r) ? await r : r;`.
 */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return value instanceof Promise;
}
