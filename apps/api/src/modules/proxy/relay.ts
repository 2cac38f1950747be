import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import {
  createStreamDecoder,
  createStreamEncoder,
  fromCanonicalResponse,
  toCanonicalResponse,
} from '@gateway/converters';
import type { Dispatcher } from 'undici';
import { DomainError, ErrorCode } from '../../common/domain-errors';
import { readAnswerTail } from './answer-tail';
import { BodyLog, capBody } from './body-log';
import { finishReasonsFromBody } from './finish-reasons';
import { JsonArrayFramer } from './json-array-framer';
import { PassthroughStreamTap } from './passthrough-stream-tap';
import { ResponsesStreamCapture } from './responses-capture';
import { publicRequestId, type ProxyCall } from './proxy-call';
import type { ProxyExchange } from './proxy-exchange';
import { safeJson } from './request-body';
import { droppedParamsHeader, headerSafe } from './response-headers';
import type { UpstreamPlan } from './upstream-plan';
import { usageFromBody } from './usage';

const TAIL_READ_MIN_CHARS = 2048;

// Upstream response headers worth passing on to clients (rate-limit hints, request ids).
const FORWARDED_RESPONSE_HEADERS =
  /^(retry-after|x-ratelimit-|anthropic-ratelimit-|openai-processing-ms|x-request-id|request-id)/;

/**
 * Relay step: a successful upstream answer, sent on as it arrives. Same format: bytes pass through
 * (only usage is read); otherwise converted, whole (JSON) or event by event (SSE, or Gemini's
 * streamed JSON array).
 */
export async function relaySuccess(
  ex: ProxyExchange,
  plan: UpstreamPlan,
  upstream: Dispatcher.ResponseData,
): Promise<void> {
  const { call, res, input } = ex;
  const headers = responseHeaders(ex, plan, upstream.headers);

  if (!call.stream) {
    const text = await upstream.body.text();
    call.upstreamEndedAt = performance.now();
    // Passed through as it is: only usage and id are needed, read from the tail and the head. Below
    // TAIL_READ_MIN_CHARS a whole JSON.parse is as cheap (measured: 1.6 µs against 1.8 µs at 600
    // bytes; 2.9 against 2.2 µs at 5.5 KB, and the tail read stays flat as answers grow).
    const facts =
      plan.passthrough && !ex.trace && !ex.onResponse && text.length >= TAIL_READ_MIN_CHARS
        ? readAnswerTail(plan.adapter.format, text)
        : undefined;
    if (facts) {
      call.usage = facts.usage;
      if (facts.id !== undefined) call.responseId = facts.id;
      sendJson(ex, headers, text);
      return;
    }
    const json = safeJson(text);
    if (!json)
      throw new DomainError(
        ErrorCode.Upstream,
        `${plan.target.provider.id} answered with a body that is not JSON`,
      );
    call.usage = usageFromBody(plan.adapter.format, json);
    if (typeof json.id === 'string') call.responseId = json.id;
    if (ex.trace) call.finishReasons = finishReasonsFromBody(plan.adapter.format, json);
    const canonical = plan.passthrough ? undefined : toCanonicalResponse(plan.adapter.format, json);
    const converted = !canonical
      ? undefined
      : plan.clientEncoding
        ? plan.clientEncoding.response(canonical)
        : fromCanonicalResponse(call.format, canonical, plan.ctx);
    const out = converted ? JSON.stringify(converted) : text;
    // A Responses answer to keep for previous_response_id / retrieve, handed over before it is sent.
    if (ex.onResponse && call.format === 'openai-responses') ex.onResponse(converted ?? json);
    sendJson(ex, headers, out);
    return;
  }

  call.status = 200;
  headers['content-type'] = input.jsonArrayStream
    ? 'application/json'
    : 'text/event-stream; charset=utf-8';
  headers['cache-control'] = 'no-cache';
  headers['x-gateway-overhead-ms'] = overheadMs(call);
  res.writeHead(200, headers);
  res.flushHeaders();
  const framer = input.jsonArrayStream ? new JsonArrayFramer() : undefined;
  const relay = plan.passthrough ? passthroughRelay(call, plan) : convertingRelay(call, plan);
  const logged = call.gateway?.logBodies ? new BodyLog() : undefined;
  const captured =
    ex.onResponse && call.format === 'openai-responses'
      ? new ResponsesStreamCapture(ex.onResponse)
      : undefined;
  upstream.body.setEncoding('utf8');
  for await (const chunk of upstream.body as AsyncIterable<string>) {
    const sse = relay.push(chunk);
    const out = framer ? framer.push(sse) : sse;
    if (out.length === 0) continue;
    call.firstTokenAt ??= performance.now();
    logged?.add(out);
    captured?.push(out);
    if (!res.write(out)) await drained(res);
  }
  const relayTail = relay.end();
  const tail = framer ? framer.push(relayTail) + framer.end() : relayTail;
  call.upstreamEndedAt = performance.now();
  if (logged) {
    logged.add(tail);
    call.responseBody = logged.text();
  }
  captured?.push(tail);
  captured?.end();
  res.end(tail);
}

