import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { TeamsModule } from '../teams/teams.module';
import { GatewayAccess, GatewayRoleGuard } from './gateway-access';
import { GatewayAuthIndex } from './gateway-auth.index';
import { GatewayEntity } from './gateway.entity';
import { GatewaysController } from './gateways.controller';
import { GatewaysRepository } from './gateways.repository';
import { GatewaysService } from './gateways.service';

@Module({
  imports: [TypeOrmModule.forFeature([GatewayEntity]), AuthModule, TeamsModule],
  controllers: [GatewaysController],
  providers: [
    GatewaysService,
    GatewaysRepository,
    GatewayAuthIndex,
    GatewayAccess,
    GatewayRoleGuard,
  ],
  exports: [GatewaysService, GatewayAuthIndex, GatewayAccess, GatewayRoleGuard],
})
export class GatewaysModule {}
