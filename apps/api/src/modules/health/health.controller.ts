import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HealthService, type LivenessDto, type ReadinessDto } from './health.service';

/** Unauthenticated, and not proxied or recorded in analytics (they are plain management routes). */
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('health')
  liveness(): Promise<LivenessDto> {
    return this.health.liveness();
  }

  @Get('ready')
  async readiness(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessDto> {
    const result = await this.health.readiness();
    void reply.status(result.status === 'ok' ? 200 : 503);
    return result;
  }
}
