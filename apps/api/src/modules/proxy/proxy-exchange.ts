import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Operation } from '@gateway/contracts';
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { GatewayIdentity } from '../gateways/gateway-auth.index';
import type { CallerKey } from '../keys/caller-key';
import type { Admission } from '../keys/key-admission.types';
import type { RoutePlan } from '../routing/routing.types';
import type { RequestTrace } from '../tracing/trace.types';
import { clientRequestId } from './client-context';
import { createCall, type ClientFormat, type ProxyCall } from './proxy-call';
import type { PlanInput } from './upstream-plan';
import type { WireCapture } from './wire-capture';

export interface ProxyInput {
  format: ClientFormat;
  /** The HTTP method, set only when not POST (model lists, stored responses). */
  method?: string;
  endpoint: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  rawBody: Buffer | undefined;
  /** Gemini puts the model and the streaming choice in the URL. */
  pathModel?: string;
  pathStream?: boolean;
  /** Gemini streaming without `alt=sse`: one JSON array streamed element by element. */
  jsonArrayStream?: boolean;
}

export interface Caller {
  identity: GatewayIdentity;
  key?: CallerKey;
}

/**
 * One client request on its way through the pipeline: what came in, who sent it, what was planned and
 * admitted, and the call record (format, timings, attempts, usage) that becomes the analytics event.
 * Every step reads and fills this one object.
 */
export interface ProxyExchange {
  input: ProxyInput;
  res: ServerResponse;
  call: ProxyCall;
  /** Aborted when the client goes away before the answer is complete. */
  signal: ClientGone;
  caller?: Caller;
  body?: Record<string, unknown>;
  /** `body` no longer matches the client's bytes (a Responses conversation was replayed into it). */
  bodyRewritten?: boolean;
  /** Called with the Responses object the client received, when it is to be stored. */
  onResponse?: (response: Record<string, unknown>) => void;
  route?: RoutePlan;
  /** The request as each candidate's upstream plan starts from it (after key policy). */
  planInput?: PlanInput;
  admission?: Admission;
  /** The request's span, while tracing is on. */
  trace?: RequestTrace;
  /** Added to every answer (the key's `x-ratelimit-*`). */
  extraHeaders: Record<string, string>;
  /** Set when the caller asked for (and may have) a wire capture: `x-gateway-debug: wire`. */
  wire?: WireCapture;
  /** Detaches the close listener; call once the exchange is over. */
  close(): void;
}

/**
 * Fires 'abort' when the client goes away before its answer is complete. An EventEmitter with
 * AbortSignal's `aborted` and `reason`, which undici takes as a request's `signal`: the profile showed
 * an AbortController (and EventTarget listeners) per request at about 2 % of the proxy's CPU, for an
 * event that almost never happens.
 */
export class ClientGone extends EventEmitter {
  aborted = false;
  reason: Error | undefined;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = Object.assign(new Error('The client closed the connection'), {
      name: 'AbortError',
    });
    this.emit('abort');
  }
}

/** The exchange of one request; `operation` is what it asks for (chat unless told). */
export function openExchange(
  input: ProxyInput,
  res: ServerResponse,
  operation?: Operation,
): ProxyExchange {
  const call = createCall(
    input.endpoint,
    input.format,
    randomUUID(),
    performance.now(),
    clientRequestId(input.headers),
    operation,
  );
  if (input.method) call.method = input.method;
  const gone = new ClientGone();
  const onClose = () => {
    if (!res.writableFinished) gone.abort();
  };
  res.once('close', onClose);
  return {
    input,
    res,
    call,
    signal: gone,
    trace: undefined,
    extraHeaders: {},
    close: () => res.off('close', onClose),
  };
}
