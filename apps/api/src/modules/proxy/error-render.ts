import type { ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import {
  encodeStreamError,
  fromCanonicalError,
  InvalidRequestError as ConversionError,
  toCanonicalError,
  UpstreamAnswerError,
} from '@gateway/converters';
import { DomainError, ErrorCode, InvalidRequestError } from '../../common/domain-errors';
import { capBody } from './body-log';
import { renderError, toCanonical } from './client-errors';
import { publicRequestId, type ProxyCall } from './proxy-call';
import { safeJson } from './request-body';
import type { UpstreamPlan } from './upstream-plan';

const logger = new Logger('ProxyErrors');

/**
 * Renders any failure to the client in its own format and notes it on the call: a domain error as the
 * client's SDK expects it (inside the stream when headers are already out), a client that went away
 * as 499, anything unexpected as a logged 500.
 */
export function renderFailure(
  call: ProxyCall,
  err: unknown,
  res: ServerResponse,
  jsonArrayStream = false,
): void {
  if (abortedByClient(err)) {
    call.status = 499;
    call.errorType = 'client_closed_request';
    call.errorMessage = 'The client closed the connection';
    return;
  }
  const domain =
    err instanceof DomainError
      ? err
      : err instanceof ConversionError
        ? new InvalidRequestError(err.message, err.param)
        : err instanceof UpstreamAnswerError
          ? new DomainError(
              ErrorCode.Upstream,
              `The upstream's answer is unreadable: ${err.message}`,
            )
          : internalError(err);
  call.status = domain.status;
  call.errorType = domain.code;
  call.errorMessage = domain.message;
  if (res.headersSent) {
    // Mid-stream: framed the way the client's SDK reads an error inside a stream.
    if (!res.writableEnded) {
      const frame = encodeStreamError(call.format, toCanonical(domain));
      res.end(jsonArrayStream ? `,\r\n${frame.replace(/^data: /, '').trim()}]` : frame);
    }
    return;
  }
  const rendered = renderError(call.format, domain);
  res.writeHead(rendered.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(rendered.body),
    'x-gateway-request-id': publicRequestId(call),
    ...domain.headers,
  });
  res.end(rendered.body);
}

/** The upstream's own error answer, passed through (same format) or re-rendered in the client's. */
export function relayUpstreamError(
  call: ProxyCall,
  plan: UpstreamPlan,
  status: number,
  text: string,
  headers: Record<string, string>,
  res: ServerResponse,
): void {
  const parsed = safeJson(text);
  const canonical = toCanonicalError(plan.adapter.format, status, parsed ?? text);
  call.errorType = 'upstream_error';
  call.errorMessage = `${plan.target.provider.id}: ${canonical.message}`;
  let payload: string;
  if (plan.passthrough && parsed) {
    call.status = status;
    payload = text;
  } else {
    const rendered = fromCanonicalError(call.format, canonical);
    call.status = rendered.status;
    payload = JSON.stringify(rendered.body);
  }
  if (call.gateway?.logBodies) call.responseBody = capBody(payload);
  headers['content-type'] = 'application/json';
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(call.status, headers);
  res.end(payload);
}

export function abortedByClient(err: unknown): boolean {
  const name = (err as Error)?.name;
  return name === 'AbortError' || (err as { code?: string })?.code === 'UND_ERR_ABORTED';
}

function internalError(err: unknown): DomainError {
  logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  return new DomainError(ErrorCode.Internal, 'Internal gateway error');
}
