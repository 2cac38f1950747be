import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { GatewayAuthIndex } from './gateway-auth.index';
import { GatewayEntity } from './gateway.entity';
import { GatewaysController } from './gateways.controller';
import { GatewaysRepository } from './gateways.repository';
import { GatewaysService } from './gateways.service';

@Module({
  imports: [TypeOrmModule.forFeature([GatewayEntity]), AuthModule],
  controllers: [GatewaysController],
  providers: [GatewaysService, GatewaysRepository, GatewayAuthIndex],
  exports: [GatewaysService, GatewayAuthIndex],
})
export class GatewaysModule {}
