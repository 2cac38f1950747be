/** A boot failure whose message already says what is wrong and what to do: printed as is, without a stack. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/**
 * A one-line, never-empty description of anything thrown. Duck-typed: errors from another realm (jest's
 * sandbox) are not `instanceof Error`, and an AggregateError from a refused dual-stack connect has an empty
 * message.
 */
export function describeError(err: unknown): string {
  if (err === undefined || err === null) return 'unknown error (nothing was thrown with it)';
  if (typeof err !== 'object') return String(err);
  const e = err as { message?: unknown; code?: unknown; name?: unknown; errors?: unknown };
  if (Array.isArray(e.errors) && e.errors.length) {
    return [...new Set(e.errors.map(describeError))].join('; ');
  }
  const message = typeof e.message === 'string' ? e.message.trim() : '';
  const code = typeof e.code === 'string' ? e.code : undefined;
  const text = message || code || (typeof e.name === 'string' ? e.name : '') || JSON.stringify(err);
  return code && !text.includes(code) ? `${text} (${code})` : text;
}
