import type { ModelCatalog } from '@gateway/routing';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnauthenticatedError } from '../../../src/common/domain-errors';
import type { SecretBox } from '../../../src/common/secret-box';
import { sha256Hex } from '../../../src/common/secrets';
import type { AppConfig } from '../../../src/config/app-config';
import { APP_CONFIG, SECRET_BOX } from '../../../src/config/config.module';
import { GatewayEvents } from '../../../src/modules/events/gateway-events';
import type { CallerKey } from '../../../src/modules/keys/caller-key';
import { GatewayLimitsDirectory } from '../../../src/modules/keys/gateway-limits.directory';
import { GatewayLimitsEntity } from '../../../src/modules/keys/gateway-limits.entity';
import { GatewayLimitsRepository } from '../../../src/modules/keys/gateway-limits.repository';
import { KeyAdmission } from '../../../src/modules/keys/key-admission';
import type {
  Admission,
  AdmissionRequest,
  AdmissionScope,
} from '../../../src/modules/keys/key-admission.types';
import { KeyDirectory } from '../../../src/modules/keys/key-directory';
import { KeyEntity } from '../../../src/modules/keys/key.entity';
import { KeysRepository } from '../../../src/modules/keys/keys.repository';
import { LimitSubjects } from '../../../src/modules/keys/limit-subjects';
import { DurableCounters } from '../../../src/modules/limits/durable-counters';
import { LimitUsageEntity } from '../../../src/modules/limits/limit-usage.entity';
import { SpendLedger } from '../../../src/modules/limits/spend-ledger';
import { SpendRepository } from '../../../src/modules/limits/spend.repository';
import { SubjectLimiter } from '../../../src/modules/limits/subject-limiter';
import { ENV_CREDENTIALS, type EnvCredentials } from '../../../src/modules/models/env-credentials';
import { ProviderEntity } from '../../../src/modules/providers/provider.entity';
import { CallerAuth } from '../../../src/modules/proxy/caller-auth';
import { BreakerBroadcast } from '../../../src/modules/routing/breaker-broadcast';
import { BreakerStatesService } from '../../../src/modules/routing/breaker-states.service';
import { GatewayConfig } from '../../../src/modules/routing/gateway-config';
import { ProviderHealthService } from '../../../src/modules/routing/provider-health.service';
import { RouterService } from '../../../src/modules/routing/router.service';
import { RoutingSettingsEntity } from '../../../src/modules/routing/routing-settings.entity';
import { RoutingRepository } from '../../../src/modules/routing/routing.repository';
import type { AttemptReport, RouteCandidate } from '../../../src/modules/routing/routing.types';
import { RedisConnection } from '../../../src/modules/redis/redis-connection';

/**
 * The routing-side services of one replica behind one handle, for tests that drive planning, health
 * and key admission directly (the same calls the proxy pipeline makes).
 */
export interface RoutingStack {
  config: GatewayConfig;
  router: RouterService;
  health: ProviderHealthService;
  admission: KeyAdmission;
  states: BreakerStatesService;
  plan: RouterService['plan'];
  acquire(c: RouteCandidate): ReturnType<ProviderHealthService['acquire']>;
  report(c: RouteCandidate, outcome: AttemptReport): void;
  breakerStates: BreakerStatesService['breakerStates'];
  /**
   * As the proxy admits: the provider's aliases in the gateway are looked up from its config.
   * Always a promise here (admission itself answers synchronously when its counters are in process).
   */
  admit(scope: AdmissionScope, req: AdmissionRequest): Promise<Admission>;
  settle: KeyAdmission['settle'];
  /** The key a secret authenticates as, optionally only within `gatewayId`. */
  authenticateKey(secret: string, gatewayId?: string): CallerKey | undefined;
  reload(): Promise<void>;
  close(): Promise<void>;
}

