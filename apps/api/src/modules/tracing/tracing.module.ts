import { Module } from '@nestjs/common';
import { RequestTracer } from './request-tracer';

/** OpenTelemetry traces of proxied requests (see RequestTracer); the proxy opens and closes the spans. */
@Module({ providers: [RequestTracer], exports: [RequestTracer] })
export class TracingModule {}
