// https://docs.anthropic.com/en/api/errors
import type { CanonicalError, ErrorKind } from '../canonical/types';
import type { ErrorCodec } from '../codec';
import { canonicalError, readErrorBody } from '../shared/errors';
import { str } from '../shared/json';
import { sseFrame } from '../shared/sse';

const TYPE_KIND = {
  invalid_request_error: 'invalid_request',
  authentication_error: 'authentication',
  billing_error: 'billing',
  permission_error: 'permission',
  not_found_error: 'not_found',
  request_too_large: 'request_too_large',
  rate_limit_error: 'rate_limit',
  api_error: 'api_error',
  overloaded_error: 'overloaded',
  timeout_error: 'timeout',
} as const satisfies Record<string, ErrorKind>;

const KIND_TYPE = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  request_too_large: 'request_too_large',
  rate_limit: 'rate_limit_error',
  billing: 'billing_error',
  api_error: 'api_error',
  overloaded: 'overloaded_error',
  timeout: 'timeout_error',
  unavailable: 'overloaded_error',
} as const satisfies Record<ErrorKind, string>;

function fromCanonical(err: CanonicalError) {
  // Anthropic's SDK retries 529; a 503 from another provider means the same.
  const status = err.kind === 'overloaded' || err.status === 503 ? 529 : err.status;
  return {
    status,
    body: { type: 'error', error: { type: KIND_TYPE[err.kind], message: err.message } },
  };
}

export const anthropicErrors: ErrorCodec = {
  toCanonical(status, raw) {
    const { error, message, kind } = readErrorBody(status, raw);
    const type = str(error.type);
    const typed = type && type in TYPE_KIND ? TYPE_KIND[type as keyof typeof TYPE_KIND] : kind;
    return canonicalError(status, typed, message, type, error);
  },
  fromCanonical,
  encodeStream: (err) => sseFrame('error', JSON.stringify(fromCanonical(err).body)),
};