/** A whole JSON answer, 200, with the gateway's headers. */
function sendJson(ex: ProxyExchange, headers: Record<string, string>, out: string): void {
  const { call, res } = ex;
  call.status = 200;
  if (call.gateway?.logBodies) call.responseBody = capBody(out);
  headers['content-type'] = 'application/json';
  headers['content-length'] = String(Buffer.byteLength(out));
  headers['x-gateway-overhead-ms'] = overheadMs(call);
  res.writeHead(200, headers);
  res.end(out);
}

/** The gateway's own headers on an answer, plus the upstream's rate-limit hints and request id. */
export function responseHeaders(
  ex: ProxyExchange,
  plan: UpstreamPlan,
  upstream: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const { call } = ex;
  // Copied, then added to: on Node 20 an object literal spreading a key's nine x-ratelimit-*
  // headers before its own properties measured ~8 µs per answer, this ~0.5 µs (same headers, same
  // order).
  const headers: Record<string, string> = Object.assign({}, ex.extraHeaders);
  headers['x-gateway-request-id'] = publicRequestId(call);
  headers['x-gateway-provider'] = plan.target.provider.id;
  // The model may be the client's own string (an unknown model passed on as sent): header-safe.
  headers['x-gateway-model'] = headerSafe(plan.ctx.upstreamModel);
  headers['x-gateway-attempts'] = String(call.attempts);
  if (plan.droppedParams.length > 0)
    headers['x-gateway-dropped-params'] = droppedParamsHeader(plan.droppedParams);
  if (plan.candidate.breakerBypassed) headers['x-gateway-breaker'] = 'open-bypassed';
  for (const [name, value] of Object.entries(upstream)) {
    if (value !== undefined && FORWARDED_RESPONSE_HEADERS.test(name)) {
      const key = name === 'x-request-id' || name === 'request-id' ? 'x-upstream-request-id' : name;
      headers[key] = headerSafe(Array.isArray(value) ? value.join(', ') : value);
    }
  }
  return headers;
}

/** Same format: bytes pass on unchanged; only usage lines are read. */
function passthroughRelay(call: ProxyCall, plan: UpstreamPlan) {
  const tap = new PassthroughStreamTap(plan.adapter.format, plan.injectedUsage);
  return {
    push: (chunk: string) => tap.push(chunk),
    end: () => {
      const rest = tap.end();
      call.usage = tap.usage;
      return rest;
    },
  };
}

/** Different formats: upstream SSE → canonical events → the client's SSE, chunk by chunk. */
function convertingRelay(call: ProxyCall, plan: UpstreamPlan) {
  const decoder = createStreamDecoder(plan.adapter.format);
  const encoder =
    plan.clientEncoding?.streamEncoder() ?? createStreamEncoder(call.format, plan.ctx);
  const encode = (events: ReturnType<typeof decoder.push>) => {
    let out = '';
    for (const ev of events) {
      if (ev.type === 'usage') call.usage = ev.usage;
      if (ev.type === 'start') {
        if (ev.usage) call.usage = ev.usage;
        if (ev.id) call.responseId = ev.id;
      }
      out += encoder.push(ev);
    }
    return out;
  };
  return {
    push: (chunk: string) => encode(decoder.push(chunk)),
    end: () => encode(decoder.end()) + encoder.end(),
  };
}

/** Time the gateway itself spent: everything so far except waiting on the upstream. */
export function overheadMs(call: ProxyCall): string {
  const now = performance.now();
  const upstream = (call.upstreamEndedAt ?? now) - (call.upstreamStartedAt ?? now);
  return Math.max(0, now - call.startedAt - upstream).toFixed(3);
}

/**
 * Waits for the client to take more, or rejects as an abort when it has gone: a response whose
 * client hung up never emits 'drain', so waiting on 'drain' alone would keep the call (its
 * concurrency slot, its analytics event) pending forever.
 */
export function drained(res: ServerResponse): Promise<void> {
  const gone = () =>
    Object.assign(new Error('The client closed the connection'), { name: 'AbortError' });
  if (res.destroyed) return Promise.reject(gone());
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      res.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      res.off('drain', onDrain);
      reject(gone());
    };
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}
