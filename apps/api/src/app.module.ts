import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { SecretBox } from './common/secret-box';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { AdminModule } from './modules/admin/admin.module';
import { AnalyticsModule } from './modules/analytics/analytics.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { ConfigBroadcastModule } from './modules/config-broadcast/config-broadcast.module';
import { DocsModule } from './modules/docs/docs.module';
import { EventsModule } from './modules/events/events.module';
import { GatewaysModule } from './modules/gateways/gateways.module';
import { HealthModule } from './modules/health/health.module';
import { KeysModule } from './modules/keys/keys.module';
import { LoggingModule } from './modules/logging/logging.module';
import { McpModule } from './modules/mcp/mcp.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { ModelsModule } from './modules/models/models.module';
import { ProvidersModule } from './modules/providers/providers.module';
import { EnvCredentialsModule } from './modules/proxy/env-credentials.module';
import { ProxyModule } from './modules/proxy/proxy.module';
import { RedisModule } from './modules/redis/redis.module';
import { ResponsesModule } from './modules/responses/responses.module';
import { RoutingModule } from './modules/routing/routing.module';
import { SsoModule } from './modules/sso/sso.module';
import { TeamsModule } from './modules/teams/teams.module';
import { WireModule } from './modules/wire/wire.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, secretBox: SecretBox): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, secretBox),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl)),
        RedisModule,
        EventsModule,
        ConfigBroadcastModule,
        EnvCredentialsModule,
        AuditModule,
        AuthModule,
        SsoModule,
        TeamsModule,
        GatewaysModule,
        AdminModule,
        AnalyticsModule,
        ModelsModule,
        RoutingModule,
        ProvidersModule,
        KeysModule,
        WireModule,
        ResponsesModule,
        ProxyModule,
        McpModule,
        HealthModule,
        MetricsModule,
        LoggingModule,
        DocsModule,
      ],
    };
  }
}
