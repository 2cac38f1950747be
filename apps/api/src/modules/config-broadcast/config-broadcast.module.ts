import { Global, Module } from '@nestjs/common';
import { ConfigBroadcast } from './config-broadcast';

/**
 * Global so that its init hook (subscribing to the channel) runs before the directories load: Nest
 * runs global modules' hooks first. Nothing imports it; it works through GatewayEvents.
 */
@Global()
@Module({ providers: [ConfigBroadcast] })
export class ConfigBroadcastModule {}
