import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AnalyticsModule } from '../analytics/analytics.module';
import { AuthModule } from '../auth/auth.module';
import { GatewaysModule } from '../gateways/gateways.module';
import { KeysModule } from '../keys/keys.module';
import { ProxyModule } from '../proxy/proxy.module';
import { McpDirectory } from './mcp-directory';
import { McpGatewayService } from './mcp-gateway.service';
import { McpServerEntity } from './mcp-server.entity';
import { McpServersController } from './mcp-servers.controller';
import { McpServersRepository } from './mcp-servers.repository';
import { McpServersService } from './mcp-servers.service';
import { McpUpstreams } from './mcp-upstreams';
import { McpController } from './mcp.controller';

/** MCP servers per gateway (management) and the gateway's `/mcp` endpoint in front of them. */
@Module({
  imports: [
    TypeOrmModule.forFeature([McpServerEntity]),
    AuthModule,
    GatewaysModule,
    KeysModule,
    AnalyticsModule,
    ProxyModule,
  ],
  controllers: [McpServersController, McpController],
  providers: [
    McpServersRepository,
    McpServersService,
    McpDirectory,
    McpUpstreams,
    McpGatewayService,
  ],
})
export class McpModule {}
