import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventRecorder } from '@gateway/analytics';
import { ModelNotFoundError, isRoutable, type ModelCatalog } from '@gateway/routing';
import {
  DomainError,
  ErrorCode,
  InvalidRequestError,
  UnauthenticatedError,
} from '../../common/domain-errors';
import { GatewayAuthIndex, type GatewayIdentity } from '../gateways/gateway-auth.index';
import { MODEL_CATALOG } from '../models/models.tokens';
import { extractClientCredentials } from './client-credentials';
import { openAiErrorBody } from './formats/openai-errors';
import { OpenAiStreamTap } from './openai-stream-tap';
import { callToEvent } from './proxy-event.mapper';
import { createCall, type ClientFormat, type ProxyCall } from './proxy-call';
import { UPSTREAM_CLIENT } from './proxy.tokens';
import type { UpstreamClient } from './upstream/upstream-client';
import { UpstreamTargets } from './upstream/upstream-targets';
import { usageFromOpenAi } from './usage';

export interface ProxyInput {
  format: ClientFormat;
  endpoint: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  rawBody: Buffer | undefined;
}

// Upstream response headers worth passing on to clients (rate-limit hints, request ids).
const FORWARDED_RESPONSE_HEADERS = /^(retry-after|x-ratelimit-|openai-processing-ms|x-request-id)/;

/**
 * The proxy pipeline: authenticate → resolve model → build upstream request → dispatch → stream back → record.
 * Runs on raw Fastify routes; touches no database (gateway secrets and provider credentials are in memory).
 */
@Injectable()
export class ProxyService {
  private readonly logger = new Logger(ProxyService.name);

  constructor(
    private readonly authIndex: GatewayAuthIndex,
    private readonly targets: UpstreamTargets,
    @Inject(MODEL_CATALOG) private readonly catalog: ModelCatalog,
    @Inject(UPSTREAM_CLIENT) private readonly client: UpstreamClient,
    private readonly recorder: EventRecorder,
  ) {}

