import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GatewaysModule } from '../gateways/gateways.module';
import { RedisConnection } from '../redis/redis-connection';
import { WireController } from './wire.controller';
import { WireService } from './wire.service';
import { WireStore } from './wire-store';

/** Wire captures of proxied requests (`x-gateway-debug: wire`): the store the proxy writes, read back by the dashboard. */
@Module({
  imports: [AuthModule, GatewaysModule],
  controllers: [WireController],
  providers: [
    {
      provide: WireStore,
      inject: [RedisConnection],
      useFactory: (redis: RedisConnection) =>
        new WireStore({ redis: redis.client, prefix: redis.prefix }),
    },
    WireService,
  ],
  exports: [WireStore],
})
export class WireModule {}
