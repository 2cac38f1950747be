import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventRecorder } from '@gateway/analytics';
import {
  createStreamDecoder,
  createStreamEncoder,
  encodeStreamError,
  fromCanonicalError,
  fromCanonicalResponse,
  InvalidRequestError as ConversionError,
  toCanonicalError,
  toCanonicalResponse,
} from '@gateway/converters';
import {
  ModelNotFoundError,
  QueueTimeoutError,
  isRoutable,
  type ModelCatalog,
  type ResolvedModel,
} from '@gateway/routing';
import type { Dispatcher } from 'undici';
import {
  DomainError,
  ErrorCode,
  InvalidRequestError,
  UnauthenticatedError,
} from '../../common/domain-errors';
import { sha256Hex } from '../../common/secrets';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { GatewayAuthIndex, type GatewayIdentity } from '../gateways/gateway-auth.index';
import { MODEL_CATALOG } from '../models/models.tokens';
import { extractClientCredentials } from './client-credentials';
import { renderError, toCanonical } from './client-errors';
import { JsonArrayFramer } from './json-array-framer';
import { PassthroughStreamTap } from './passthrough-stream-tap';
import { createCall, type ClientFormat, type ProxyCall } from './proxy-call';
import { callCost, callToEvent } from './proxy-event.mapper';
import { UPSTREAM_CLIENT } from './proxy.tokens';
import { AZURE_DEFAULT_API_VERSION, createAdapterSelector } from './upstream/adapters';
import type { UpstreamClient } from './upstream/upstream-client';
import { RoutingService } from '../routing/routing.service';
import { ProviderSaturatedError } from '../routing/routing.errors';
import { estimateInputTokens } from '../routing/token-estimate';
import type {
  Admission,
  AttemptReport,
  CallerKey,
  RouteCandidate,
  RoutePlan,
} from '../routing/routing.types';
import { injectSystemPrompt, requestedMaxTokens, withMaxTokens } from './key-policy';
import { planUpstream, type PlanInput, type UpstreamPlan } from './upstream-plan';
import { UpstreamTargets } from './upstream/upstream-targets';
import { NO_USAGE, usageFromBody } from './usage';
import { BodyLog, capBody } from './body-log';
import { droppedParamsHeader, headerSafe } from './response-headers';
import { exceedsDepth, MAX_JSON_DEPTH } from '../../common/input-guards';

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

// Upstream response headers worth passing on to clients (rate-limit hints, request ids).
const FORWARDED_RESPONSE_HEADERS =
  /^(retry-after|x-ratelimit-|anthropic-ratelimit-|openai-processing-ms|x-request-id|request-id)/;

/** Why an attempt did not serve the client; the last one is what the client gets when all fail. */
interface AttemptFailure {
  report: Omit<AttemptReport, 'latencyMs'>;
  /** The upstream's own error answer, relayed in the client's format if nothing better comes. */
  http?: {
    plan: UpstreamPlan;
    status: number;
    text: string;
    headers: Record<string, string | string[] | undefined>;
  };
  error?: unknown;
  retryAfter?: string;
}

export interface Caller {
  identity: GatewayIdentity;
  key?: CallerKey;
}

/**
 * The proxy pipeline: authenticate → plan the route → admit (key limits) → for each candidate: convert →
 * dispatch → stream back, falling over on retriable failures before the first byte → settle → record.
 * Runs on raw Fastify routes and touches no database: secrets, keys, providers and limits are in memory
 * (or Redis). Same-format traffic passes through byte for byte; other pairs go through the converters.
 */
@Injectable()
export class ProxyService {
  private readonly logger = new Logger(ProxyService.name);
  private readonly adapterFor: ReturnType<typeof createAdapterSelector>;

