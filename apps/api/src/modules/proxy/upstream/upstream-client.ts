import type { EventEmitter } from 'node:events';
import { Agent, errors, type Dispatcher } from 'undici';
import { DomainError, ErrorCode } from '../../../common/domain-errors';
import type { WireTap } from '../wire-capture';

export interface UpstreamRequest {
  url: URL;
  headers: Record<string, string>;
  body: string | Buffer;
  /** The client's hang-up (an AbortSignal, or an EventEmitter that emits 'abort'). */
  signal: AbortSignal | EventEmitter;
  /** This attempt's limit for the response headers and for each gap between body chunks. */
  timeoutMs?: number;
  /** A provider's own HTTP/SOCKS5 proxy agent instead of the shared pool. */
  dispatcher?: Dispatcher;
  /** Records this exchange for the wire view (`x-gateway-debug: wire`); absent on ordinary requests. */
  wire?: WireTap;
}

export interface UpstreamClientOptions {
  timeoutMs: number;
  connectTimeoutMs: number;
}

/**
 * Failures of a connection that was open, before any answer came: most often a kept-alive connection
 * the upstream (or a load balancer before it) closed just as it was reused. Refused or unresolvable
 * addresses and timeouts are not in the list: trying again at once would fail the same way.
 */
const DROPPED_CONNECTION = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);
/**
 * A connection closed under a reused request fails within milliseconds. A drop after longer means the
 * upstream worked on the request and died: that is left to the route's retries and fallbacks.
 */
const DROP_RETRY_WINDOW_MS = 2_000;

/**
 * One keep-alive connection pool per upstream origin (undici's Agent keeps a Pool per origin).
 * A request whose connection drops before any answer is sent once more at once (on another
 * connection), as the providers' own SDKs do for connection errors; other network failures become
 * domain errors: unreachable → 502, timeouts → 504.
 */
export class UpstreamClient {
  private readonly agent: Agent;

  constructor(opts: UpstreamClientOptions) {
    this.agent = new Agent({
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
      connections: 512,
      pipelining: 1,
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
      connect: { timeout: opts.connectTimeoutMs },
    });
  }

  async send(req: UpstreamRequest, provider: string): Promise<Dispatcher.ResponseData> {
    const started = performance.now();
    try {
      return await this.request(req, req.timeoutMs);
    } catch (err) {
      const elapsed = performance.now() - started;
      if (
        !droppedConnection(err) ||
        elapsed > DROP_RETRY_WINDOW_MS ||
        (req.signal as { aborted?: boolean }).aborted
      ) {
        throw toUpstreamError(err, provider);
      }
      return this.sendAgain(req, provider, elapsed);
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  /** The second and last try of a request whose connection dropped, within what is left of its time. */
  private async sendAgain(
    req: UpstreamRequest,
    provider: string,
    elapsed: number,
  ): Promise<Dispatcher.ResponseData> {
    const timeoutMs =
      req.timeoutMs === undefined ? undefined : Math.max(1, Math.floor(req.timeoutMs - elapsed));
    try {
      return await this.request(req, timeoutMs);
    } catch (err) {
      throw toUpstreamError(err, provider);
    }
  }

  private request(
    req: UpstreamRequest,
    timeoutMs: number | undefined,
  ): Promise<Dispatcher.ResponseData> {
    const dispatcher = req.dispatcher ?? this.agent;
    return (req.wire ? dispatcher.compose(req.wire.interceptor) : dispatcher).request({
      origin: req.url.origin,
      path: req.url.pathname + req.url.search,
      method: 'POST',
      headers: req.headers,
      body: req.body,
      signal: req.signal,
      ...(timeoutMs !== undefined ? { headersTimeout: timeoutMs, bodyTimeout: timeoutMs } : {}),
    });
  }
}

function errorCode(err: unknown): string | undefined {
  return (err as { code?: string })?.code ?? (err as { cause?: { code?: string } })?.cause?.code;
}

function droppedConnection(err: unknown): boolean {
  return DROPPED_CONNECTION.has(errorCode(err) ?? '');
}

function isTimeout(err: unknown): boolean {
  return (
    err instanceof errors.HeadersTimeoutError ||
    err instanceof errors.BodyTimeoutError ||
    err instanceof errors.ConnectTimeoutError
  );
}

function toUpstreamError(err: unknown, provider: string): Error {
  if (err instanceof DomainError) return err;
  if ((err as Error)?.name === 'AbortError' || err instanceof errors.RequestAbortedError)
    return err as Error;
  if (isTimeout(err)) {
    return new DomainError(ErrorCode.UpstreamTimeout, `Upstream provider ${provider} timed out`);
  }
  const code = errorCode(err);
  return new DomainError(
    ErrorCode.UpstreamUnreachable,
    `Upstream provider ${provider} is unreachable${code ? ` (${code})` : ''}`,
  );
}
