import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Injectable } from '@nestjs/common';
import { EventSink } from '@gateway/analytics';
import { WIRE_DEBUG_HEADER } from '@gateway/contracts';
import { InvalidRequestError } from '../../common/domain-errors';
import { isPromise } from '../../common/maybe-promise';
import { KeyAdmission } from '../keys/key-admission';
import type { Admission } from '../keys/key-admission.types';
import { GatewayConfig } from '../routing/gateway-config';
import { GatewayModels } from '../routing/gateway-models';
import { RouterService } from '../routing/router.service';
import { estimateInputTokens } from '../routing/token-estimate';
import { RequestTracer } from '../tracing/request-tracer';
import { WireStore } from '../wire/wire-store';
import { capBody } from './body-log';
import { CallerAuth } from './caller-auth';
import { CountTokensStep } from './count-tokens';
import { ProxyDispatch } from './dispatch';
import { renderFailure } from './error-render';
import { endUserOf, injectSystemPrompt, requestedMaxTokens, withMaxTokens } from './key-policy';
import { renderModelList } from './model-list';
import { servesMode, type OperationRequest, type OperationSpec } from './operations/operation';
import { ResponsesState, type StoredResponseOp } from './responses-state';
import { publicRequestId, type ProxyCall } from './proxy-call';
import { callCost, callToEvent, callToTraceOutcome } from './proxy-event.mapper';
import { openExchange, type ProxyExchange, type ProxyInput } from './proxy-exchange';
import { assertModelMode, CHAT_MODES, firstHeader, parseRequest } from './request-body';
import { NO_USAGE } from './usage';
import { WireCapture, wantsWire } from './wire-capture';

export type { ProxyInput } from './proxy-exchange';

/**
 * The proxy pipeline, one step per line: authenticate → parse → (Responses: resume the stored
 * conversation) → plan the route → admit (key policy and limits) → dispatch with fallback → relay →
 * settle and record. Token counting and model lists take the same authentication, key policy,
 * per-gateway providers and recording. Touches no database, except for the Responses API's own state
 * (one query to read a `previous_response_id` chain; storing runs after the answer): secrets, keys,
 * providers and limits are in memory (or Redis). Same-format traffic passes through byte for byte;
 * other pairs go through the converters.
 */
@Injectable()
export class ProxyService {
  constructor(
    private readonly auth: CallerAuth,
    private readonly router: RouterService,
    private readonly gateways: GatewayConfig,
    private readonly admission: KeyAdmission,
    private readonly dispatch: ProxyDispatch,
    private readonly countTokensStep: CountTokensStep,
    private readonly models: GatewayModels,
    private readonly recorder: EventSink,
    private readonly tracer: RequestTracer,
    private readonly responses: ResponsesState,
    private readonly wireStore: WireStore,
  ) {}

  async handle(input: ProxyInput, res: ServerResponse): Promise<ProxyCall> {
    const ex = openExchange(input, res);
    if (this.tracer.enabled) ex.trace = this.tracer.startRequest(input);
    try {
      this.authenticate(ex);
      const { model } = parseRequest(ex);
      if (input.format === 'openai-responses') await this.responses.open(ex);
      this.planRoute(ex, model);
      const admitting = this.admit(ex, model);
      if (admitting) await admitting;
      await this.dispatch.run(ex);
    } catch (err) {
      renderFailure(ex.call, err, res, input.jsonArrayStream);
    } finally {
      ex.close();
      this.settleAndRecord(ex);
    }
    return ex.call;
  }

  /**
   * An endpoint beyond chat (embeddings, completions, images, audio, moderations, rerank): the same
   * pipeline, with the operation reading the request, building each candidate's upstream request and
   * relaying the answer in its own units (see `operations/`).
   */
  async handleOperation<R extends OperationRequest>(
    spec: OperationSpec<R>,
    input: ProxyInput,
    res: ServerResponse,
  ): Promise<ProxyCall> {
    const ex = openExchange(input, res, spec.operation);
    try {
      this.authenticate(ex);
      const req = spec.read(ex);
      ex.call.requestedModel = req.model;
      ex.call.stream = req.stream;
      this.planRoute(ex, req.model, spec.modes, spec.modelKind);
      const served = ex.route!.candidates.filter((c) => servesMode(spec, c) && spec.supports(c));
      if (served.length === 0) {
        const provider = ex.route!.candidates[0].providerSpec.id;
        throw new InvalidRequestError(
          `${provider} cannot serve ${ex.input.endpoint} through this gateway`,
          'model',
        );
      }
      ex.route = Object.assign({}, ex.route!, { candidates: served });
      const admitting = this.admitOperation(ex, req);
      if (admitting) await admitting;
      await this.dispatch.run(ex, {
        plan: (c) => spec.plan(ex, req, c),
        relay: (plan, upstream) => spec.relay(ex, req, plan, upstream),
      });
    } catch (err) {
      renderFailure(ex.call, err, res);
    } finally {
      ex.close();
      this.settleAndRecord(ex);
    }
    return ex.call;
  }

