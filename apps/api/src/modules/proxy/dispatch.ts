import { performance } from 'node:perf_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { QueueTimeoutError } from '@gateway/routing';
import type { Dispatcher } from 'undici';
import { DomainError, ErrorCode } from '../../common/domain-errors';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ProviderHealthService } from '../routing/provider-health.service';
import { RouterService } from '../routing/router.service';
import { ProviderSaturatedError } from '../routing/routing.errors';
import type { AttemptReport, RouteCandidate } from '../routing/routing.types';
import { clientTraceHeaders } from './client-context';
import { abortedByClient, relayUpstreamError } from './error-render';
import type { ClientGone, ProxyExchange } from './proxy-exchange';
import { UPSTREAM_CLIENT } from './proxy.tokens';
import { relaySuccess, responseHeaders } from './relay';
import { firstHeader } from './request-body';
import { planUpstream, type UpstreamPlan } from './upstream-plan';
import { AZURE_DEFAULT_API_VERSION, createAdapterSelector } from './upstream/adapters';
import type { UpstreamClient } from './upstream/upstream-client';

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

/**
 * What one endpoint contributes to the walk: the upstream request for a candidate (undefined when its
 * provider cannot serve the endpoint), and how a successful answer reaches the client. Chat is one
 * (`planUpstream` + `relaySuccess`); embeddings, images, audio, rerank… are others (`operations/`).
 */
export interface UpstreamPlanner {
  plan(candidate: RouteCandidate): UpstreamPlan | undefined;
  relay(plan: UpstreamPlan, upstream: Dispatcher.ResponseData): Promise<void>;
}

/**
 * Dispatch step with fallback: walks the plan's candidates in order; each gets its own retries with
 * backoff, a concurrency slot, and a request built for its API family by the endpoint's planner. A
 * retriable failure (connection, timeout, 429, 5xx) moves on; anything else, or the first byte sent to
 * the client, ends the walk. A served attempt is relayed by the planner (chat: `relay.ts`).
 */
@Injectable()
export class ProxyDispatch {
  readonly adapterFor: ReturnType<typeof createAdapterSelector>;

  constructor(
    private readonly router: RouterService,
    private readonly health: ProviderHealthService,
    @Inject(UPSTREAM_CLIENT) private readonly client: UpstreamClient,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.adapterFor = createAdapterSelector(config.azureApiVersion ?? AZURE_DEFAULT_API_VERSION);
  }

  /** Chat in any client format: the request converted for the candidate's family, relayed by `relay.ts`. */
  chatPlanner(ex: ProxyExchange): UpstreamPlanner {
    return {
      plan: (candidate) => {
        const adapter = this.adapterFor(candidate.providerSpec, ex.input.format);
        return adapter && planUpstream(ex.planInput!, candidate, adapter);
      },
      relay: (plan, upstream) => relaySuccess(ex, plan, upstream),
    };
  }

