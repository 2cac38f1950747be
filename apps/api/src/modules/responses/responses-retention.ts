import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { GatewayEvents } from '../events/gateway-events';
import { GatewayAuthIndex } from '../gateways/gateway-auth.index';
import { ResponsesRepository } from './responses.repository';

/** How often expired responses are deleted (every replica runs it; the deletes do not conflict). */
export const PURGE_INTERVAL_MS = 60 * 60 * 1000;
const FIRST_PURGE_AFTER_MS = 60 * 1000;

/**
 * Retention of stored responses: a gateway's `responses_retention_days` change moves the expiry of
 * everything it stored, and expired rows (already invisible to reads) are deleted once an hour.
 */
@Injectable()
export class ResponsesRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ResponsesRetention.name);
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly repo: ResponsesRepository,
    private readonly gateways: GatewayAuthIndex,
    events: GatewayEvents,
  ) {
    events.on(async (change) => {
      if (change.kind !== 'gateway-settings') return;
      const days = this.gateways.gateway(change.gatewayId)?.responsesRetentionDays;
      if (days !== undefined) await this.repo.setRetention(change.gatewayId, days);
    });
  }

  onApplicationBootstrap(): void {
    const run = () => void this.purge();
    this.timers = [setTimeout(run, FIRST_PURGE_AFTER_MS), setInterval(run, PURGE_INTERVAL_MS)];
    for (const t of this.timers) t.unref();
  }

  onApplicationShutdown(): void {
    for (const t of this.timers) clearTimeout(t);
  }

  /** Deletes every expired response; a failure is logged and retried at the next interval. */
  async purge(): Promise<number> {
    try {
      const n = await this.repo.purgeExpired();
      if (n > 0) this.logger.log(`Deleted ${n} expired stored responses`);
      return n;
    } catch (err) {
      this.logger.warn(`Purging expired responses failed: ${(err as Error).message}`);
      return 0;
    }
  }
}
