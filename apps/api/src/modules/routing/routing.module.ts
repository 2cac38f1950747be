import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { GatewaysModule } from '../gateways/gateways.module';
import { KeyEntity } from '../keys/key.entity';
import { ModelsModule } from '../models/models.module';
import { ProviderEntity } from '../providers/provider.entity';
import { RoutingSettingsEntity } from './routing-settings.entity';
import { RoutingSettingsService } from './routing-settings.service';
import { RoutingController } from './routing.controller';
import { RoutingRepository } from './routing.repository';
import { RoutingService } from './routing.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([ProviderEntity, KeyEntity, RoutingSettingsEntity]),
    AuthModule,
    GatewaysModule,
    ModelsModule,
  ],
  controllers: [RoutingController],
  providers: [RoutingService, RoutingRepository, RoutingSettingsService],
  exports: [RoutingService],
})
export class RoutingModule {}
