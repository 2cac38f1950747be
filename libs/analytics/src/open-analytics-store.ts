import {
  type AnalyticsConfig,
  type AnalyticsStore,
  DEFAULT_RETENTION_DAYS,
  chdbDataPath,
} from './analytics-store';
import type * as ChdbDriver from './chdb.driver';
import { ClickHouseStore } from './clickhouse.driver';
import { DeferredInitStore } from './deferred-store';
import { applyMigrations, applyRetention, assertRetentionDays } from './migration-runner';
import { clickHouseErrorCode, isTransientError } from './store-errors';

export interface OpenStoreHooks {
  /** Told when a ClickHouse server cannot be reached at boot (the store then prepares itself later). */
  onUnreachable?: (err: Error) => void;
}

/**
 * Opens the event store: a ClickHouse server when `url` is set, else chDB under `<dataDir>/clickhouse`.
 * Applies pending migrations and the retention TTL before returning. A server that cannot be reached
 * (down, still starting) does not stop the boot: the store is returned unprepared and prepares itself
 * on first use once the server answers (see DeferredInitStore); one that answers with an error
 * (credentials, permissions) does.
 */
export async function openAnalyticsStore(
  cfg: AnalyticsConfig,
  hooks: OpenStoreHooks = {},
): Promise<AnalyticsStore> {
  const retentionDays = cfg.retentionDays ?? DEFAULT_RETENTION_DAYS;
  assertRetentionDays(retentionDays);
  if (!cfg.url) {
    const store = (await loadChdbDriver()).ChdbStore.open(chdbDataPath(cfg.dataDir));
    return initializeStore(store, retentionDays);
  }
  const server = ClickHouseStore.create({ ...cfg, url: cfg.url });
  const store = new DeferredInitStore(server, async () => {
    await server.ensureDatabase();
    await applyMigrations(server);
    await applyRetention(server, retentionDays);
  });
  try {
    await withinBootWait(store.prepare());
  } catch (err) {
    if (clickHouseErrorCode(err) !== null && !isTransientError(err)) {
      await server.close();
      throw err;
    }
    hooks.onUnreachable?.(err as Error);
  }
  return store;
}

/** How long boot waits for a ClickHouse server that accepts connections but does not answer. */
const BOOT_WAIT_MS = 10_000;

/** The preparation's outcome, or a timeout error while it goes on in the background. */
function withinBootWait(preparing: Promise<void>): Promise<void> {
  // Settled later in the background: a late failure is the next call's to retry, not unhandled.
  preparing.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`ClickHouse did not answer within ${BOOT_WAIT_MS} ms`)),
      BOOT_WAIT_MS,
    );
    timer.unref();
  });
  return Promise.race([preparing, timeout]).finally(() => clearTimeout(timer));
}

/**
 * chDB (an optional dependency: a 540 MB native library, ~150 MB of RSS once loaded) is required only
 * when no ClickHouse server is configured, so a deployment with CLICKHOUSE_URL never loads it.
 */
async function loadChdbDriver(): Promise<typeof ChdbDriver> {
  try {
    // A plain require, not import(): resolved the same way under every module setting that checks this file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('./chdb.driver') as typeof ChdbDriver;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && /'chdb'/.test(String(e))) {
      throw new Error(
        'Embedded ClickHouse (npm chdb) is not installed here: set CLICKHOUSE_URL to a ClickHouse server, or install chdb',
        { cause: e },
      );
    }
    throw e;
  }
}

/** Migrates a freshly opened store and applies the retention; closes it if either fails. */
export async function initializeStore(
  store: AnalyticsStore,
  retentionDays: number,
): Promise<AnalyticsStore> {
  try {
    await applyMigrations(store);
    await applyRetention(store, retentionDays);
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}
