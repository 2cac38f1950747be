/**
 * The wire view of one proxied request (`GET /gateway/:id/wire/:requestId`): what the gateway sent to
 * each upstream it tried and what came back, as bytes on the wire, with credentials masked. Captured
 * only for requests made with the gateway secret and the `x-gateway-debug: wire` header; kept in
 * memory (and Redis, with several replicas) for WIRE_TTL_MS.
 */

/** The request header that asks the gateway to capture the upstream exchange. */
export const WIRE_DEBUG_HEADER = 'x-gateway-debug';
export const WIRE_DEBUG_VALUE = 'wire';
/** How long a capture can be read back. */
export const WIRE_TTL_MS = 5 * 60 * 1000;
/** Bytes of each request and response body kept (the rest is counted, not kept). */
export const WIRE_BODY_MAX_BYTES = 256 * 1024;
/** Upstream attempts (retries, fallbacks) kept per request. */
export const WIRE_MAX_ATTEMPTS = 8;

export interface WireBody {
  content_type: string | null;
  /** Bytes seen on the wire. */
  bytes: number;
  /** The first WIRE_BODY_MAX_BYTES as UTF-8; null for a binary body (audio, images, files). */
  text: string | null;
  truncated: boolean;
}

/** One piece of the answer as it arrived (an SSE frame or several, part of a JSON body). */
export interface WireChunk {
  /** Milliseconds since the request was sent upstream. */
  at_ms: number;
  text: string;
}

export interface WireUpstreamRequest {
  method: string;
  /** With secret query parameters (`?key=`) masked. */
  url: string;
  /** Credentials (`authorization`, `x-api-key`, `x-goog-api-key`, `api-key`, …) masked. */
  headers: Record<string, string>;
  body: WireBody;
}

export interface WireUpstreamResponse {
  status: number;
  headers: Record<string, string>;
  body: WireBody;
  /** The body in the pieces it arrived in (text bodies only; the same bytes as `body.text`). */
  chunks: WireChunk[];
}

export interface WireAttempt {
  provider: string;
  /** Milliseconds since the client's request reached the gateway. */
  started_ms: number;
  /** From sending the request to the last byte (or the failure); null while in flight. */
  duration_ms: number | null;
  request: WireUpstreamRequest;
  /** Null when no answer came (connection refused, timeout, client gone before the headers). */
  response: WireUpstreamResponse | null;
  error: string | null;
}

export interface WireExchangeDto {
  request_id: string;
  gateway_id: string;
  endpoint: string;
  client_format: string;
  /** The wire format spoken to the upstream that served (or was tried last). */
  upstream_format: string | null;
  requested_model: string;
  stream: boolean;
  created_at: string;
  attempts: WireAttempt[];
}