  async handle(input: ProxyInput, res: ServerResponse): Promise<ProxyCall> {
    const call = createCall(input.endpoint, input.format, randomUUID(), performance.now());
    const abort = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) abort.abort();
    };
    res.once('close', onClose);
    try {
      call.gateway = this.authenticate(input);
      const body = parseJsonBody(input.rawBody);
      const model = body.model;
      if (typeof model !== 'string' || model.trim() === '') {
        throw new InvalidRequestError('you must provide a model parameter', 'model');
      }
      call.requestedModel = model;
      call.stream = body.stream === true;
      call.resolved = this.resolveModel(model);
      await this.forwardOpenAi(call, body, input, res, abort.signal);
    } catch (err) {
      this.fail(call, err, res);
    } finally {
      res.off('close', onClose);
      // Requests without a valid gateway belong to nobody and are not recorded.
      if (call.gateway) this.recorder.record(callToEvent(call, performance.now(), Date.now()));
    }
    return call;
  }

  /** Renders any error of the pipeline in the client's format, unless the response already started. */
  fail(call: ProxyCall, err: unknown, res: ServerResponse): void {
    if (abortedByClient(err)) {
      call.status = 499;
      call.errorType = 'client_closed_request';
      call.errorMessage = 'The client closed the connection';
      return;
    }
    const domain = err instanceof DomainError ? err : internalError(err, this.logger);
    call.status = domain.status;
    call.errorType = domain.code;
    call.errorMessage = domain.message;
    if (res.headersSent) {
      // Mid-stream: the OpenAI SDK reads an `error` object in a data line as an APIError.
      if (!res.writableEnded) res.end(`data: ${JSON.stringify(openAiErrorBody(domain))}\n\n`);
      return;
    }
    const payload = JSON.stringify(openAiErrorBody(domain));
    res.writeHead(domain.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
      'x-gateway-request-id': call.requestId,
      ...domain.headers,
    });
    res.end(payload);
  }

  authenticate(input: Pick<ProxyInput, 'headers' | 'query'>): GatewayIdentity {
    const creds = extractClientCredentials(input.headers, input.query);
    if (!creds) {
      throw new UnauthenticatedError(
        'Missing gateway credentials: send Authorization: Bearer <gateway secret> (or x-gateway-id + x-gateway-authorization)',
      );
    }
    const identity = this.authIndex.lookup(creds.secret, creds.gatewayId);
    if (!identity) throw new UnauthenticatedError('Invalid gateway credentials');
    return identity;
  }

  private resolveModel(model: string) {
    let resolved;
    try {
      resolved = this.catalog.resolve(model);
    } catch (err) {
      if (err instanceof ModelNotFoundError) {
        const hint = err.suggestions.length ? ` Did you mean: ${err.suggestions.join(', ')}?` : '';
        throw new DomainError(
          ErrorCode.ModelNotFound,
          `The model '${model}' does not exist.${hint}`,
          { param: 'model' },
        );
      }
      throw err;
    }
    if (!isRoutable(resolved.provider)) {
      throw new DomainError(
        ErrorCode.ProviderNotSupported,
        `The model '${model}' is served by ${resolved.provider.id}, whose API (${resolved.provider.family}) this gateway cannot call yet`,
        { param: 'model' },
      );
    }
    if (resolved.entry.mode !== 'chat' && resolved.entry.mode !== 'responses') {
      throw new InvalidRequestError(
        `The model '${model}' is a ${resolved.entry.mode} model, not a chat model`,
        'model',
      );
    }
    return resolved;
  }

  private async forwardOpenAi(
    call: ProxyCall,
    body: Record<string, unknown>,
    input: ProxyInput,
    res: ServerResponse,
    signal: AbortSignal,
  ): Promise<void> {
    const resolved = call.resolved!;
    const target = this.targets.resolve(resolved.provider);
    // Usage is needed for analytics: ask for it, and hide it again if the client did not.
    const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
    const injectUsage = call.stream && streamOptions?.include_usage !== true;
    let payload: string | Buffer = input.rawBody!;
    if (body.model !== resolved.entry.upstreamId || injectUsage) {
      payload = JSON.stringify({
        ...body,
        model: resolved.entry.upstreamId,
        ...(injectUsage ? { stream_options: { ...streamOptions, include_usage: true } } : {}),
      });
    }
    call.attempts = 1;
    call.upstreamStartedAt = performance.now();
    const upstream = await this.client.send(
      {
        url: new URL(`${target.baseUrl}/chat/completions`),
        headers: {
          'content-type': 'application/json',
          accept: call.stream ? 'text/event-stream' : 'application/json',
          ...target.authHeaders,
        },
        body: payload,
        signal,
      },
      resolved.provider.id,
    );
    const headers = this.responseHeaders(call, upstream.headers);
    if (upstream.statusCode >= 400 || !call.stream) {
      const text = await upstream.body.text();
      call.upstreamEndedAt = performance.now();
      call.status = upstream.statusCode;
      if (upstream.statusCode >= 400) {
        this.relayUpstreamError(call, upstream.statusCode, text, headers, res);
        return;
      }
      const json = safeJson(text);
      call.usage = usageFromOpenAi(json?.usage);
      if (typeof json?.id === 'string') call.responseId = json.id;
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(text));
      headers['x-gateway-overhead-ms'] = overheadMs(call);
      res.writeHead(200, headers);
      res.end(text);
      return;
    }
    call.status = upstream.statusCode;
    headers['content-type'] = 'text/event-stream; charset=utf-8';
    headers['cache-control'] = 'no-cache';
    headers['x-gateway-overhead-ms'] = overheadMs(call);
    res.writeHead(200, headers);
    res.flushHeaders();
    const tap = new OpenAiStreamTap(injectUsage);
    upstream.body.setEncoding('utf8');
    for await (const chunk of upstream.body as AsyncIterable<string>) {
      const out = tap.push(chunk);
      if (out.length === 0) continue;
      call.firstTokenAt ??= performance.now();
      if (!res.write(out)) await once(res, 'drain');
    }
    const rest = tap.end();
    call.upstreamEndedAt = performance.now();
    call.usage = tap.usage;
    res.end(rest);
  }

  private relayUpstreamError(
    call: ProxyCall,
    status: number,
    text: string,
    headers: Record<string, string>,
    res: ServerResponse,
  ): void {
    const parsed = safeJson(text);
    const upstreamMessage =
      (parsed?.error as { message?: string } | undefined)?.message ??
      (text.slice(0, 500) || `HTTP ${status}`);
    call.errorType = 'upstream_error';
    call.errorMessage = `${call.resolved!.provider.id}: ${upstreamMessage}`;
    const payload =
      parsed?.error && typeof parsed.error === 'object'
        ? text
        : JSON.stringify(
            openAiErrorBody(new DomainError(ErrorCode.Upstream, call.errorMessage, { status })),
          );
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
    res.writeHead(status, headers);
    res.end(payload);
  }

  private responseHeaders(
    call: ProxyCall,
    upstream: Record<string, string | string[] | undefined>,
  ) {
    const headers: Record<string, string> = {
      'x-gateway-request-id': call.requestId,
      'x-gateway-provider': call.resolved!.provider.id,
      'x-gateway-model': call.resolved!.entry.upstreamId,
    };
    for (const [name, value] of Object.entries(upstream)) {
      if (value !== undefined && FORWARDED_RESPONSE_HEADERS.test(name)) {
        headers[name === 'x-request-id' ? 'x-upstream-request-id' : name] = Array.isArray(value)
          ? value.join(', ')
          : value;
      }
    }
    return headers;
  }
}

function parseJsonBody(raw: Buffer | undefined): Record<string, unknown> {
  if (!raw || raw.length === 0)
    throw new InvalidRequestError('The request body is empty: send a JSON object');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw new InvalidRequestError(`The request body is not valid JSON: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InvalidRequestError('The request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Time the gateway itself spent: everything so far except waiting on the upstream. */
function overheadMs(call: ProxyCall): string {
  const now = performance.now();
  const upstream = (call.upstreamEndedAt ?? now) - (call.upstreamStartedAt ?? now);
  return Math.max(0, now - call.startedAt - upstream).toFixed(3);
}

function abortedByClient(err: unknown): boolean {
  const name = (err as Error)?.name;
  return name === 'AbortError' || (err as { code?: string })?.code === 'UND_ERR_ABORTED';
}

function internalError(err: unknown, logger: Logger): DomainError {
  logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  return new DomainError(ErrorCode.Internal, 'Internal gateway error');
}
