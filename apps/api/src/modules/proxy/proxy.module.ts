import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuthModule } from '../auth/auth.module';
import { GatewaysModule } from '../gateways/gateways.module';
import { KeysModule } from '../keys/keys.module';
import { ModelsModule } from '../models/models.module';
import { ResponsesModule } from '../responses/responses.module';
import { RoutingModule } from '../routing/routing.module';
import { TracingModule } from '../tracing/tracing.module';
import { WireModule } from '../wire/wire.module';
import { CallerAuth } from './caller-auth';
import { CountTokensStep } from './count-tokens';
import { ProxyDispatch } from './dispatch';
import { ProxyOperations } from './operations/proxy-operations';
import { ProxyRoutes } from './proxy.routes';
import { ProxyService } from './proxy.service';
import { ResponsesState } from './responses-state';
import { UPSTREAM_CLIENT } from './proxy.tokens';
import { UpstreamClient } from './upstream/upstream-client';

@Module({
  imports: [
    AuthModule,
    GatewaysModule,
    ModelsModule,
    RoutingModule,
    KeysModule,
    TracingModule,
    ResponsesModule,
    WireModule,
  ],
  providers: [
    ProxyService,
    ProxyRoutes,
    CallerAuth,
    ProxyDispatch,
    ProxyOperations,
    CountTokensStep,
    ResponsesState,
    {
      provide: UPSTREAM_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new UpstreamClient(config.upstream),
    },
  ],
  exports: [ProxyRoutes, CallerAuth],
})
export class ProxyModule implements OnApplicationShutdown {
  constructor(@Inject(UPSTREAM_CLIENT) private readonly client: UpstreamClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
