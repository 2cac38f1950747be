import { type DomainError, ErrorCode } from '../../../common/domain-errors';

// https://platform.openai.com/docs/guides/error-codes — `type` by HTTP status.
const TYPE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'invalid_request_error',
  409: 'invalid_request_error',
  413: 'invalid_request_error',
  422: 'invalid_request_error',
  429: 'rate_limit_error',
};

export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function openAiErrorBody(err: DomainError): OpenAiErrorBody {
  const code = err.code === ErrorCode.Unauthenticated ? 'invalid_api_key' : err.code;
  return {
    error: {
      message: err.message,
      type:
        TYPE_BY_STATUS[err.status] ?? (err.status >= 500 ? 'api_error' : 'invalid_request_error'),
      param: err.param ?? null,
      code,
    },
  };
}
