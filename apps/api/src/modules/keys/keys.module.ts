import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { GatewaysModule } from '../gateways/gateways.module';
import { LimitsModule } from '../limits/limits.module';
import { GatewayLimitsController } from './gateway-limits.controller';
import { GatewayLimitsDirectory } from './gateway-limits.directory';
import { GatewayLimitsEntity } from './gateway-limits.entity';
import { GatewayLimitsRepository } from './gateway-limits.repository';
import { GatewayLimitsService } from './gateway-limits.service';
import { KeyAdmission } from './key-admission';
import { KeyDirectory } from './key-directory';
import { KeyEntity } from './key.entity';
import { KeysController } from './keys.controller';
import { KeysRepository } from './keys.repository';
import { KeysService } from './keys.service';
import { LimitSubjects } from './limit-subjects';

@Module({
  imports: [
    TypeOrmModule.forFeature([KeyEntity, GatewayLimitsEntity]),
    AuthModule,
    GatewaysModule,
    LimitsModule,
  ],
  controllers: [KeysController, GatewayLimitsController],
  providers: [
    KeysService,
    KeysRepository,
    KeyDirectory,
    KeyAdmission,
    GatewayLimitsRepository,
    GatewayLimitsDirectory,
    GatewayLimitsService,
    LimitSubjects,
  ],
  exports: [KeysService, KeyDirectory, KeyAdmission, LimitSubjects],
})
export class KeysModule {}