function facade(
  parts: Pick<RoutingStack, 'config' | 'router' | 'health' | 'admission' | 'states'>,
  authenticateKey: RoutingStack['authenticateKey'],
  reload: () => Promise<void>,
  close: () => Promise<void>,
): RoutingStack {
  const { config, router, health, admission, states } = parts;
  return {
    ...parts,
    plan: (...a) => router.plan(...a),
    acquire: (c) => health.acquire(c),
    report: (c, o) => health.report(c, o),
    breakerStates: (g) => states.breakerStates(g),
    admit: async (caller, req) =>
      admission.admit(caller, {
        ...req,
        providerAliases: config.providerAliases(caller.gatewayId, req.provider),
      }),
    settle: (...a) => admission.settle(...a),
    authenticateKey,
    reload,
    close,
  };
}

/** The running app's own services; keys are authenticated the way the proxy does (CallerAuth). */
export function appRouting(app: INestApplication): RoutingStack {
  const auth = app.get(CallerAuth);
  return facade(
    {
      config: app.get(GatewayConfig),
      router: app.get(RouterService),
      health: app.get(ProviderHealthService),
      admission: app.get(KeyAdmission),
      states: app.get(BreakerStatesService),
    },
    (secret, gatewayId) => {
      const headers: Record<string, string> = { authorization: `Bearer ${secret}` };
      if (gatewayId) headers['x-gateway-id'] = gatewayId;
      try {
        return auth.authenticate({ headers, query: {} }).key;
      } catch (err) {
        if (err instanceof UnauthenticatedError) return undefined;
        throw err;
      }
    },
    () => app.get(GatewayConfig).reload(),
    async () => undefined,
  );
}

/**
 * A second replica's routing and key services (one process can host only one app: chDB allows a
 * single data directory), wired to the same database and Redis exactly as Nest wires the first.
 */
export async function secondReplica(
  app: INestApplication,
  catalog: ModelCatalog,
): Promise<RoutingStack> {
  const ds = app.get(DataSource);
  const appConfig = app.get<AppConfig>(APP_CONFIG);
  const env = app.get<EnvCredentials>(ENV_CREDENTIALS);
  const redis = new RedisConnection(appConfig.redisUrl);
  const events = new GatewayEvents();
  const keys = new KeyDirectory(new KeysRepository(ds.getRepository(KeyEntity)), events, appConfig);
  const config = new GatewayConfig(
    new RoutingRepository(
      ds.getRepository(ProviderEntity),
      ds.getRepository(RoutingSettingsEntity),
    ),
    events,
    appConfig,
    app.get<SecretBox>(SECRET_BOX),
    env,
  );
  const broadcast = new BreakerBroadcast(redis);
  const health = new ProviderHealthService(config, broadcast, redis);
  const router = new RouterService(config, health, catalog, env, appConfig);
  const states = new BreakerStatesService(config, health, env, appConfig);
  const gatewayLimits = new GatewayLimitsDirectory(
    new GatewayLimitsRepository(ds.getRepository(GatewayLimitsEntity)),
    events,
    appConfig,
  );
  const limiter = new SubjectLimiter(
    { redis: redis.client, keyPrefix: redis.prefix },
    new DurableCounters(
      redis.client,
      redis.prefix,
      new SpendLedger(
        new SpendRepository(ds.getRepository(LimitUsageEntity)),
        appConfig.spendFlushMs,
      ),
    ),
  );
  const admission = new KeyAdmission(limiter, new LimitSubjects(gatewayLimits), gatewayLimits);
  await keys.onModuleInit();
  await config.onModuleInit();
  await gatewayLimits.onModuleInit();
  await limiter.start();
  broadcast.onModuleInit();
  return facade(
    { config, router, health, admission, states },
    (secret, gatewayId) => keys.authenticate(sha256Hex(secret), gatewayId),
    async () => {
      await Promise.all([keys.reload(), config.reload(), gatewayLimits.reload()]);
    },
    async () => {
      keys.onApplicationShutdown();
      gatewayLimits.onApplicationShutdown();
      broadcast.onApplicationShutdown();
      await config.onApplicationShutdown();
      await limiter.stop();
      redis.close();
    },
  );
}
