import { Inject, Injectable } from '@nestjs/common';
import { getProvider, isRoutable, type ConcurrencySettings } from '@gateway/routing';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { AuthorizedGateway } from '../gateways/gateway-access';
import { ENV_CREDENTIALS, type EnvCredentials } from '../models/env-credentials';
import { GatewayConfig } from './gateway-config';
import { ENV_CONCURRENCY, ProviderHealthService } from './provider-health.service';
import { envHealthKey } from './route-planner';
import type { BreakerStateDto } from './routing.types';

/** `GET /gateway/:id/providers/health`: the live state of the providers a gateway routes to. */
@Injectable()
export class BreakerStatesService {
  constructor(
    private readonly config: GatewayConfig,
    private readonly health: ProviderHealthService,
    @Inject(ENV_CREDENTIALS) private readonly env: EnvCredentials,
    @Inject(APP_CONFIG) private readonly appConfig: AppConfig,
  ) {}

  async forGateway(gw: AuthorizedGateway): Promise<{ providers: BreakerStateDto[] }> {
    return { providers: this.breakerStates(gw.gatewayId) };
  }

  /** Its own providers, or the configured environment ones. */
  breakerStates(gatewayId: string): BreakerStateDto[] {
    const own = this.config.providersOf(gatewayId);
    const rows: {
      configId: string;
      provider: string;
      name: string;
      healthKey: string;
      concurrency: ConcurrencySettings;
    }[] =
      own.length > 0
        ? own.map((p) => ({
            configId: p.id,
            provider: p.spec.id,
            name: p.name,
            healthKey: p.id,
            concurrency: p.concurrency,
          }))
        : Object.keys(this.appConfig.providers).flatMap((id) => {
            const spec = getProvider(id);
            return spec && this.env.isConfigured(spec) && isRoutable(spec)
              ? [
                  {
                    // The wire value names the environment's credentials.
                    configId: 'env',
                    provider: id,
                    name: spec.displayName,
                    healthKey: envHealthKey(id, gatewayId),
                    concurrency: ENV_CONCURRENCY,
                  },
                ]
              : [];
          });
    return rows.map((r) => {
      const h = this.health.peek(r.healthKey);
      const openedAt = h?.breaker.openedSince;
      return {
        provider_config_id: r.configId,
        provider: r.provider,
        name: r.name,
        state: h?.breaker.state ?? 'closed',
        failures: h?.breaker.failureCount ?? 0,
        opened_at: openedAt === undefined ? null : new Date(openedAt).toISOString(),
        latency_avg_ms: h?.latency.average === undefined ? null : Math.round(h.latency.average),
        concurrency: {
          mode: r.concurrency.mode,
          limit:
            h?.limit.limit ??
            (r.concurrency.mode === 'fixed' ? r.concurrency.max : r.concurrency.min),
          in_flight: h?.gate.inFlight ?? 0,
          queued: h?.gate.queued ?? 0,
        },
      };
    });
  }
}
