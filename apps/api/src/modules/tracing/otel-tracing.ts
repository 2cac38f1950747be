// The only file that loads the OpenTelemetry SDK: RequestTracer requires it when OTEL_* configure an
// exporter, so a gateway without tracing never pays for these modules.
import {
  DiagLogLevel,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  diag,
  trace,
  type Context,
  type Span,
  type SpanContext,
  type Tracer,
} from '@opentelemetry/api';
import { TraceState, parseTraceParent } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type Sampler,
} from '@opentelemetry/sdk-trace';
import type { TracingConfig } from '../../config/tracing-config';
import {
  attemptEndAttributes,
  attemptStartAttributes,
  operationName,
  requestEndAttributes,
  requestStartAttributes,
  spanName,
} from './gen-ai';
import type {
  AttemptOutcome,
  AttemptStart,
  AttemptTrace,
  RequestOutcome,
  RequestStart,
  RequestTrace,
} from './trace.types';

/** How long shutdown waits for the last spans to reach the collector. */
const SHUTDOWN_TIMEOUT_MS = 5000;
const INSTRUMENTATION_SCOPE = 'llm-gateway';

export interface TraceBackend {
  startRequest(start: RequestStart): RequestTrace;
  /** Exports what is queued, then stops (bounded by SHUTDOWN_TIMEOUT_MS). */
  shutdown(): Promise<void>;
}

export interface TraceLog {
  warn(message: string): void;
}

function sampler(cfg: TracingConfig): Sampler {
  switch (cfg.sampler) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(cfg.samplerRatio);
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(cfg.samplerRatio) });
  }
}

function exporter(cfg: TracingConfig) {
  const options = { url: cfg.url, headers: cfg.headers, timeoutMillis: cfg.timeoutMs };
  return cfg.protocol === 'http/json'
    ? new OtlpJsonExporter(options)
    : new OtlpProtoExporter(options);
}

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** The client's W3C trace context as the parent, or the root context when it sent none (or a bad one). */
function parentContext(headers: RequestStart['headers']): Context {
  const traceparent = firstHeader(headers.traceparent);
  if (!traceparent) return ROOT_CONTEXT;
  const parsed = parseTraceParent(traceparent.trim());
  if (!parsed) return ROOT_CONTEXT;
  const tracestate = firstHeader(headers.tracestate);
  const parent: SpanContext = {
    ...parsed,
    isRemote: true,
    ...(tracestate ? { traceState: new TraceState(tracestate) } : {}),
  };
  return trace.setSpanContext(ROOT_CONTEXT, parent);
}

/** `traceparent` / `tracestate` naming `span` (https://www.w3.org/TR/trace-context/#traceparent-header). */
function w3cHeaders(span: Span): Record<string, string> {
  const ctx = span.spanContext();
  const flags = (ctx.traceFlags & 0xff).toString(16).padStart(2, '0');
  const headers: Record<string, string> = {
    traceparent: `00-${ctx.traceId}-${ctx.spanId}-${flags}`,
  };
  const state = ctx.traceState?.serialize();
  if (state) headers.tracestate = state;
  return headers;
}

class AttemptSpan implements AttemptTrace {
  readonly headers: Readonly<Record<string, string>>;
  private ended = false;

  constructor(private readonly span: Span) {
    this.headers = w3cHeaders(span);
  }

  end(outcome: AttemptOutcome): void {
    if (this.ended) return;
    this.ended = true;
    if (this.span.isRecording()) {
      this.span.setAttributes(attemptEndAttributes(outcome));
      // A client span's failed call is an error, 4xx included (HTTP client conventions).
      if (outcome.errorType || (outcome.status ?? 0) >= 400)
        this.span.setStatus({ code: SpanStatusCode.ERROR });
    }
    this.span.end();
  }
}

class RequestSpan implements RequestTrace {
  private readonly span: Span;
  private readonly context: Context;
  private ended = false;

  constructor(
    private readonly tracer: Tracer,
    private readonly operation: string,
    start: RequestStart,
  ) {
    this.span = tracer.startSpan(
      operation,
      { kind: SpanKind.SERVER, attributes: requestStartAttributes(start, operation) },
      parentContext(start.headers),
    );
    this.context = trace.setSpan(ROOT_CONTEXT, this.span);
  }

  startAttempt(attempt: AttemptStart): AttemptTrace {
    const span = this.tracer.startSpan(
      spanName(this.operation, attempt.model),
      { kind: SpanKind.CLIENT, attributes: attemptStartAttributes(attempt, this.operation) },
      this.context,
    );
    return new AttemptSpan(span);
  }

  end(outcome: RequestOutcome): void {
    if (this.ended) return;
    this.ended = true;
    if (this.span.isRecording()) {
      this.span.updateName(spanName(this.operation, outcome.requestedModel));
      this.span.setAttributes(requestEndAttributes(outcome));
      // A server span is in error for 5xx only: a 4xx is the client's mistake (HTTP server conventions).
      if (outcome.status >= 500) this.span.setStatus({ code: SpanStatusCode.ERROR });
    }
    this.span.end();
  }
}

/** A tracer provider exporting over OTLP/HTTP in batches, off the request path. */
export function createOtelTracing(cfg: TracingConfig, log: TraceLog): TraceBackend {
  // Export failures (collector down, 4xx) reach the log as warnings instead of vanishing.
  diag.setLogger(
    {
      error: (message: string) => log.warn(message),
      warn: (message: string) => log.warn(message),
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    },
    DiagLogLevel.WARN,
  );
  const provider = new TracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({ ...cfg.resourceAttributes, 'service.name': cfg.serviceName }),
    ),
    sampler: sampler(cfg),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: exporter(cfg),
        scheduledDelayMillis: cfg.scheduleDelayMs,
        maxQueueSize: cfg.maxQueueSize,
        maxExportBatchSize: Math.min(512, cfg.maxQueueSize),
      }),
    ],
  });
  const tracer = provider.getTracer(INSTRUMENTATION_SCOPE);
  return {
    startRequest: (start) =>
      new RequestSpan(tracer, operationName(start.format, start.endpoint), start),
    shutdown: async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          log.warn(`Trace export did not finish within ${SHUTDOWN_TIMEOUT_MS} ms at shutdown`);
          resolve();
        }, SHUTDOWN_TIMEOUT_MS);
      });
      // Never fails the shutdown: spans that could not be exported are lost, with a warning.
      const flushed = provider
        .shutdown()
        .catch((err: unknown) =>
          log.warn(`Trace export failed at shutdown: ${(err as Error)?.message ?? String(err)}`),
        );
      try {
        await Promise.race([flushed, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
