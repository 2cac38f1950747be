/** Codes shared by every error the services throw; filters map them to HTTP and to each client's format. */
export enum ErrorCode {
  InvalidRequest = 'invalid_request',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  ModelNotFound = 'model_not_found',
  ProviderNotConfigured = 'provider_not_configured',
  ProviderNotSupported = 'provider_not_supported',
  PayloadTooLarge = 'payload_too_large',
  RateLimited = 'rate_limited',
  Upstream = 'upstream_error',
  UpstreamUnreachable = 'upstream_unreachable',
  UpstreamTimeout = 'upstream_timeout',
  Internal = 'internal_error',
}

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.InvalidRequest]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.ModelNotFound]: 404,
  [ErrorCode.ProviderNotConfigured]: 400,
  [ErrorCode.ProviderNotSupported]: 400,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.Upstream]: 502,
  [ErrorCode.UpstreamUnreachable]: 502,
  [ErrorCode.UpstreamTimeout]: 504,
  [ErrorCode.Internal]: 500,
};

export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { status?: number; param?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = options.status ?? STATUS[code];
    this.param = options.param;
    this.headers = options.headers;
  }

  readonly param?: string;
  readonly headers?: Record<string, string>;
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(ErrorCode.NotFound, `${what} not found`);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.Unauthenticated, message);
  }
}

export class InvalidRequestError extends DomainError {
  constructor(message: string, param?: string) {
    super(ErrorCode.InvalidRequest, message, { param });
  }
}
