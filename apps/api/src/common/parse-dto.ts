import type { z } from 'zod';
import { InvalidRequestError } from './domain-errors';
import { findUnstorableText } from './input-guards';

/**
 * Validates a request body (or query) against a DTO schema; the first problem becomes a 400 naming
 * the field. Before the schema, every string and key is checked for what Postgres would reject
 * (NUL, lone surrogates) and the nesting is bounded, so no DTO can forget it.
 */
export function parseDto<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const unstorable = findUnstorableText(body);
  if (unstorable) {
    const field = unstorable.path;
    throw new InvalidRequestError(
      field ? `${field}: ${unstorable.message}` : unstorable.message,
      field || undefined,
    );
  }
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.map(String).join('.');
    throw new InvalidRequestError(
      field ? `${field}: ${issue.message}` : issue.message,
      field || undefined,
    );
  }
  return result.data;
}