  /** `count_tokens` / `:countTokens`: key access checked, not charged to limits; recorded with 0 tokens. */
  async countTokens(input: ProxyInput, res: ServerResponse): Promise<ProxyCall> {
    const ex = openExchange(input, res, 'count_tokens');
    if (this.tracer.enabled) ex.trace = this.tracer.startRequest(input);
    try {
      this.authenticate(ex);
      const { model } = parseRequest(ex);
      ex.call.stream = false;
      this.planRoute(ex, model);
      this.authorizeKey(ex, model);
      // Counting produces no tokens and costs nothing: recorded as a request with zero usage.
      ex.call.usage = NO_USAGE;
      await this.countTokensStep.run(ex);
    } catch (err) {
      renderFailure(ex.call, err, res);
    } finally {
      ex.close();
      this.settleAndRecord(ex);
    }
    return ex.call;
  }

  /** `GET /v1/models`, `/v1beta/models`: the models this gateway (and key) can use, in the client's shape. */
  listModels(input: ProxyInput, res: ServerResponse): ProxyCall {
    const ex = openExchange(input, res, 'models');
    try {
      const caller = this.authenticate(ex);
      if (caller.key) this.admission.authorize(caller.key);
      if (this.gateways.providersOf(caller.identity.gatewayId).length === 0) {
        this.auth.assertMayUseEnvProviders(caller.identity);
      }
      const list = this.models.list(caller.identity.gatewayId, caller.key);
      const payload = JSON.stringify(renderModelList(input.format, list));
      ex.call.status = 200;
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
        'x-gateway-request-id': publicRequestId(ex.call),
      });
      res.end(payload);
    } catch (err) {
      renderFailure(ex.call, err, res);
    } finally {
      ex.close();
      this.settleAndRecord(ex);
    }
    return ex.call;
  }

  /** `GET` / `DELETE /v1/responses/{id}`, `GET …/input_items`: this gateway's stored Responses state. */
  async storedResponse(
    input: ProxyInput,
    res: ServerResponse,
    op: StoredResponseOp,
  ): Promise<ProxyCall> {
    const ex = openExchange(input, res);
    try {
      const caller = this.authenticate(ex);
      if (caller.key) this.admission.authorize(caller.key);
      const payload = JSON.stringify(await this.responses.serve(op, caller.identity.gatewayId));
      ex.call.status = 200;
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
        'x-gateway-request-id': ex.call.requestId,
      });
      res.end(payload);
    } catch (err) {
      renderFailure(ex.call, err, res);
    } finally {
      ex.close();
      this.settleAndRecord(ex);
    }
    return ex.call;
  }

  /** Renders an error outside a pipeline (body limits, unknown Gemini methods) in the client's format. */
  fail(call: ProxyCall, err: unknown, res: ServerResponse): void {
    renderFailure(call, err, res);
  }

  private authenticate(ex: ProxyExchange) {
    const caller = this.auth.authenticate(ex.input);
    ex.caller = caller;
    ex.call.gateway = caller.identity;
    ex.call.keyId = caller.key?.id;
    if (caller.identity.logBodies && ex.input.rawBody)
      ex.call.requestBody = capBody(ex.input.rawBody.toString('utf8'));
    // Wire captures only for the gateway secret (the owner's credential); a key's header is ignored.
    if (!caller.key && wantsWire(ex.input.headers[WIRE_DEBUG_HEADER]))
      ex.wire = new WireCapture(ex.call, caller.identity.gatewayId, (c) => this.wireStore.put(c));
    return caller;
  }

  private planRoute(
    ex: ProxyExchange,
    model: string,
    modes: readonly string[] = CHAT_MODES,
    kind = 'a chat model',
  ): void {
    const caller = ex.caller!;
    ex.route = this.router.plan(caller.identity.gatewayId, model, {
      strategyOverride: firstHeader(ex.input.headers['x-gateway-strategy']),
      key: caller.key,
    });
    if (ex.route.candidates.some((c) => c.source.kind === 'env')) {
      this.auth.assertMayUseEnvProviders(caller.identity);
    }
    const first = ex.route.candidates[0];
    assertModelMode(first.model.mode, modes, model, kind);
    ex.call.resolved = { entry: first.model, provider: first.providerSpec, requested: model };
  }

  /** Key policy for an operation: access, the limits of its key, end user and gateway, and a budget estimated in the operation's unit. */
  private admitOperation(ex: ProxyExchange, req: OperationRequest): void | Promise<void> {
    const { input, caller } = ex;
    const gatewayId = caller!.identity.gatewayId;
    const key = caller!.key;
    const scope = {
      gatewayId,
      key,
      endUser: endUserOf(input.format, ex.body ?? {}, input.headers),
    };
    if (!this.admission.applies(scope)) return;
    const first = ex.route!.candidates[0];
    const cap = key?.limits.max_tokens_per_request;
    const admitted = this.admission.admit(scope, {
      model: req.model,
      provider: first.providerSpec.id,
      providerAliases: this.gateways.providerAliases(gatewayId, first.providerSpec.id),
      maxTokens: req.maxTokens,
      estimatedInputTokens: req.estimatedInputTokens,
      pricing: first.model.pricing,
      estimatedCostUsd: req.estimateCost(first, req.maxTokens ?? cap ?? 0),
    });
    // Limits counted in this process answer synchronously: no promise on that path.
    if (isPromise(admitted)) return admitted.then((admission) => holdAdmission(ex, admission));
    holdAdmission(ex, admitted);
  }

  /**
   * Key policy and limits on the plan's first choice: the key's access, the limits of its key, end
   * user and gateway, then the key's system prompt and cap.
   */
  private admit(ex: ProxyExchange, model: string): void | Promise<void> {
    const { input, caller } = ex;
    const body = ex.body!;
    const gatewayId = caller!.identity.gatewayId;
    const scope = {
      gatewayId,
      key: caller!.key,
      endUser: endUserOf(input.format, body, input.headers),
    };
    if (!this.admission.applies(scope)) return planInputOf(ex, model);
    const first = ex.route!.candidates[0];
    const admitted = this.admission.admit(scope, {
      model,
      provider: first.providerSpec.id,
      providerAliases: this.gateways.providerAliases(gatewayId, first.providerSpec.id),
      maxTokens: requestedMaxTokens(input.format, body),
      // Tokenized (first.model's encoding) only when a subject's limits count tokens or cost.
      estimatedInputTokens: this.admission.countsInputTokens(scope)
        ? estimateInputTokens(body, input.format, first.model.name)
        : 0,
      pricing: first.model.pricing,
    });
    // Limits counted in this process answer synchronously: no promise on that path.
    if (isPromise(admitted)) return admitted.then((admission) => planInputOf(ex, model, admission));
    planInputOf(ex, model, admitted);
  }

  /** Access only (no reservation): enabled, not expired, this model and provider allowed. */
  private authorizeKey(ex: ProxyExchange, model: string): void {
    const key = ex.caller!.key;
    if (!key) return;
    const first = ex.route!.candidates[0];
    this.admission.authorize(key, {
      model,
      provider: first.providerSpec.id,
      providerAliases: this.gateways.providerAliases(key.gatewayId, first.providerSpec.id),
    });
  }

  private settleAndRecord(ex: ProxyExchange): void {
    const { call } = ex;
    ex.wire?.settle();
    if (ex.admission) this.admission.settle(ex.admission, call.usage ?? NO_USAGE, callCost(call));
    // Requests without a valid gateway belong to nobody and are not recorded (but are traced).
    if (call.gateway) this.recorder.record(callToEvent(call, performance.now(), Date.now()));
    if (ex.trace) ex.trace.end(callToTraceOutcome(call));
  }
}

/** Keeps an admission on the exchange: settled at the end, its `x-ratelimit-*` headers answered. */
function holdAdmission(ex: ProxyExchange, admission: Admission): void {
  ex.admission = admission;
  ex.extraHeaders = admission.headers;
}

/** The plan's input: the request body with what its admission adds (the key's system prompt and cap). */
function planInputOf(ex: ProxyExchange, model: string, admission?: Admission): void {
  const { input } = ex;
  let body = ex.body!;
  let bodyChanged = ex.bodyRewritten === true;
  if (admission) {
    holdAdmission(ex, admission);
    if (admission.systemPrompt)
      body = injectSystemPrompt(input.format, body, admission.systemPrompt);
    if (admission.maxTokensCap !== undefined)
      body = withMaxTokens(input.format, body, admission.maxTokensCap);
    bodyChanged ||= Boolean(admission.systemPrompt) || admission.maxTokensCap !== undefined;
  }
  ex.planInput = {
    format: input.format,
    body,
    rawBody: input.rawBody!,
    bodyChanged,
    stream: ex.call.stream,
    requestedModel: model,
    requestId: ex.call.requestId,
  };
}
