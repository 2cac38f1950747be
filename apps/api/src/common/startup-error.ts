/** A boot failure whose message already says what is wrong and what to do: printed as is, without a stack. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** A one-line, never-empty description of anything thrown (AggregateError from a refused dual-stack connect has an empty message). */
export function describeError(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length) {
    const inner = err.errors.map(describeError);
    return [...new Set(inner)].join('; ');
  }
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    const text = err.message.trim() || code || err.name;
    return code && !text.includes(code) ? `${text} (${code})` : text;
  }
  if (err === undefined || err === null) return 'unknown error (nothing was thrown with it)';
  return typeof err === 'string' ? err : JSON.stringify(err);
}
