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
 * One keep-alive connection pool per upstream origin (undici's Agent keeps a Pool per origin).
 * Network failures become domain errors: unreachable → 502, timeouts → 504.
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
    try {
      const dispatcher = req.dispatcher ?? this.agent;
      return await (req.wire ? dispatcher.compose(req.wire.interceptor) : dispatcher).request({
        origin: req.url.origin,
        path: req.url.pathname + req.url.search,
        method: 'POST',
        headers: req.headers,
        body: req.body,
        signal: req.signal,
        ...(req.timeoutMs !== undefined
          ? { headersTimeout: req.timeoutMs, bodyTimeout: req.timeoutMs }
          : {}),
      });
    } catch (err) {
      throw toUpstreamError(err, provider);
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
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
  const code =
    (err as { code?: string })?.code ?? (err as { cause?: { code?: string } })?.cause?.code;
  return new DomainError(
    ErrorCode.UpstreamUnreachable,
    `Upstream provider ${provider} is unreachable${code ? ` (${code})` : ''}`,
  );
}
