import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { EventSink, type EventRecorderStats, type RequestEvent } from '@gateway/analytics';
import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type LabelValues,
} from 'prom-client';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { BreakerStatesService } from '../routing/breaker-states.service';

/** Label value for requests that never reached a provider (bad credentials, unknown model, limits). */
export const NO_PROVIDER = 'none';
/** Model label value for models past METRICS_MAX_MODELS distinct ones. */
export const OTHER_MODEL = 'other';
/** Gateways whose providers' breaker and concurrency gauges are reported (seen in traffic). */
const MAX_TRACKED_GATEWAYS = 10_000;
const BREAKER_STATES = ['closed', 'open', 'half_open'] as const;

const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300];
const OVERHEAD_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
const TTFT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60];

type BreakerGauges = Record<'state' | 'inFlight' | 'queued' | 'limit', Gauge>;

type Labels = 'provider' | 'model' | 'status_class' | 'client_format' | 'gateway_id';

interface CounterChild {
  inc(value?: number): void;
}
interface HistogramChild {
  observe(value: number): void;
}
/** The label-bound series one label combination feeds. */
interface RequestSeries {
  requests: CounterChild;
  duration: HistogramChild;
  ttft: HistogramChild;
  overhead: HistogramChild;
  tokens: Record<'input' | 'output' | 'cached' | 'reasoning', CounterChild>;
  cost: CounterChild;
  attempts: CounterChild;
  retries: CounterChild;
}

const DRAIN_INTERVAL_MS = 1000;
const MAX_PENDING = 10_000;

