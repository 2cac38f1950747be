import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { DomainError, ErrorCode } from '../../../common/domain-errors';
import { capBody } from '../body-log';
import type { ProxyExchange } from '../proxy-exchange';
import { drained, overheadMs, responseHeaders } from '../relay';
import { safeJson } from '../request-body';
import type { UpstreamPlan } from '../upstream-plan';

/** A whole JSON answer of the upstream (the call's upstream time ends when it is read). */
export async function readJsonAnswer(
  ex: ProxyExchange,
  plan: UpstreamPlan,
  upstream: Dispatcher.ResponseData,
): Promise<{ text: string; json: Record<string, any> }> {
  const text = await upstream.body.text();
  ex.call.upstreamEndedAt = performance.now();
  const json = safeJson(text);
  if (!json)
    throw new DomainError(
      ErrorCode.Upstream,
      `${plan.target.provider.id} answered with a body that is not JSON`,
    );
  return { text, json };
}

/** Sends a whole answer with the gateway's headers (and the upstream's rate-limit hints). */
export function sendAnswer(
  ex: ProxyExchange,
  plan: UpstreamPlan,
  upstream: Dispatcher.ResponseData,
  body: string,
  contentType = 'application/json',
): void {
  const { call, res } = ex;
  const headers = responseHeaders(ex, plan, upstream.headers);
  call.status = 200;
  if (call.gateway?.logBodies) call.responseBody = capBody(body);
  headers['content-type'] = contentType;
  headers['content-length'] = String(Buffer.byteLength(body));
  headers['x-gateway-overhead-ms'] = overheadMs(call);
  res.writeHead(200, headers);
  res.end(body);
}

/**
 * Streams the upstream's bytes to the client as they arrive (binary audio, SSE), never holding the
 * whole answer; `onChunk` sees each chunk (usage taps). Body logging keeps a note, not the bytes.
 */
export async function pipeAnswer(
  ex: ProxyExchange,
  plan: UpstreamPlan,
  upstream: Dispatcher.ResponseData,
  onChunk?: (chunk: Buffer) => void,
): Promise<number> {
  const { call, res } = ex;
  const headers = responseHeaders(ex, plan, upstream.headers);
  const contentType = upstream.headers['content-type'];
  headers['content-type'] =
    (Array.isArray(contentType) ? contentType[0] : contentType) ?? 'application/octet-stream';
  headers['cache-control'] = 'no-cache';
  headers['x-gateway-overhead-ms'] = overheadMs(call);
  call.status = 200;
  res.writeHead(200, headers);
  res.flushHeaders();
  let bytes = 0;
  for await (const chunk of upstream.body as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    call.firstTokenAt ??= performance.now();
    onChunk?.(chunk);
    if (!res.write(chunk)) await drained(res);
  }
  call.upstreamEndedAt = performance.now();
  if (call.gateway?.logBodies) call.responseBody = `(${bytes} bytes of ${headers['content-type']})`;
  res.end();
  return bytes;
}
