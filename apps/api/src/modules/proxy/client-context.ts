// What a client tells the gateway about its own request: an id to be known by, and its trace context.

type Headers = Record<string, string | string[] | undefined>;

/** RFC 9110 token characters (no spaces, quotes, commas or separators), 1 to 128 of them. */
const REQUEST_ID = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,128}$/;

/**
 * The client's `x-request-id`, when it is a token of at most 128 characters; anything else (too long,
 * spaces, non-ASCII, repeated) is ignored, not refused: the gateway then uses its own id.
 */
export function clientRequestId(headers: Headers): string | undefined {
  const value = headers['x-request-id'];
  return typeof value === 'string' && REQUEST_ID.test(value) ? value : undefined;
}

// https://www.w3.org/TR/trace-context/#traceparent-header (version 00 and the future-version shape).
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;
const TRACESTATE = /^[\x20-\x7e]{1,512}$/;

/**
 * The client's W3C trace context, passed on upstream unchanged while the gateway does not trace itself
 * (with tracing on, the attempt's own span is sent instead). Undefined without a well-formed traceparent.
 */
export function clientTraceHeaders(headers: Headers): Record<string, string> | undefined {
  const traceparent = headers.traceparent;
  if (typeof traceparent !== 'string' || !TRACEPARENT.test(traceparent)) return undefined;
  const tracestate = headers.tracestate;
  return typeof tracestate === 'string' && TRACESTATE.test(tracestate)
    ? { traceparent, tracestate }
    : { traceparent };
}
