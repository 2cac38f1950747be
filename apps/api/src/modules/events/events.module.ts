import { Global, Module } from '@nestjs/common';
import { GatewayEvents } from './gateway-events';

@Global()
@Module({ providers: [GatewayEvents], exports: [GatewayEvents] })
export class EventsModule {}
