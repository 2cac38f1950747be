import { z } from 'zod';

/** Every management and analytics error: `type` and `code` carry the same machine-readable code. */
export const ManagementError = z
  .object({
    error: z.object({
      message: z.string(),
      type: z.string().describe('e.g. `invalid_request`, `unauthenticated`, `not_found`'),
      code: z.string().describe('same as `type`; `database_unavailable` while Postgres is down'),
    }),
  })
  .meta({ id: 'ManagementError' });
export type ManagementError = z.infer<typeof ManagementError>;

// The proxy answers errors in the calling client's own format (rendered by @gateway/converters).

/** OpenAI Chat Completions and Responses clients. */
export const OpenAIError = z
  .object({
    error: z.object({
      message: z.string(),
      type: z.string().describe('e.g. `invalid_request_error`, `rate_limit_error`, `server_error`'),
      param: z.string().nullable(),
      code: z.string().nullable().describe('e.g. `invalid_api_key`, `model_not_found`'),
    }),
  })
  .meta({ id: 'OpenAIError' });

/** Anthropic Messages clients (an overloaded or unavailable upstream is answered 529). */
export const AnthropicError = z
  .object({
    type: z.literal('error'),
    error: z.object({
      type: z
        .string()
        .describe('e.g. `invalid_request_error`, `authentication_error`, `overloaded_error`'),
      message: z.string(),
    }),
  })
  .meta({ id: 'AnthropicError' });

/** Gemini clients. */
export const GeminiError = z
  .object({
    error: z.object({
      code: z.number().int().describe('the HTTP status'),
      message: z.string(),
      status: z.string().describe('e.g. `INVALID_ARGUMENT`, `UNAUTHENTICATED`, `NOT_FOUND`'),
    }),
  })
  .meta({ id: 'GeminiError' });
