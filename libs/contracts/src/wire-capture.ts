import { z } from 'zod';

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

const headers = z
  .record(z.string(), z.string())
  .describe(
    'lower-case names; credentials (`authorization`, `x-api-key`, `x-goog-api-key`, `api-key`, cookies, …) masked as `••••` plus, for long ones, their last 4 characters',
  );

export const WireBody = z
  .object({
    content_type: z.string().nullable(),
    bytes: z.number().int().describe('bytes seen on the wire'),
    text: z
      .string()
      .nullable()
      .describe(
        'the first 256 KiB as UTF-8 (multipart files replaced by their size); null for a binary body',
      ),
    truncated: z.boolean(),
  })
  .meta({ id: 'WireBody' });
export type WireBody = z.infer<typeof WireBody>;

export const WireChunk = z
  .object({
    at_ms: z.number().describe('milliseconds since the request was sent upstream'),
    text: z.string(),
  })
  .meta({ id: 'WireChunk' });
export type WireChunk = z.infer<typeof WireChunk>;

export const WireUpstreamRequest = z
  .object({
    method: z.string(),
    url: z.string().describe('secret query parameters (`?key=`) masked'),
    headers,
    body: WireBody,
  })
  .meta({ id: 'WireUpstreamRequest' });
export type WireUpstreamRequest = z.infer<typeof WireUpstreamRequest>;

export const WireUpstreamResponse = z
  .object({
    status: z.number().int(),
    headers,
    body: WireBody,
    chunks: z
      .array(WireChunk)
      .describe('the text body in the pieces it arrived in (raw SSE frames for a stream)'),
  })
  .meta({ id: 'WireUpstreamResponse' });
export type WireUpstreamResponse = z.infer<typeof WireUpstreamResponse>;

export const WireAttempt = z
  .object({
    provider: z.string(),
    started_ms: z.number().describe("milliseconds since the client's request reached the gateway"),
    duration_ms: z
      .number()
      .nullable()
      .describe('from sending the request to the last byte or the failure; null while in flight'),
    request: WireUpstreamRequest,
    response: WireUpstreamResponse.nullable().describe(
      'null when no answer came (connection refused, timeout)',
    ),
    error: z.string().nullable(),
  })
  .meta({ id: 'WireAttempt' });
export type WireAttempt = z.infer<typeof WireAttempt>;

/** `GET /gateway/:id/wire/:requestId`. */
export const WireExchange = z
  .object({
    request_id: z.string(),
    gateway_id: z.string(),
    endpoint: z.string(),
    client_format: z.string(),
    upstream_format: z
      .string()
      .nullable()
      .describe('the wire format spoken to the upstream that served, or was tried last'),
    requested_model: z.string(),
    stream: z.boolean(),
    created_at: z.string().describe('ISO 8601'),
    attempts: z
      .array(WireAttempt)
      .describe('every upstream attempt (retries, fallbacks), at most 8; empty when none was made'),
  })
  .meta({ id: 'WireExchange' });
export type WireExchange = z.infer<typeof WireExchange>;