  constructor(
    private readonly authIndex: GatewayAuthIndex,
    private readonly targets: UpstreamTargets,
    private readonly routing: RoutingService,
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
    let admission: Admission | undefined;
    try {
      const caller = this.authenticate(input);
      call.gateway = caller.identity;
      call.keyId = caller.key?.id;
      if (call.gateway.logBodies && input.rawBody)
        call.requestBody = capBody(input.rawBody.toString('utf8'));
      let body = parseJsonBody(input.rawBody);
      const model = input.format === 'gemini' ? input.pathModel : body.model;
      if (typeof model !== 'string' || model.trim() === '') {
        throw new InvalidRequestError('you must provide a model parameter', 'model');
      }
      call.requestedModel = model;
      assertStreamFlag(input.format, body);
      call.stream = input.format === 'gemini' ? input.pathStream === true : body.stream === true;
      const route = this.routing.plan(caller.identity.gatewayId, model, {
        strategyOverride: firstHeader(input.headers['x-gateway-strategy']),
        key: caller.key,
      });
      const first = route.candidates[0];
      assertChatModel(first.model.mode, model);
      call.resolved = { entry: first.model, provider: first.providerSpec, requested: model };
      let bodyChanged = false;
      if (caller.key) {
        admission = await this.routing.admit(
          { gatewayId: caller.identity.gatewayId, key: caller.key },
          {
            model,
            provider: first.providerSpec.id,
            maxTokens: requestedMaxTokens(input.format, body),
            estimatedInputTokens: estimateInputTokens(body),
            pricing: first.model.pricing,
          },
        );
        if (admission.systemPrompt)
          body = injectSystemPrompt(input.format, body, admission.systemPrompt);
        if (admission.maxTokensCap !== undefined)
          body = withMaxTokens(input.format, body, admission.maxTokensCap);
        bodyChanged = Boolean(admission.systemPrompt) || admission.maxTokensCap !== undefined;
      }
      const planInput: PlanInput = {
        format: input.format,
        body,
        rawBody: input.rawBody!,
        bodyChanged,
        stream: call.stream,
        requestedModel: model,
        requestId: call.requestId,
      };
      await this.tryCandidates(
        call,
        route,
        planInput,
        input,
        res,
        abort.signal,
        admission?.headers ?? {},
      );
    } catch (err) {
      this.fail(call, err, res, input.jsonArrayStream);
    } finally {
      res.off('close', onClose);
      const usage = call.usage ?? NO_USAGE;
      if (admission) this.routing.settle(admission, usage, callCost(call));
      // Requests without a valid gateway belong to nobody and are not recorded.
      if (call.gateway) this.recorder.record(callToEvent(call, performance.now(), Date.now()));
    }
    return call;
  }

  /** A gateway key first (with its limits), else the gateway secret itself (no limits). */
  authenticate(input: Pick<ProxyInput, 'headers' | 'query'>): Caller {
    const creds = extractClientCredentials(input.headers, input.query);
    if (!creds) {
      throw new UnauthenticatedError(
        'Missing gateway credentials: send the gateway secret or key as Authorization: Bearer, x-api-key, x-goog-api-key or ?key= (or x-gateway-id + x-gateway-authorization)',
      );
    }
    // Keys and gateway secrets are both looked up by SHA-256: hash once.
    const hash = sha256Hex(creds.secret);
    const key = this.routing.authenticateKeyHash(hash, creds.gatewayId);
    const identity = key
      ? this.authIndex.gateway(key.gatewayId)
      : this.authIndex.lookupHash(hash, creds.gatewayId);
    if (!identity) throw new UnauthenticatedError('Invalid gateway credentials');
    return { identity, key };
  }