/**
 * Prometheus metrics of this replica. Per-request series are fed by the analytics recorder's live feed
 * (every proxied request, nothing else: /metrics, /health, /ready and the dashboard are not counted);
 * breaker, concurrency and analytics backlog gauges are read at scrape time. Label cardinality is
 * bounded: provider and client format come from fixed lists, models are capped at METRICS_MAX_MODELS
 * distinct values (the rest is "other"), and gateway ids only appear with METRICS_GATEWAY_LABELS=true.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  private readonly models = new Set<string>();
  private readonly gateways = new Set<string>();
  private readonly gatewayLabels: boolean;
  private readonly maxModels: number;
  private readonly token?: Buffer;
  private readonly unsubscribe: () => void;
  /** Events recorded since the last drain: the request path only appends (see observe()). */
  private pending: RequestEvent[] = [];
  private readonly drainTimer: NodeJS.Timeout;
  /** Label-bound series per label combination, so a drain does no label hashing per event. */
  private readonly series = new Map<string, RequestSeries>();

  private readonly requests: Counter<Labels>;
  private readonly duration: Histogram<Labels>;
  private readonly overhead: Histogram<'provider'>;
  private readonly ttft: Histogram<Exclude<Labels, 'status_class'>>;
  private readonly tokens: Counter<Exclude<Labels, 'status_class' | 'client_format'> | 'type'>;
  private readonly cost: Counter<Exclude<Labels, 'status_class' | 'client_format'>>;
  private readonly attempts: Counter<'provider'>;
  private readonly retries: Counter<'provider'>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly recorder: EventSink,
    private readonly breakers: BreakerStatesService,
  ) {
    this.gatewayLabels = config.metrics.gatewayLabels;
    this.maxModels = config.metrics.maxModels;
    if (config.metrics.token) this.token = Buffer.from(config.metrics.token);
    const g = (names: string[]) => (this.gatewayLabels ? [...names, 'gateway_id'] : names);
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });

    this.requests = new Counter({
      name: 'llm_gateway_requests_total',
      help: 'Proxied requests, by provider, model, status class (2xx/4xx/5xx) and client API format',
      labelNames: g(['provider', 'model', 'status_class', 'client_format']) as Labels[],
      registers,
    });
    this.duration = new Histogram({
      name: 'llm_gateway_request_duration_seconds',
      help: 'Proxied request duration, from the request to the last byte of the answer (streams included)',
      labelNames: g(['provider', 'model', 'status_class', 'client_format']) as Labels[],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.overhead = new Histogram({
      name: 'llm_gateway_overhead_duration_seconds',
      help: 'Time the gateway itself added (request duration minus the upstream call) on single-attempt requests',
      labelNames: ['provider'],
      buckets: OVERHEAD_BUCKETS,
      registers,
    });
    this.ttft = new Histogram({
      name: 'llm_gateway_time_to_first_token_seconds',
      help: 'Streamed requests: time from the request to the first content sent to the client',
      labelNames: g(['provider', 'model', 'client_format']) as Exclude<Labels, 'status_class'>[],
      buckets: TTFT_BUCKETS,
      registers,
    });
    this.tokens = new Counter({
      name: 'llm_gateway_tokens_total',
      help: 'Tokens reported by the providers; type is input (cached included), output, cached or reasoning',
      labelNames: g(['provider', 'model', 'type']) as never[],
      registers,
    });
    this.cost = new Counter({
      name: 'llm_gateway_cost_usd_total',
      help: 'Cost in US dollars at the model table prices (requests with an unknown price add nothing)',
      labelNames: g(['provider', 'model']) as never[],
      registers,
    });
    this.attempts = new Counter({
      name: 'llm_gateway_upstream_attempts_total',
      help: 'Upstream calls made for proxied requests (retries and fallbacks included)',
      labelNames: ['provider'],
      registers,
    });
    this.retries = new Counter({
      name: 'llm_gateway_upstream_fallbacks_total',
      help: 'Upstream calls beyond the first of a request (a retry or a fallback to another candidate); provider is the one that finally answered',
      labelNames: ['provider'],
      registers,
    });
    this.breakerGauges(registers);
    this.analyticsGauges(registers);
    this.unsubscribe = recorder.subscribeAll((ev) => this.observe(ev));
    // Drained at every scrape too; the timer only bounds memory between scrapes.
    this.drainTimer = setInterval(() => this.drain(), DRAIN_INTERVAL_MS);
    this.drainTimer.unref();
  }

  onModuleDestroy(): void {
    this.unsubscribe();
    clearInterval(this.drainTimer);
  }

  /**
   * Runs inside EventSink.record() on the request path, so it only appends: the series are updated
   * in batches (at each scrape, every DRAIN_INTERVAL_MS, or every MAX_PENDING events).
   */
  observe(ev: RequestEvent): void {
    this.pending.push(ev);
    if (this.pending.length >= MAX_PENDING) this.drain();
  }

  /** Applies the pending events to the series. */
  drain(): void {
    const events = this.pending;
    if (events.length === 0) return;
    this.pending = [];
    for (const ev of events) this.apply(ev);
  }

  private apply(ev: RequestEvent): void {
    const s = this.seriesFor(ev);
    s.requests.inc();
    s.duration.observe(Math.max(0, ev.latencyMs) / 1000);
    if (ev.ttftMs !== null) s.ttft.observe(ev.ttftMs / 1000);
    if (ev.upstreamLatencyMs !== null && ev.attempts === 1) {
      s.overhead.observe(Math.max(0, ev.latencyMs - ev.upstreamLatencyMs) / 1000);
    }
    if (ev.tokensIn > 0) s.tokens.input.inc(ev.tokensIn);
    if (ev.tokensOut > 0) s.tokens.output.inc(ev.tokensOut);
    if (ev.tokensCached > 0) s.tokens.cached.inc(ev.tokensCached);
    if (ev.tokensReasoning > 0) s.tokens.reasoning.inc(ev.tokensReasoning);
    if (ev.costUsd !== null && ev.costUsd > 0) s.cost.inc(ev.costUsd);
    if (ev.attempts > 0) s.attempts.inc(ev.attempts);
    if (ev.attempts > 1) s.retries.inc(ev.attempts - 1);
    if (this.gateways.size < MAX_TRACKED_GATEWAYS) this.gateways.add(ev.gatewayId);
  }

  private seriesFor(ev: RequestEvent): RequestSeries {
    const provider = ev.provider || NO_PROVIDER;
    const model = this.modelLabel(ev);
    const status = statusClass(ev.status);
    const gateway = this.gatewayLabels ? ev.gatewayId : '';
    const key = `${provider}\u0000${model}\u0000${status}\u0000${ev.clientFormat}\u0000${gateway}`;
    let s = this.series.get(key);
    if (s) return s;
    const base: LabelValues<Labels> = { provider, model };
    if (this.gatewayLabels) base.gateway_id = ev.gatewayId;
    const full = { ...base, status_class: status, client_format: ev.clientFormat };
    s = {
      requests: this.requests.labels(full),
      duration: this.duration.labels(full),
      ttft: this.ttft.labels({ ...base, client_format: ev.clientFormat }),
      overhead: this.overhead.labels({ provider }),
      tokens: {
        input: this.tokens.labels({ ...base, type: 'input' }),
        output: this.tokens.labels({ ...base, type: 'output' }),
        cached: this.tokens.labels({ ...base, type: 'cached' }),
        reasoning: this.tokens.labels({ ...base, type: 'reasoning' }),
      },
      cost: this.cost.labels(base),
      attempts: this.attempts.labels({ provider }),
      retries: this.retries.labels({ provider }),
    };
    // Bounded: provider, status class and format come from fixed lists, models are capped.
    this.series.set(key, s);
    return s;
  }

  /** GET /metrics, answered in front of Fastify (no Nest guards per scrape). */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.token && !this.authorized(req.headers.authorization)) {
      res.writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': 'Bearer realm="metrics"',
      });
      res.end(
        JSON.stringify({
          // The management error shape (ManagementError in @gateway/contracts).
          error: {
            message: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>',
            type: 'unauthenticated',
            code: 'unauthenticated',
          },
        }),
      );
      return;
    }
    try {
      this.drain();
      const body = await this.registry.metrics();
      res.writeHead(200, {
        'content-type': this.registry.contentType,
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`metrics collection failed: ${(err as Error).message}\n`);
    }
  }

  private authorized(header: string | undefined): boolean {
    const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (!match || !this.token) return false;
    const given = Buffer.from(match[1].trim());
    return given.length === this.token.length && timingSafeEqual(given, this.token);
  }

  /** The requested model of a routed request; capped so a client cannot mint unbounded series. */
  private modelLabel(ev: RequestEvent): string {
    if (!ev.provider || !ev.requestedModel) return NO_PROVIDER;
    const model = ev.requestedModel.slice(0, 128);
    if (this.models.has(model)) return model;
    if (this.models.size >= this.maxModels) return OTHER_MODEL;
    this.models.add(model);
    return model;
  }

  private breakerGauges(registers: Registry[]): void {
    const labelNames = this.gatewayLabels ? ['provider', 'gateway_id'] : ['provider'];
    // One walk over the routing state per scrape, shared by the four gauges; it fills all of them.
    let snapshot: Promise<void> | undefined;
    const collect = (): Promise<void> =>
      (snapshot ??= Promise.resolve()
        .then(() => this.fillBreakerGauges(gauges))
        .finally(() => setImmediate(() => (snapshot = undefined))));
    const gauges: BreakerGauges = {
      state: new Gauge({
        name: 'llm_gateway_provider_breaker_state',
        help: 'Provider configurations in each circuit breaker state (closed, open, half_open), over the gateways that had traffic on this replica',
        labelNames: [...labelNames, 'state'],
        registers,
        collect,
      }),
      inFlight: new Gauge({
        name: 'llm_gateway_provider_in_flight',
        help: 'Upstream calls in flight per provider on this replica',
        labelNames,
        registers,
        collect,
      }),
      queued: new Gauge({
        name: 'llm_gateway_provider_queued',
        help: 'Requests waiting for a concurrency slot per provider on this replica',
        labelNames,
        registers,
        collect,
      }),
      limit: new Gauge({
        name: 'llm_gateway_provider_concurrency_limit',
        help: 'Current concurrency limit per provider (adaptive limits move), summed over provider configurations',
        labelNames,
        registers,
        collect,
      }),
    };
  }

  private fillBreakerGauges(gauges: BreakerGauges): void {
    for (const gauge of Object.values(gauges)) gauge.reset();
    for (const gatewayId of this.gateways) {
      for (const s of this.breakers.breakerStates(gatewayId)) {
        const l: Record<string, string> = { provider: s.provider };
        if (this.gatewayLabels) l.gateway_id = gatewayId;
        for (const state of BREAKER_STATES) {
          gauges.state.inc({ ...l, state }, state === s.state ? 1 : 0);
        }
        gauges.inFlight.inc(l, s.concurrency.in_flight);
        gauges.queued.inc(l, s.concurrency.queued);
        gauges.limit.inc(l, s.concurrency.limit);
      }
    }
  }

  private analyticsGauges(registers: Registry[]): void {
    const recorder = this.recorder;
    const gauge = (name: string, help: string, read: (s: EventRecorderStats) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect(this: Gauge) {
          this.set(read(recorder.stats()));
        },
      });
    gauge(
      'llm_gateway_analytics_queue_rows',
      'Analytics rows in memory not yet in the store',
      (s) => s.buffered,
    );
    gauge(
      'llm_gateway_analytics_spooled_rows',
      'Analytics rows waiting on disk for the store (they replay on their own)',
      (s) => s.spooledRows,
    );
    gauge(
      'llm_gateway_analytics_spooled_batches',
      'Analytics batches waiting on disk for the store',
      (s) => s.spooledBatches,
    );
    gauge(
      'llm_gateway_analytics_dead_lettered_rows',
      'Analytics rows the store rejected as malformed since this process started (in DATA_DIR/spool/dead-letter)',
      (s) => s.deadLettered,
    );
    gauge(
      'llm_gateway_analytics_written_rows',
      'Analytics rows this process wrote to the store',
      (s) => s.written,
    );
    gauge(
      'llm_gateway_analytics_store_failing',
      '1 while analytics inserts fail and rows are being spooled',
      (s) => (s.storeFailing ? 1 : 0),
    );
  }
}

export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other';
}