  async run(ex: ProxyExchange, planner: UpstreamPlanner = this.chatPlanner(ex)): Promise<void> {
    const route = ex.route!;
    const { call } = ex;
    let failure: AttemptFailure | undefined;
    candidates: for (const candidate of route.candidates) {
      const plan = planner.plan(candidate);
      if (!plan) continue;
      for (let retry = 0; retry <= candidate.maxRetries; retry++) {
        const remaining = route.deadlineAt - Date.now();
        if (remaining <= 0) break candidates;
        const slot = this.health.acquire(candidate);
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
          call.resolved = {
            entry: candidate.model,
            provider: candidate.providerSpec,
            requested: call.requestedModel,
          };
          call.upstreamFormat = plan.adapter.format;
          call.attempts++;
          outcome = await this.attempt(ex, plan, planner, Math.min(candidate.timeoutMs, remaining));
        } finally {
          release();
        }
        if (outcome === 'served') return;
        failure = outcome;
        if (!this.router.shouldRetry(outcome.report)) break candidates;
        if (retry < candidate.maxRetries) {
          const wait = this.router.backoffMs(retry, outcome.retryAfter, route.gatewayId);
          if (Date.now() + wait >= route.deadlineAt) break candidates;
          await sleep(wait, ex.signal);
        }
      }
    }
    this.giveUp(ex, failure);
  }

  /** One upstream call. Returns 'served' once the client got an answer, else why it failed. */
  private async attempt(
    ex: ProxyExchange,
    plan: UpstreamPlan,
    planner: UpstreamPlanner,
    timeoutMs: number,
  ): Promise<AttemptFailure | 'served'> {
    const { call } = ex;
    const { target, adapter, candidate } = plan;
    const url = adapter.url(target, plan.ctx.upstreamModel, call.stream);
    // Tracing: this attempt's span, whose context goes upstream; otherwise the client's own, if any.
    const span = ex.trace?.startAttempt({
      provider: target.provider.id,
      model: plan.ctx.upstreamModel,
      url,
      number: call.attempts,
    });
    const started = performance.now();
    call.upstreamStartedAt = started;
    let upstream: Dispatcher.ResponseData;
    try {
      upstream = await this.client.send(
        {
          url,
          headers: {
            'content-type': 'application/json',
            accept: call.stream ? 'text/event-stream' : 'application/json',
            ...(span ? span.headers : clientTraceHeaders(ex.input.headers)),
            ...adapter.headers(target, ex.input.headers),
            ...plan.headers,
            ...target.authHeaders,
          },
          body: plan.payload,
          signal: ex.signal,
          timeoutMs,
          dispatcher: candidate.dispatcher,
          wire: ex.wire?.attempt(target.provider.id),
        },
        target.provider.id,
      );
    } catch (err) {
      if (abortedByClient(err)) {
        span?.end({ errorType: 'cancelled' });
        throw err;
      }
      const kind =
        err instanceof DomainError && err.code === ErrorCode.UpstreamTimeout
          ? 'timeout'
          : 'connect';
      span?.end({ errorType: kind });
      this.health.report(candidate, { ok: false, kind, latencyMs: performance.now() - started });
      return { report: { ok: false, kind }, error: err };
    }
    if (upstream.statusCode >= 400) {
      const text = await upstream.body.text();
      call.upstreamEndedAt = performance.now();
      span?.end({ status: upstream.statusCode });
      const report = { ok: false, status: upstream.statusCode, kind: 'http' as const };
      this.health.report(candidate, { ...report, latencyMs: call.upstreamEndedAt - started });
      return {
        report,
        http: { plan, status: upstream.statusCode, text, headers: upstream.headers },
        retryAfter: firstHeader(upstream.headers['retry-after']),
      };
    }
    this.health.report(candidate, {
      ok: true,
      status: upstream.statusCode,
      latencyMs: performance.now() - started,
    });
    try {
      await planner.relay(plan, upstream);
    } catch (err) {
      span?.end({
        status: upstream.statusCode,
        errorType: abortedByClient(err) ? 'cancelled' : 'relay_failed',
      });
      throw err;
    }
    span?.end({
      status: upstream.statusCode,
      usage: call.usage,
      responseId: call.responseId,
      finishReasons: call.finishReasons,
    });
    return 'served';
  }

  /** Every candidate failed (or none could take the request): the client gets the last failure. */
  private giveUp(ex: ProxyExchange, failure: AttemptFailure | undefined): void {
    if (failure?.http) {
      const { plan, status, text, headers } = failure.http;
      relayUpstreamError(ex.call, plan, status, text, responseHeaders(ex, plan, headers), ex.res);
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
}

function saturatedError(candidate: RouteCandidate): DomainError {
  return new DomainError(
    ErrorCode.RateLimited,
    `Provider ${candidate.providerName} is at its concurrency limit`,
    { status: 503, headers: { 'retry-after': '1' } },
  );
}

/** Waits, unless the client goes away first (then the walk ends with the abort). */
function sleep(ms: number, signal: ClientGone): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.off('abort', onAbort);
      resolve();
    }, ms);
    signal.once('abort', onAbort);
  });
}
