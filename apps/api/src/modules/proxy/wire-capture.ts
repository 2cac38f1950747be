import { StringDecoder } from 'node:string_decoder';
import { performance } from 'node:perf_hooks';
import {
  WIRE_BODY_MAX_BYTES,
  WIRE_DEBUG_VALUE,
  WIRE_MAX_ATTEMPTS,
  type WireAttempt,
  type WireExchange,
  type WireUpstreamRequest,
} from '@gateway/contracts';
import type { Dispatcher } from 'undici';
import { BodyLog } from './body-log';
import type { ProxyCall } from './proxy-call';
import { describeRequestBody, isTextual } from './wire-body';
import { maskHeaders, maskUrl } from './wire-mask';

/** `x-gateway-debug: wire` (a comma list may name other flags beside it). */
export function wantsWire(value: string | string[] | undefined): boolean {
  if (value === undefined) return false;
  const text = Array.isArray(value) ? value.join(',') : value;
  return text
    .toLowerCase()
    .split(',')
    .some((flag) => flag.trim() === WIRE_DEBUG_VALUE);
}

/**
 * The wire capture of one proxied request: one tap per upstream attempt. Each tap watches the
 * undici request from the inside (an interceptor), so what it sees is what went over the socket,
 * and the relay reading the same answer is not slowed or buffered. Published (masked, capped)
 * whenever an attempt ends, so the capture is readable before the client has its last byte.
 */
export class WireCapture {
  private readonly taps: WireTap[] = [];
  private readonly createdAt = new Date().toISOString();

  constructor(
    private readonly call: ProxyCall,
    private readonly gatewayId: string,
    private readonly publish: (capture: WireExchange) => void,
  ) {}

  /** The tap for the next upstream attempt; none past WIRE_MAX_ATTEMPTS. */
  attempt(provider: string): WireTap | undefined {
    if (this.taps.length >= WIRE_MAX_ATTEMPTS) return undefined;
    const tap = new WireTap(provider, performance.now() - this.call.startedAt, () =>
      this.publish(this.snapshot()),
    );
    this.taps.push(tap);
    return tap;
  }

  /**
   * The exchange is over: a request the gateway answered itself (refused, unknown model) is kept
   * too, with no attempts, so the wire view can say no upstream was called.
   */
  settle(): void {
    if (this.taps.length === 0) this.publish(this.snapshot());
  }

  snapshot(): WireExchange {
    const { call } = this;
    return {
      request_id: call.requestId,
      gateway_id: this.gatewayId,
      endpoint: call.endpoint,
      client_format: call.format,
      upstream_format: call.upstreamFormat ?? null,
      requested_model: call.requestedModel,
      stream: call.stream,
      created_at: this.createdAt,
      attempts: this.taps.map((t) => t.view()),
    };
  }
}

/** One upstream attempt as seen on the wire. */
export class WireTap {
  private request: WireUpstreamRequest | undefined;
  private sentAt = 0;
  private endedAt: number | undefined;
  private status = 0;
  private responseHeaders: Record<string, string> | undefined;
  private contentType: string | null = null;
  private decoder: StringDecoder | undefined;
  private log: BodyLog | undefined;
  private binaryBytes = 0;
  private error: string | null = null;

  constructor(
    readonly provider: string,
    private readonly startedMs: number,
    private readonly onEnd: () => void,
  ) {}

  /** For `Dispatcher.compose`: records the request as dispatched and watches its answer. */
  readonly interceptor: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (opts, handler) => {
    this.sent(opts);
    return dispatch(opts, this.watch(handler));
  };

  view(): WireAttempt {
    const request = this.request ?? {
      method: 'POST',
      url: '',
      headers: {},
      body: { content_type: null, bytes: 0, text: null, truncated: false },
    };
    const response = this.responseHeaders
      ? {
          status: this.status,
          headers: this.responseHeaders,
          body: {
            content_type: this.contentType,
            bytes: this.log?.bytes ?? this.binaryBytes,
            text: this.log
              ? this.log
                  .parts()
                  .map((p) => p.text)
                  .join('')
              : null,
            truncated: this.log?.truncated ?? false,
          },
          chunks: (this.log?.parts() ?? []).map((p) => ({
            at_ms: round(p.at - this.sentAt),
            text: p.text,
          })),
        }
      : null;
    return {
      provider: this.provider,
      started_ms: round(this.startedMs),
      duration_ms: this.endedAt === undefined ? null : round(this.endedAt - this.sentAt),
      request,
      response,
      error: this.error,
    };
  }

  private sent(opts: Dispatcher.DispatchOptions): void {
    this.sentAt = performance.now();
    const headers = maskHeaders(opts.headers as Record<string, string> | undefined);
    this.request = {
      method: opts.method,
      url: maskUrl(`${String(opts.origin ?? '')}${opts.path}`),
      headers,
      body: describeRequestBody(opts.body, headers['content-type'] ?? null, WIRE_BODY_MAX_BYTES),
    };
  }

  private watch(inner: Dispatcher.DispatchHandler): Dispatcher.DispatchHandler {
    return {
      onRequestStart: (controller, context) => inner.onRequestStart?.(controller, context),
      onRequestUpgrade: (controller, status, headers, socket) =>
        inner.onRequestUpgrade?.(controller, status, headers, socket),
      onResponseStart: (controller, status, headers, message) => {
        // 1xx answers come before the real one.
        if (status >= 200) this.started(status, headers);
        inner.onResponseStart?.(controller, status, headers, message);
      },
      onResponseData: (controller, chunk) => {
        this.data(chunk);
        inner.onResponseData?.(controller, chunk);
      },
      onResponseEnd: (controller, trailers) => {
        this.finish(null);
        inner.onResponseEnd?.(controller, trailers);
      },
      onResponseError: (controller, err) => {
        this.finish(err);
        inner.onResponseError?.(controller, err);
      },
    };
  }

  private started(status: number, headers: Record<string, string | string[] | undefined>): void {
    this.status = status;
    this.responseHeaders = maskHeaders(headers);
    this.contentType = this.responseHeaders['content-type'] ?? null;
    if (isTextual(this.contentType)) {
      this.decoder = new StringDecoder('utf8');
      this.log = new BodyLog(WIRE_BODY_MAX_BYTES);
    }
  }

  private data(chunk: Buffer): void {
    if (this.decoder && this.log) this.log.add(this.decoder.write(chunk), performance.now());
    else this.binaryBytes += chunk.length;
  }

  private finish(err: Error | null): void {
    if (this.endedAt !== undefined) return;
    this.endedAt = performance.now();
    if (this.decoder && this.log) this.log.add(this.decoder.end(), this.endedAt);
    if (err) this.error = err.message;
    this.onEnd();
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
