import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type * as OtelTracing from './otel-tracing';
import type { RequestStart, RequestTrace } from './trace.types';

/**
 * OpenTelemetry traces of proxied requests (GenAI semantic conventions), when OTEL_* configure an OTLP
 * exporter. Off, the OpenTelemetry packages are never loaded and the proxy's only cost is reading
 * `enabled`: callers check it before building anything for a span.
 */
@Injectable()
export class RequestTracer implements OnApplicationShutdown {
  readonly enabled: boolean;
  private readonly backend?: OtelTracing.TraceBackend;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.enabled = config.tracing !== undefined;
    if (config.tracing) {
      const logger = new Logger('Tracing');
      // A plain require, not import(): loaded here only, and resolved the same under every module setting.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const otel = require('./otel-tracing') as typeof OtelTracing;
      this.backend = otel.createOtelTracing(config.tracing, logger);
      logger.log(
        `Exporting traces to ${config.tracing.url} (${config.tracing.protocol}, sampler ${config.tracing.sampler})`,
      );
    }
  }

  /** The request's span (a child of the client's `traceparent` when it sent one). Only when `enabled`. */
  startRequest(start: RequestStart): RequestTrace {
    return this.backend!.startRequest(start);
  }

  /** Runs after the HTTP server drained: the last requests' spans are exported before exit. */
  async onApplicationShutdown(): Promise<void> {
    await this.backend?.shutdown();
  }
}