  /**
   * Walks the plan's candidates in order: each gets its own retries with backoff, a concurrency slot,
   * and a request converted for its API family. A retriable failure (connection, timeout, 429, 5xx)
   * moves on; anything else, or the first byte sent to the client, ends the walk.
   */
  private async tryCandidates(
    call: ProxyCall,
    route: RoutePlan,
    planInput: PlanInput,
    input: ProxyInput,
    res: ServerResponse,
    signal: AbortSignal,
    extraHeaders: Record<string, string>,
  ): Promise<void> {
    let failure: AttemptFailure | undefined;
    candidates: for (const candidate of route.candidates) {
      const adapter = this.adapterFor(candidate.providerSpec, input.format);
      if (!adapter) continue;
      for (let retry = 0; retry <= candidate.maxRetries; retry++) {
        const remaining = route.deadlineAt - Date.now();
        if (remaining <= 0) break candidates;
        const slot = this.routing.acquire(candidate);
        if (slot === 'saturated') {
          failure ??= { report: { ok: false }, error: saturatedError(candidate) };
          continue candidates;
        }
        let release: () => void;
        try {
          release = await slot;
        } catch (err) {
          if (!(err instanceof QueueTimeoutError || err instanceof ProviderSaturatedError))
            throw err;
          failure ??= { report: { ok: false }, error: saturatedError(candidate) };
          continue candidates;
        }
        let outcome: AttemptFailure | 'served';
        try {
          const plan = planUpstream(planInput, candidate, adapter);
          call.resolved = {
            entry: candidate.model,
            provider: candidate.providerSpec,
            requested: call.requestedModel,
          };
          call.upstreamFormat = adapter.format;
          call.attempts++;
          outcome = await this.attempt(
            call,
            plan,
            input,
            res,
            signal,
            Math.min(candidate.timeoutMs, remaining),
            extraHeaders,
          );
        } finally {
          release();
        }
        if (outcome === 'served') return;
        failure = outcome;
        if (!this.routing.shouldRetry(outcome.report)) break candidates;
        if (retry < candidate.maxRetries) {
          const wait = this.routing.backoffMs(retry, outcome.retryAfter, route.gatewayId);
          if (Date.now() + wait >= route.deadlineAt) break candidates;
          await sleep(wait, signal);
        }
      }
    }
    this.giveUp(call, failure, res, extraHeaders);
  }

