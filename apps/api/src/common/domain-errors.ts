/** Codes shared by every error the services throw; filters map them to HTTP and to each client's format. */
export enum ErrorCode {
  InvalidRequest = 'invalid_request',
  Unauthenticated = 'unauthenticated',
  /** Valid `x-user-id` of an account that has a password (or outside SIGNUP_MODE=open): log in instead. */
  LoginRequired = 'login_required',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  /** OpenAI's code for an unknown `previous_response_id`; agents (Codex) resend the whole history on it. */
  PreviousResponseNotFound = 'previous_response_not_found',
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
  [ErrorCode.LoginRequired]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.PreviousResponseNotFound]: 404,
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

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.Forbidden, message);
  }
}

export class InvalidRequestError extends DomainError {
  constructor(message: string, param?: string) {
    super(ErrorCode.InvalidRequest, message, { param });
  }
}

/** Code and message of the management API's 503 while Postgres cannot be reached. */
export const DATABASE_UNAVAILABLE = {
  code: 'database_unavailable',
  message: 'The database is unavailable; try again shortly',
} as const;

// Socket errors of a connection that cannot be made or was cut.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATE: class 08 (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown,
// 57P03 cannot_connect_now (starting up / recovering), 53300 too_many_connections.
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
// node-postgres and pg-pool say these in messages only (no code).
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established/i;

/**
 * Whether an error means "Postgres cannot be reached right now" rather than a bug or a bad query:
 * the error itself, TypeORM's `driverError`, a `cause`, or the members of an AggregateError (a
 * connect attempt to several addresses).
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof e.code === 'string') {
    if (NETWORK_CODES.has(e.code) || SQLSTATES.has(e.code) || /^08[0-9A-Z]{3}$/.test(e.code))
      return true;
  }
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  const nested = [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return nested.some((n) => n !== err && isDatabaseUnavailable(n, depth + 1));
}
