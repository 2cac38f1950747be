import type { z } from 'zod';
import { InvalidRequestError } from './domain-errors';

/** Validates a request body against a DTO schema; the first problem becomes a 400 naming the field. */
export function parseDto<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.');
    throw new InvalidRequestError(
      field ? `${field}: ${issue.message}` : issue.message,
      field || undefined,
    );
  }
  return result.data;
}
