// Error bodies and status mapping per format.
// OpenAI: https://platform.openai.com/docs/guides/error-codes
// Anthropic: https://docs.anthropic.com/en/api/errors
// Gemini: https://ai.google.dev/gemini-api/docs/troubleshooting
import type { CanonicalError, ErrorKind, WireFormat } from './canonical/types';
import { asRecord, str, tryParseJson, type Json } from './shared/json';
import { sseFrame } from './shared/sse';

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

const ANTHROPIC_TYPE_KIND = {
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

const ANTHROPIC_KIND_TYPE = {
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

const OPENAI_KIND_TYPE = {
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

const GEMINI_STATUS_KIND = {
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

const GEMINI_KIND_STATUS = {
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

function kindFromStatus(status: number): ErrorKind {
  return KIND_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request');
}

/** Reads an upstream error body (object or JSON text) of `format` into canonical form. */
export function toCanonicalErrorFromBody(
  format: WireFormat,
  status: number,
  raw: unknown,
): CanonicalError {
  const body = asRecord(
    typeof raw === 'string' ? (tryParseJson(raw) ?? { error: { message: raw } }) : raw,
  );
  const err = asRecord(body.error);
  const message =
    str(err.message) ??
    str(body.message) ??
    (typeof raw === 'string' ? raw : `upstream error ${status}`);
  let kind = kindFromStatus(status);
  let code: string | undefined;
  switch (format) {
    case 'anthropic-messages': {
      const t = str(err.type);
      if (t && t in ANTHROPIC_TYPE_KIND)
        kind = ANTHROPIC_TYPE_KIND[t as keyof typeof ANTHROPIC_TYPE_KIND];
      code = t;
      break;
    }
    case 'gemini': {
      const s = str(err.status);
      if (s && s in GEMINI_STATUS_KIND)
        kind = GEMINI_STATUS_KIND[s as keyof typeof GEMINI_STATUS_KIND];
      // A bad Gemini API key is a 400 INVALID_ARGUMENT with reason API_KEY_INVALID.
      if (JSON.stringify(err.details ?? '').includes('API_KEY_INVALID')) kind = 'authentication';
      code = s;
      break;
    }
    case 'openai-chat':
    case 'openai-responses': {
      code = str(err.code) ?? str(body.code) ?? str(err.type);
      if (code === 'invalid_api_key') kind = 'authentication';
      if (code === 'insufficient_quota') kind = 'billing';
      break;
    }
  }
  const out: CanonicalError = { status, kind, message };
  if (code) out.code = code;
  const param = str(err.param);
  if (param) out.param = param;
  return out;
}

/** Status a client of `format` should see; 529 and 503 swap so each SDK classifies and retries correctly. */
export function statusFor(format: WireFormat, err: CanonicalError): number {
  const s = err.status;
  if (format === 'anthropic-messages') return err.kind === 'overloaded' || s === 503 ? 529 : s;
  if (s === 529 || err.kind === 'overloaded') return 503;
  // Anthropic's 402 billing_error has no OpenAI/Gemini status; 429 makes their SDKs back off.
  if (s === 402) return format === 'gemini' ? 403 : 429;
  return s;
}

export function fromCanonicalErrorFor(
  format: WireFormat,
  err: CanonicalError,
): { status: number; body: Json } {
  const status = statusFor(format, err);
  switch (format) {
    case 'anthropic-messages':
      return {
        status,
        body: {
          type: 'error',
          error: { type: ANTHROPIC_KIND_TYPE[err.kind], message: err.message },
        },
      };
    case 'gemini':
      return {
        status,
        body: {
          error: { code: status, message: err.message, status: GEMINI_KIND_STATUS[err.kind] },
        },
      };
    case 'openai-chat':
    case 'openai-responses': {
      const code =
        err.kind === 'authentication'
          ? 'invalid_api_key'
          : err.kind === 'billing'
            ? 'insufficient_quota'
            : (err.code ?? null);
      return {
        status,
        body: {
          error: {
            message: err.message,
            type: OPENAI_KIND_TYPE[err.kind],
            param: err.param ?? null,
            code,
          },
        },
      };
    }
  }
}

/** An error after the 200 was sent, framed the way the client's SDK recognises it. */
export function encodeStreamErrorFor(
  format: WireFormat,
  err: CanonicalError,
  sequenceNumber = 0,
): string {
  const { body } = fromCanonicalErrorFor(format, err);
  switch (format) {
    case 'anthropic-messages':
      return sseFrame('error', JSON.stringify(body));
    case 'openai-chat':
      return sseFrame(undefined, JSON.stringify(body));
    case 'openai-responses': {
      const e = asRecord(body.error);
      return sseFrame(
        'error',
        JSON.stringify({
          type: 'error',
          code: e.code ?? e.type,
          message: e.message,
          param: e.param,
          sequence_number: sequenceNumber,
        }),
      );
    }
    case 'gemini':
      // js-genai 2.x checks every data: event for an `error` object and throws ApiError
      // (processStreamResponse → throwIfStreamErrorChunk). A bare JSON object is only recognised when it
      // arrives as a network read of its own, which TCP does not guarantee after earlier chunks.
      return sseFrame(undefined, JSON.stringify(body));
  }
}
