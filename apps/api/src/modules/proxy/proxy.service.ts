import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventRecorder } from '@gateway/analytics';
import {
  createStreamDecoder,
  createStreamEncoder,
  encodeStreamError,
  estimateInputTokens,
  fromCanonicalError,
  fromCanonicalRequest,
  fromCanonicalResponse,
  InvalidRequestError as ConversionError,
  toCanonicalError,
  toCanonicalRequest,
  toCanonicalResponse,
  type ConvertContext,
} from '@gateway/converters';
import {
  ModelNotFoundError,
  isRoutable,
  type ModelCatalog,
  type ResolvedModel,
} from '@gateway/routing';
import {
  DomainError,
  ErrorCode,
  InvalidRequestError,
  UnauthenticatedError,
} from '../../common/domain-errors';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { GatewayAuthIndex, type GatewayIdentity } from '../gateways/gateway-auth.index';
import { MODEL_CATALOG } from '../models/models.tokens';
import { extractClientCredentials } from './client-credentials';
import { renderError, toCanonical } from './client-errors';
import { JsonArrayFramer } from './json-array-framer';
import { PassthroughStreamTap } from './passthrough-stream-tap';
import { createCall, type ClientFormat, type ProxyCall } from './proxy-call';
import { callToEvent } from './proxy-event.mapper';
import { UPSTREAM_CLIENT } from './proxy.tokens';
import {
  AZURE_DEFAULT_API_VERSION,
  createAdapterSelector,
  type UpstreamAdapter,
} from './upstream/adapters';
import type { UpstreamClient } from './upstream/upstream-client';
import { UpstreamTargets, type UpstreamTarget } from './upstream/upstream-targets';
import { estimateTokens } from './token-estimate';
import { usageFromBody } from './usage';
import { BodyLog, capBody } from './body-log';

export interface ProxyInput {
  format: ClientFormat;
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

/** What goes upstream for one call, and how its answer must be turned back. */
interface UpstreamPlan {
  target: UpstreamTarget;
  adapter: UpstreamAdapter;
  payload: string | Buffer;
  /** Same wire format on both sides: bytes pass through, only usage is read. */
  passthrough: boolean;
  /** The gateway added `include_usage` the client did not ask for. */
  injectedUsage: boolean;
  droppedParams: string[];
  ctx: ConvertContext & { includeUsage?: boolean; estimatedInputTokens?: number };
}

// Upstream response headers worth passing on to clients (rate-limit hints, request ids).
const FORWARDED_RESPONSE_HEADERS =
  /^(retry-after|x-ratelimit-|anthropic-ratelimit-|openai-processing-ms|x-request-id|request-id)/;

/**
 * The proxy pipeline: authenticate → resolve model → convert → dispatch → stream back → record.
 * Runs on raw Fastify routes; touches no database (gateway secrets and provider credentials are in memory).
 * Same-format traffic passes through byte for byte; other pairs go through the canonical converters.
 */
@Injectable()
export class ProxyService {
  private readonly logger = new Logger(ProxyService.name);
  private readonly adapterFor: ReturnType<typeof createAdapterSelector>;

  constructor(
    private readonly authIndex: GatewayAuthIndex,
    private readonly targets: UpstreamTargets,
    @Inject(MODEL_CATALOG) private readonly catalog: ModelCatalog,
    @Inject(UPSTREAM_CLIENT) private readonly client: UpstreamClient,
    private readonly recorder: EventRecorder,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.adapterFor = createAdapterSelector(config.azureApiVersion ?? AZURE_DEFAULT_API_VERSION);
  }

