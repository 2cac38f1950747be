import {
  fromCanonicalError,
  type CanonicalError,
  type ErrorKind,
  type WireFormat,
} from '@gateway/converters';
import { type DomainError, ErrorCode } from '../../common/domain-errors';

const KIND: Record<ErrorCode, ErrorKind> = {
  [ErrorCode.InvalidRequest]: 'invalid_request',
  [ErrorCode.Unauthenticated]: 'authentication',
  [ErrorCode.LoginRequired]: 'authentication',
  [ErrorCode.Forbidden]: 'permission',
  [ErrorCode.NotFound]: 'not_found',
  [ErrorCode.PreviousResponseNotFound]: 'not_found',
  [ErrorCode.Conflict]: 'invalid_request',
  [ErrorCode.ModelNotFound]: 'not_found',
  [ErrorCode.ProviderNotConfigured]: 'invalid_request',
  [ErrorCode.ProviderNotSupported]: 'invalid_request',
  [ErrorCode.PayloadTooLarge]: 'request_too_large',
  [ErrorCode.RateLimited]: 'rate_limit',
  [ErrorCode.Upstream]: 'api_error',
  [ErrorCode.UpstreamUnreachable]: 'api_error',
  [ErrorCode.UpstreamTimeout]: 'timeout',
  [ErrorCode.Internal]: 'api_error',
};

/** A gateway error in the canonical form the converters render for each client. */
export function toCanonical(err: DomainError): CanonicalError {
  return {
    status: err.status,
    kind: KIND[err.code],
    message: err.message,
    code: err.code === ErrorCode.Unauthenticated ? 'invalid_api_key' : err.code,
    param: err.param,
  };
}

/** Status and body of a gateway error in the client's own format. */
export function renderError(
  format: WireFormat,
  err: DomainError,
): { status: number; body: string } {
  const rendered = fromCanonicalError(format, toCanonical(err));
  return { status: rendered.status, body: JSON.stringify(rendered.body) };
}
