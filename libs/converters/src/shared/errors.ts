// What every format's error codec shares: the HTTP status -> kind table and the reading of an error body.
// Per-format type/status tables live in `<format>/errors.ts`.
import type { CanonicalError, ErrorKind } from '../canonical/types';
import { asRecord, str, tryParseJson, type Json } from './json';

const KIND_BY_STATUS: Record<number, ErrorKind> = {
  400: 'invalid_request',
  401: 'authentication',
  402: 'billing',
  403: 'permission',
  404: 'not_found',
  408: 'timeout',
  413: 'request_too_large',
  422: 'invalid_request',
  429: 'rate_limit',
  500: 'api_error',
  502: 'api_error',
  503: 'unavailable',
  504: 'timeout',
  529: 'overloaded',
};

export function kindFromStatus(status: number): ErrorKind {
  return KIND_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request');
}

/** An upstream error body (object or JSON text) with its `error` object, message and status-based kind. */
export interface ErrorBody {
  body: Json;
  error: Json;
  message: string;
  kind: ErrorKind;
}

export function readErrorBody(status: number, raw: unknown): ErrorBody {
  const body = asRecord(
    typeof raw === 'string' ? (tryParseJson(raw) ?? { error: { message: raw } }) : raw,
  );
  const error = asRecord(body.error);
  const message =
    str(error.message) ??
    str(body.message) ??
    (typeof raw === 'string' ? raw : `upstream error ${status}`);
  return { body, error, message, kind: kindFromStatus(status) };
}

/** The canonical error, with `code` and `param` only when known. */
export function canonicalError(
  status: number,
  kind: ErrorKind,
  message: string,
  code: string | undefined,
  error: Json,
): CanonicalError {
  const out: CanonicalError = { status, kind, message };
  if (code) out.code = code;
  const param = str(error.param);
  if (param) out.param = param;
  return out;
}

/** Status for OpenAI-style and Gemini clients: 529 becomes 503, the status their SDKs retry. */
export function nonAnthropicStatus(err: CanonicalError, billingStatus: number): number {
  if (err.status === 529 || err.kind === 'overloaded') return 503;
  // Anthropic's 402 billing_error has no OpenAI/Gemini status; 429 makes their SDKs back off.
  if (err.status === 402) return billingStatus;
  return err.status;
}
