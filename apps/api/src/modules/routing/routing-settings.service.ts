import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_TRAIL, changedFields, type AuditTrail } from '../../common/audit-trail';
import { InvalidRequestError } from '../../common/domain-errors';
import type { AuthorizedGateway } from '../gateways/gateway-access';
import type { RoutingSettingsDto } from './dto/routing-settings.dto';
import { GatewayEvents } from '../events/gateway-events';
import { GatewayConfig } from './gateway-config';
import { RoutingRepository } from './routing.repository';
import type { RoutingSettings } from './routing.types';

/** Management of a gateway's routing settings (roles checked by `GatewayRoleGuard`). */
@Injectable()
export class RoutingSettingsService {
  constructor(
    private readonly repo: RoutingRepository,
    private readonly config: GatewayConfig,
    private readonly events: GatewayEvents,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  async get(gw: AuthorizedGateway): Promise<RoutingSettings> {
    return this.config.settingsFor(gw.gatewayId);
  }

  async update(gw: AuthorizedGateway, patch: RoutingSettingsDto): Promise<RoutingSettings> {
    const current = this.config.settingsFor(gw.gatewayId);
    const next: RoutingSettings = {
      ...current,
      ...patch,
      model_fallbacks: patch.model_fallbacks ?? current.model_fallbacks,
      retry: { ...current.retry, ...patch.retry },
      breaker: { ...current.breaker, ...patch.breaker },
    };
    if (next.retry.base_ms > next.retry.max_ms) {
      throw new InvalidRequestError('retry.base_ms must not exceed retry.max_ms', 'retry.base_ms');
    }
    await this.repo.saveSettings(gw.gatewayId, next);
    await this.events.emit({ kind: 'routing-settings', gatewayId: gw.gatewayId });
    await this.audit.record({
      action: 'routing.update',
      target: { type: 'routing', id: gw.gatewayId },
      gatewayId: gw.gatewayId,
      details: changedFields({ ...current }, { ...next }),
    });
    return next;
  }
}
