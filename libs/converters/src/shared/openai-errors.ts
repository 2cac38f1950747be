// https://platform.openai.com/docs/guides/error-codes — shared by Chat Completions and Responses.
import type { CanonicalError, ErrorKind } from '../canonical/types';
import { canonicalError, nonAnthropicStatus, readErrorBody } from './errors';
import { str, type Json } from './json';

const KIND_TYPE = {
  invalid_request: 'invalid_request_error',
  authentication: 'invalid_request_error',
  permission: 'invalid_request_error',
  not_found: 'invalid_request_error',
  request_too_large: 'invalid_request_error',
  rate_limit: 'rate_limit_error',
  billing: 'insufficient_quota',
  api_error: 'server_error',
  overloaded: 'service_unavailable',
  timeout: 'timeout',
  unavailable: 'service_unavailable',
} as const satisfies Record<ErrorKind, string>;

export function openAIErrorToCanonical(status: number, raw: unknown): CanonicalError {
  const { body, error, message, kind } = readErrorBody(status, raw);
  const code = str(error.code) ?? str(body.code) ?? str(error.type);
  let k = kind;
  if (code === 'invalid_api_key') k = 'authentication';
  if (code === 'insufficient_quota') k = 'billing';
  return canonicalError(status, k, message, code, error);
}

export function openAIErrorFromCanonical(err: CanonicalError): { status: number; body: Json } {
  const code =
    err.kind === 'authentication'
      ? 'invalid_api_key'
      : err.kind === 'billing'
        ? 'insufficient_quota'
        : (err.code ?? null);
  return {
    status: nonAnthropicStatus(err, 429),
    body: {
      error: { message: err.message, type: KIND_TYPE[err.kind], param: err.param ?? null, code },
    },
  };
}
