import { DataSource, type DataSourceOptions } from 'typeorm';
import { GatewayEntity } from '../modules/gateways/gateway.entity';
import { AuditEventEntity } from '../modules/audit/audit-event.entity';
import { EnvGrantEntity } from '../modules/auth/env-grant.entity';
import { InviteEntity } from '../modules/auth/invite.entity';
import { SessionEntity } from '../modules/auth/session.entity';
import { UserEntity } from '../modules/auth/user.entity';
import { GatewayLimitsEntity } from '../modules/keys/gateway-limits.entity';
import { KeyEntity } from '../modules/keys/key.entity';
import { McpServerEntity } from '../modules/mcp/mcp-server.entity';
import { LimitUsageEntity, SpendFlushEntity } from '../modules/limits/limit-usage.entity';
import { ProviderEntity } from '../modules/providers/provider.entity';
import { StoredResponseEntity } from '../modules/responses/stored-response.entity';
import { RoutingSettingsEntity } from '../modules/routing/routing-settings.entity';
import { UserIdentityEntity } from '../modules/sso/user-identity.entity';
import { InitialSchema1763888400000 } from './migrations/1763888400000-InitialSchema';
import { GatewayBodyLogging1763892000000 } from './migrations/1763892000000-GatewayBodyLogging';
import { GatewayProvidersKeysRouting1763900000000 } from './migrations/1763900000000-GatewayProvidersKeysRouting';
import { AccessControlAndAudit1764100000000 } from './migrations/1764100000000-AccessControlAndAudit';
import { Teams1764200000000 } from './migrations/1764200000000-Teams';
import { DurableSpendLimits1764300000000 } from './migrations/1764300000000-DurableSpendLimits';
import { UserIdentities1764400000000 } from './migrations/1764400000000-UserIdentities';
import { McpServers1764900000000 } from './migrations/1764900000000-McpServers';
import { TeamMemberEntity } from '../modules/teams/team-member.entity';
import { TeamEntity } from '../modules/teams/team.entity';
import { StoredResponses1764600000000 } from './migrations/1764600000000-StoredResponses';

export const ENTITIES = [
  UserEntity,
  SessionEntity,
  GatewayEntity,
  ProviderEntity,
  KeyEntity,
  RoutingSettingsEntity,
  UserIdentityEntity,
  McpServerEntity,
  TeamEntity,
  TeamMemberEntity,
  GatewayLimitsEntity,
  LimitUsageEntity,
  SpendFlushEntity,
  StoredResponseEntity,
  InviteEntity,
  EnvGrantEntity,
  AuditEventEntity,
];
export const MIGRATIONS = [
  InitialSchema1763888400000,
  GatewayBodyLogging1763892000000,
  GatewayProvidersKeysRouting1763900000000,
  AccessControlAndAudit1764100000000,
  Teams1764200000000,
  DurableSpendLimits1764300000000,
  UserIdentities1764400000000,
  StoredResponses1764600000000,
  McpServers1764900000000,
];

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Off: TypeORM's error log prints each failed query with its parameters (hashes, ciphertexts). Failures
    // reach the log through the exception filter and the reload loops, without the values.
    logging: false,
    extra: { max: 10, connectionTimeoutMillis: 10000 },
  };
}

// For the TypeORM CLI (migration:generate / migration:show): `DATABASE_URL=... npx typeorm -d dist/database/data-source.js`
export default new DataSource(
  dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'),
);
