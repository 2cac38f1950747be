import { Module } from '@nestjs/common';
import { RoutingModule } from '../routing/routing.module';
import { MetricsService } from './metrics.service';

/** GET /metrics (served by server.ts in front of Fastify) and the per-request Prometheus series. */
@Module({ imports: [RoutingModule], providers: [MetricsService], exports: [MetricsService] })
export class MetricsModule {}
