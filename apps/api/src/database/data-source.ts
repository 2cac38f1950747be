import { DataSource, type DataSourceOptions } from 'typeorm';
import { GatewayEntity } from '../modules/gateways/gateway.entity';
import { SessionEntity } from '../modules/auth/session.entity';
import { UserEntity } from '../modules/auth/user.entity';
import { KeyEntity } from '../modules/keys/key.entity';
import { ProviderEntity } from '../modules/providers/provider.entity';
import { StoredResponseEntity } from '../modules/responses/stored-response.entity';
import { RoutingSettingsEntity } from '../modules/routing/routing-settings.entity';
import { InitialSchema1763888400000 } from './migrations/1763888400000-InitialSchema';
import { GatewayBodyLogging1763892000000 } from './migrations/1763892000000-GatewayBodyLogging';
import { GatewayProvidersKeysRouting1763900000000 } from './migrations/1763900000000-GatewayProvidersKeysRouting';
import { StoredResponses1764600000000 } from './migrations/1764600000000-StoredResponses';

export const ENTITIES = [
  UserEntity,
  SessionEntity,
  GatewayEntity,
  ProviderEntity,
  KeyEntity,
  RoutingSettingsEntity,
  StoredResponseEntity,
];
export const MIGRATIONS = [
  InitialSchema1763888400000,
  GatewayBodyLogging1763892000000,
  GatewayProvidersKeysRouting1763900000000,
  StoredResponses1764600000000,
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