  /** One upstream call. Returns 'served' once the client got an answer, else why it failed. */
  private async attempt(
    call: ProxyCall,
    plan: UpstreamPlan,
    input: ProxyInput,
    res: ServerResponse,
    signal: AbortSignal,
    timeoutMs: number,
    extraHeaders: Record<string, string>,
  ): Promise<AttemptFailure | 'served'> {
    const { target, adapter, candidate } = plan;
    const started = performance.now();
    call.upstreamStartedAt = started;
    let upstream: Dispatcher.ResponseData;
    try {
      upstream = await this.client.send(
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
          timeoutMs,
          dispatcher: candidate.dispatcher,
        },
        target.provider.id,
      );
    } catch (err) {
      if (abortedByClient(err)) throw err;
      const kind =
        err instanceof DomainError && err.code === ErrorCode.UpstreamTimeout
          ? 'timeout'
          : 'connect';
      this.routing.report(candidate, { ok: false, kind, latencyMs: performance.now() - started });
      return { report: { ok: false, kind }, error: err };
    }
    if (upstream.statusCode >= 400) {
      const text = await upstream.body.text();
      call.upstreamEndedAt = performance.now();
      const report = { ok: false, status: upstream.statusCode, kind: 'http' as const };
      this.routing.report(candidate, { ...report, latencyMs: call.upstreamEndedAt - started });
      return {
        report,
        http: { plan, status: upstream.statusCode, text, headers: upstream.headers },
        retryAfter: firstHeader(upstream.headers['retry-after']),
      };
    }
    this.routing.report(candidate, {
      ok: true,
      status: upstream.statusCode,
      latencyMs: performance.now() - started,
    });
    await this.relaySuccess(call, plan, upstream, input, res, extraHeaders);
    return 'served';
  }

  /** Every candidate failed (or none could take the request): the client gets the last failure. */
  private giveUp(
    call: ProxyCall,
    failure: AttemptFailure | undefined,
    res: ServerResponse,
    extraHeaders: Record<string, string>,
  ): void {
    if (failure?.http) {
      const { plan, status, text, headers } = failure.http;
      this.relayUpstreamError(
        call,
        plan,
        status,
        text,
        this.responseHeaders(call, plan, headers, extraHeaders),
        res,
      );
      return;
    }
    throw (
      failure?.error ??
      new DomainError(
        ErrorCode.UpstreamUnreachable,
        'No provider could take the request before the deadline',
        { status: 503 },
      )
    );
  }

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
      const tokens = Math.max(1, estimateInputTokens(body));
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

  /** A successful upstream answer, relayed as it arrives (converted when the formats differ). */
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

  private async relaySuccess(
    call: ProxyCall,
    plan: UpstreamPlan,
    upstream: Dispatcher.ResponseData,
    input: ProxyInput,
    res: ServerResponse,
    extraHeaders: Record<string, string>,
  ): Promise<void> {
    const headers = this.responseHeaders(call, plan, upstream.headers, extraHeaders);

    if (!call.stream) {
      const text = await upstream.body.text();
      call.upstreamEndedAt = performance.now();
      const json = safeJson(text);
      if (!json)
        throw new DomainError(
          ErrorCode.Upstream,
          `${plan.target.provider.id} answered with a body that is not JSON`,
        );
      call.usage = usageFromBody(plan.adapter.format, json);
      if (typeof json.id === 'string') call.responseId = json.id;
      const out = plan.passthrough
        ? text
        : JSON.stringify(
            fromCanonicalResponse(
              call.format,
              toCanonicalResponse(plan.adapter.format, json),
              plan.ctx,
            ),
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
      if (!res.write(out)) await drained(res);
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
    extraHeaders: Record<string, string>,
  ) {
    // The model may be the client's own string (an unknown model passed on as sent): header-safe.
    const headers: Record<string, string> = {
      ...extraHeaders,
      'x-gateway-request-id': call.requestId,
      'x-gateway-provider': plan.target.provider.id,
      'x-gateway-model': headerSafe(plan.ctx.upstreamModel),
      'x-gateway-attempts': String(call.attempts),
    };
    if (plan.droppedParams.length > 0)
      headers['x-gateway-dropped-params'] = droppedParamsHeader(plan.droppedParams);
    if (plan.candidate.breakerBypassed) headers['x-gateway-breaker'] = 'open-bypassed';
    for (const [name, value] of Object.entries(upstream)) {
      if (value !== undefined && FORWARDED_RESPONSE_HEADERS.test(name)) {
        const key =
          name === 'x-request-id' || name === 'request-id' ? 'x-upstream-request-id' : name;
        headers[key] = headerSafe(Array.isArray(value) ? value.join(', ') : value);
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
  // Converters, token estimates and schema cleaning recurse: bound the nesting before any of them.
  if (exceedsDepth(parsed)) {
    throw new InvalidRequestError(
      `The request body nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`,
    );
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

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * `stream` decides how the answer is read: a truthy non-boolean (`"yes"`, `1`) would make the
 * upstream stream while the gateway waits for JSON. Gemini takes it from the URL instead.
 */
function assertStreamFlag(format: ClientFormat, body: Record<string, unknown>): void {
  const stream = body.stream;
  if (
    format !== 'gemini' &&
    stream !== undefined &&
    stream !== null &&
    typeof stream !== 'boolean'
  ) {
    throw new InvalidRequestError('stream must be a boolean', 'stream');
  }
}

function assertChatModel(mode: string, model: string): void {
  if (mode !== 'chat' && mode !== 'responses') {
    throw new InvalidRequestError(
      `The model '${model}' is a ${mode} model, not a chat model`,
      'model',
    );
  }
}

function saturatedError(candidate: RouteCandidate): DomainError {
  return new DomainError(
    ErrorCode.RateLimited,
    `Provider ${candidate.providerName} is at its concurrency limit`,
    {
      status: 503,
      headers: { 'retry-after': '1' },
    },
  );
}

/** Waits, unless the client goes away first (then the walk ends with the abort). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Waits for the client to take more, or rejects as an abort when it has gone: a response whose
 * client hung up never emits 'drain', so waiting on 'drain' alone would keep the call (its
 * concurrency slot, its analytics event) pending forever.
 */
function drained(res: ServerResponse): Promise<void> {
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
