import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { GatewaysModule } from '../gateways/gateways.module';
import { ModelsModule } from '../models/models.module';
import { ProviderEntity } from '../providers/provider.entity';
import { BreakerBroadcast } from './breaker-broadcast';
import { BreakerStatesService } from './breaker-states.service';
import { GatewayConfig } from './gateway-config';
import { GatewayModels } from './gateway-models';
import { ProviderHealthController } from './provider-health.controller';
import { ProviderHealthService } from './provider-health.service';
import { RouterService } from './router.service';
import { RoutingSettingsEntity } from './routing-settings.entity';
import { RoutingSettingsService } from './routing-settings.service';
import { RoutingController } from './routing.controller';
import { RoutingRepository } from './routing.repository';

@Module({
  imports: [
    TypeOrmModule.forFeature([ProviderEntity, RoutingSettingsEntity]),
    AuthModule,
    GatewaysModule,
    ModelsModule,
  ],
  controllers: [RoutingController, ProviderHealthController],
  providers: [
    GatewayConfig,
    GatewayModels,
    ProviderHealthService,
    BreakerBroadcast,
    BreakerStatesService,
    RouterService,
    RoutingRepository,
    RoutingSettingsService,
  ],
  exports: [
    GatewayConfig,
    GatewayModels,
    ProviderHealthService,
    RouterService,
    BreakerStatesService,
  ],
})
export class RoutingModule {}