  async handle(input: ProxyInput, res: ServerResponse): Promise<ProxyCall> {
    const call = createCall(input.endpoint, input.format, randomUUID(), performance.now());
    const abort = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) abort.abort();
    };
    res.once('close', onClose);
    try {
      call.gateway = this.authenticate(input);
      if (call.gateway.logBodies && input.rawBody)
        call.requestBody = capBody(input.rawBody.toString('utf8'));
      const body = parseJsonBody(input.rawBody);
      const model = input.format === 'gemini' ? input.pathModel : body.model;
      if (typeof model !== 'string' || model.trim() === '') {
        throw new InvalidRequestError('you must provide a model parameter', 'model');
      }
      call.requestedModel = model;
      call.stream = input.format === 'gemini' ? input.pathStream === true : body.stream === true;
      call.resolved = this.resolveModel(model);
      const plan = this.plan(call, input, body);
      await this.dispatch(call, plan, input, res, abort.signal);
    } catch (err) {
      this.fail(call, err, res, input.jsonArrayStream);
    } finally {
      res.off('close', onClose);
      // Requests without a valid gateway belong to nobody and are not recorded.
      if (call.gateway) this.recorder.record(callToEvent(call, performance.now(), Date.now()));
    }
    return call;
  }

  authenticate(input: Pick<ProxyInput, 'headers' | 'query'>): GatewayIdentity {
    const creds = extractClientCredentials(input.headers, input.query);
    if (!creds) {
      throw new UnauthenticatedError(
        'Missing gateway credentials: send the gateway secret as Authorization: Bearer, x-api-key, x-goog-api-key or ?key= (or x-gateway-id + x-gateway-authorization)',
      );
    }
    const identity = this.authIndex.lookup(creds.secret, creds.gatewayId);
    if (!identity) throw new UnauthenticatedError('Invalid gateway credentials');
    return identity;
  }

  /** Renders any error of the pipeline in the client's format, unless the client is gone. */
  fail(call: ProxyCall, err: unknown, res: ServerResponse, jsonArrayStream = false): void {
    if (abortedByClient(err)) {
      call.status = 499;
      call.errorType = 'client_closed_request';
      call.errorMessage = 'The client closed the connection';
      return;
    }
    const domain =
      err instanceof DomainError
        ? err
        : err instanceof ConversionError
          ? new InvalidRequestError(err.message, err.param)
          : internalError(err, this.logger);
    call.status = domain.status;
    call.errorType = domain.code;
    call.errorMessage = domain.message;
    if (res.headersSent) {
      // Mid-stream: framed the way the client's SDK reads an error inside a stream.
      if (!res.writableEnded) {
        const frame = encodeStreamError(call.format, toCanonical(domain));
        res.end(jsonArrayStream ? `,\r\n${frame.replace(/^data: /, '').trim()}]` : frame);
      }
      return;
    }
    const rendered = renderError(call.format, domain);
    res.writeHead(rendered.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(rendered.body),
      'x-gateway-request-id': call.requestId,
      ...domain.headers,
    });
    res.end(rendered.body);
  }

  /**
   * Anthropic `/v1/messages/count_tokens` and Gemini `:countTokens`: forwarded when the model's provider
   * speaks that API, estimated otherwise (see token-estimate.ts).
   */
  async countTokens(input: ProxyInput, res: ServerResponse): Promise<void> {
    const call = createCall(input.endpoint, input.format, randomUUID(), performance.now());
    try {
      this.authenticate(input);
      const body = parseJsonBody(input.rawBody);
      const model = input.format === 'gemini' ? input.pathModel : body.model;
      if (typeof model !== 'string' || model.trim() === '') {
        throw new InvalidRequestError('you must provide a model parameter', 'model');
      }
      const resolved = this.resolveModel(model);
      const adapter = this.adapterFor(resolved.provider, input.format);
      if (adapter?.format === input.format) {
        const target = this.targets.resolve(resolved.provider);
        const url =
          input.format === 'gemini'
            ? new URL(
                `${target.baseUrl}/v1beta/models/${encodeURIComponent(resolved.entry.upstreamId)}:countTokens`,
              )
            : new URL(`${target.baseUrl}/v1/messages/count_tokens`);
        const upstream = await this.client.send(
          {
            url,
            headers: {
              'content-type': 'application/json',
              ...adapter.headers(target, input.headers),
              ...target.authHeaders,
            },
            body: JSON.stringify(
              input.format === 'gemini' ? body : { ...body, model: resolved.entry.upstreamId },
            ),
            signal: AbortSignal.timeout(30_000),
          },
          resolved.provider.id,
        );
        const text = await upstream.body.text();
        res.writeHead(upstream.statusCode, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
        });
        res.end(text);
        return;
      }
      const tokens =
        input.format === 'gemini'
          ? estimateTokens([body.contents, body.systemInstruction, body.tools])
          : estimateTokens([body.system, body.messages, body.tools]);
      const out = JSON.stringify(
        input.format === 'gemini' ? { totalTokens: tokens } : { input_tokens: tokens },
      );
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(out),
        'x-gateway-token-count': 'estimate',
      });
      res.end(out);
    } catch (err) {
      this.fail(call, err, res);
    }
  }

  private resolveModel(model: string): ResolvedModel {
    let resolved: ResolvedModel;
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
        `The model '${model}' is served by ${resolved.provider.id}, whose API (${resolved.provider.family}) this gateway cannot call`,
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

  /** Builds the upstream body: the client's bytes when formats match, else a converted request. */
  private plan(call: ProxyCall, input: ProxyInput, body: Record<string, unknown>): UpstreamPlan {
    const resolved = call.resolved!;
    const target = this.targets.resolve(resolved.provider);
    const adapter = this.adapterFor(resolved.provider, input.format);
    if (!adapter)
      throw new DomainError(
        ErrorCode.ProviderNotSupported,
        `No adapter for ${resolved.provider.family}`,
      );
    call.upstreamFormat = adapter.format;
    const upstreamModel = resolved.entry.upstreamId;
    const ctx: UpstreamPlan['ctx'] = {
      upstreamModel,
      requestedModel: call.requestedModel,
      maxOutputTokens: resolved.entry.maxOutputTokens,
      id: call.requestId,
      created: Math.floor(Date.now() / 1000),
    };

    if (adapter.format === input.format) {
      const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
      // OpenAI streams carry usage only when asked: ask, and hide it again from a client that did not.
      const injectedUsage =
        adapter.format === 'openai-chat' && call.stream && streamOptions?.include_usage !== true;
      // Fields this provider is known to reject (its ProviderSpec.dropParams) are removed and reported.
      const droppedParams = (resolved.provider.dropParams ?? []).filter(
        (p) => body[p] !== undefined,
      );
      let payload: string | Buffer = input.rawBody!;
      if (adapter.format === 'gemini') {
        // The model is in the URL; the body passes unchanged.
      } else if (body.model !== upstreamModel || injectedUsage || droppedParams.length > 0) {
        const patched: Record<string, unknown> = {
          ...body,
          model: upstreamModel,
          ...(injectedUsage ? { stream_options: { ...streamOptions, include_usage: true } } : {}),
        };
        for (const p of droppedParams) delete patched[p];
        payload = JSON.stringify(patched);
      }
      return { target, adapter, payload, passthrough: true, injectedUsage, droppedParams, ctx };
    }

    const canonical = toCanonicalRequest(input.format, body);
    canonical.model = upstreamModel;
    canonical.stream = call.stream;
    const clientWantsUsage = canonical.includeUsage === true;
    // Usage is always needed for analytics, whatever the client asked.
    canonical.includeUsage = true;
    const converted = fromCanonicalRequest(adapter.format, canonical, ctx);
    return {
      target,
      adapter,
      payload: JSON.stringify(converted.body),
      passthrough: false,
      injectedUsage: false,
      droppedParams: converted.droppedParams,
      ctx: {
        ...ctx,
        toolNameMap: converted.toolNameMap,
        includeUsage: clientWantsUsage,
        // Anthropic clients read input tokens at message_start, before an OpenAI upstream reports any.
        estimatedInputTokens: call.stream ? estimateInputTokens(canonical) : undefined,
      },
    };
  }

  private async dispatch(
    call: ProxyCall,
    plan: UpstreamPlan,
    input: ProxyInput,
    res: ServerResponse,
    signal: AbortSignal,
  ): Promise<void> {
    const { target, adapter } = plan;
    call.attempts = 1;
    call.upstreamStartedAt = performance.now();
    const upstream = await this.client.send(
      {
        url: adapter.url(target, plan.ctx.upstreamModel, call.stream),
        headers: {
          'content-type': 'application/json',
          accept: call.stream ? 'text/event-stream' : 'application/json',
          ...adapter.headers(target, input.headers),
          ...target.authHeaders,
        },
        body: plan.payload,
        signal,
      },
      target.provider.id,
    );
    const headers = this.responseHeaders(call, plan, upstream.headers);

    if (upstream.statusCode >= 400 || !call.stream) {
      const text = await upstream.body.text();
      call.upstreamEndedAt = performance.now();
      if (upstream.statusCode >= 400) {
        this.relayUpstreamError(call, plan, upstream.statusCode, text, headers, res);
        return;
      }
      const json = safeJson(text);
      if (!json)
        throw new DomainError(
          ErrorCode.Upstream,
          `${target.provider.id} answered with a body that is not JSON`,
        );
      call.usage = usageFromBody(adapter.format, json);
      if (typeof json.id === 'string') call.responseId = json.id;
      const out = plan.passthrough
        ? text
        : JSON.stringify(
            fromCanonicalResponse(call.format, toCanonicalResponse(adapter.format, json), plan.ctx),
          );
      call.status = 200;
      if (call.gateway?.logBodies) call.responseBody = capBody(out);
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(out));
      headers['x-gateway-overhead-ms'] = overheadMs(call);
      res.writeHead(200, headers);
      res.end(out);
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
    const relay = plan.passthrough
      ? this.passthroughRelay(call, plan)
      : this.convertingRelay(call, plan);
    const logged = call.gateway?.logBodies ? new BodyLog() : undefined;
    upstream.body.setEncoding('utf8');
    for await (const chunk of upstream.body as AsyncIterable<string>) {
      const sse = relay.push(chunk);
      const out = framer ? framer.push(sse) : sse;
      if (out.length === 0) continue;
      call.firstTokenAt ??= performance.now();
      logged?.add(out);
      if (!res.write(out)) await once(res, 'drain');
    }
    const relayTail = relay.end();
    const tail = framer ? framer.push(relayTail) + framer.end() : relayTail;
    call.upstreamEndedAt = performance.now();
    if (logged) {
      logged.add(tail);
      call.responseBody = logged.text();
    }
    res.end(tail);
  }

  /** Same format: bytes pass on unchanged; only usage lines are read. */
  private passthroughRelay(call: ProxyCall, plan: UpstreamPlan) {
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
  private convertingRelay(call: ProxyCall, plan: UpstreamPlan) {
    const decoder = createStreamDecoder(plan.adapter.format);
    const encoder = createStreamEncoder(call.format, plan.ctx);
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

  private relayUpstreamError(
    call: ProxyCall,
    plan: UpstreamPlan,
    status: number,
    text: string,
    headers: Record<string, string>,
    res: ServerResponse,
  ): void {
    const parsed = safeJson(text);
    const canonical = toCanonicalError(plan.adapter.format, status, parsed ?? text);
    call.errorType = 'upstream_error';
    call.errorMessage = `${plan.target.provider.id}: ${canonical.message}`;
    let payload: string;
    if (plan.passthrough && parsed) {
      call.status = status;
      payload = text;
    } else {
      const rendered = fromCanonicalError(call.format, canonical);
      call.status = rendered.status;
      payload = JSON.stringify(rendered.body);
    }
    if (call.gateway?.logBodies) call.responseBody = capBody(payload);
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
    res.writeHead(call.status, headers);
    res.end(payload);
  }

  private responseHeaders(
    call: ProxyCall,
    plan: UpstreamPlan,
    upstream: Record<string, string | string[] | undefined>,
  ) {
    const headers: Record<string, string> = {
      'x-gateway-request-id': call.requestId,
      'x-gateway-provider': plan.target.provider.id,
      'x-gateway-model': plan.ctx.upstreamModel,
    };
    if (plan.droppedParams.length > 0)
      headers['x-gateway-dropped-params'] = plan.droppedParams.join(',');
    for (const [name, value] of Object.entries(upstream)) {
      if (value !== undefined && FORWARDED_RESPONSE_HEADERS.test(name)) {
        const key =
          name === 'x-request-id' || name === 'request-id' ? 'x-upstream-request-id' : name;
        headers[key] = Array.isArray(value) ? value.join(', ') : value;
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

function safeJson(text: string): Record<string, any> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : undefined;
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
