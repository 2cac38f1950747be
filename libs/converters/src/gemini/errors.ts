// https://ai.google.dev/gemini-api/docs/troubleshooting
import type { CanonicalError, ErrorKind } from '../canonical/types';
import type { ErrorCodec } from '../codec';
import { canonicalError, nonAnthropicStatus, readErrorBody } from '../shared/errors';
import { str } from '../shared/json';
import { sseFrame } from '../shared/sse';

const STATUS_KIND = {
  INVALID_ARGUMENT: 'invalid_request',
  FAILED_PRECONDITION: 'invalid_request',
  UNAUTHENTICATED: 'authentication',
  PERMISSION_DENIED: 'permission',
  NOT_FOUND: 'not_found',
  RESOURCE_EXHAUSTED: 'rate_limit',
  INTERNAL: 'api_error',
  UNAVAILABLE: 'unavailable',
  DEADLINE_EXCEEDED: 'timeout',
} as const satisfies Record<string, ErrorKind>;

const KIND_STATUS = {
  invalid_request: 'INVALID_ARGUMENT',
  authentication: 'UNAUTHENTICATED',
  permission: 'PERMISSION_DENIED',
  not_found: 'NOT_FOUND',
  request_too_large: 'INVALID_ARGUMENT',
  rate_limit: 'RESOURCE_EXHAUSTED',
  billing: 'PERMISSION_DENIED',
  api_error: 'INTERNAL',
  overloaded: 'UNAVAILABLE',
  timeout: 'DEADLINE_EXCEEDED',
  unavailable: 'UNAVAILABLE',
} as const satisfies Record<ErrorKind, string>;

function fromCanonical(err: CanonicalError) {
  const status = nonAnthropicStatus(err, 403);
  return {
    status,
    body: { error: { code: status, message: err.message, status: KIND_STATUS[err.kind] } },
  };
}

export const geminiErrors: ErrorCodec = {
  toCanonical(status, raw) {
    const { error, message, kind } = readErrorBody(status, raw);
    const s = str(error.status);
    let k = s && s in STATUS_KIND ? STATUS_KIND[s as keyof typeof STATUS_KIND] : kind;
    // A bad Gemini API key is a 400 INVALID_ARGUMENT with reason API_KEY_INVALID.
    if (JSON.stringify(error.details ?? '').includes('API_KEY_INVALID')) k = 'authentication';
    return canonicalError(status, k, message, s, error);
  },
  fromCanonical,
  // js-genai 2.x checks every data: event for an `error` object and throws ApiError
  // (processStreamResponse → throwIfStreamErrorChunk). A bare JSON object is only recognised when it
  // arrives as a network read of its own, which TCP does not guarantee after earlier chunks.
  encodeStream: (err) => sseFrame(undefined, JSON.stringify(fromCanonical(err).body)),
};
