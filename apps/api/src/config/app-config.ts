import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { EnvProvidersMode, SignupMode } from '@gateway/contracts';
import { listProviders } from '@gateway/routing';
import { EnvSchema, SECRET_VARIABLES } from './env.schema';
import { OidcConfigProblem, readOidcConfig, type OidcConfig } from './oidc-config';
import { readTracingConfig, type TracingConfig } from './tracing-config';

export interface ProviderCredentials {
  apiKey?: string;
  baseUrl?: string;
}

export interface AppConfig {
  http: {
    port: number;
    host: string;
    bodyLimitBytes: number;
    /** Multipart uploads (audio to transcribe, images to edit). */
    uploadLimitBytes: number;
    shutdownGraceMs: number;
  };
  /** WORKERS: request processes behind one port (1 = no cluster) */
  workers: number;
  dataDir: string;
  database: {
    url?: string;
    embeddedPort: number;
    /** How long boot keeps retrying an unreachable DATABASE_URL before giving up. */
    connectTimeoutMs: number;
  };
  /** ENCRYPTION_KEY (or its deprecated alias MASTER_KEY): the AES-256-GCM key for stored secrets. */
  masterKeyHex?: string;
  /** Deprecated variables in use, each with what to set instead; logged once at boot. */
  deprecations: string[];
  logLevel: string;
  logFormat: 'json' | 'pretty';
  metrics: {
    /** bearer token GET /metrics requires, when set */
    token?: string;
    /** gateway_id label on per-request metrics */
    gatewayLabels: boolean;
    /** distinct model label values before folding into "other" */
    maxModels: number;
  };
  /** CORS_ORIGINS: null = no CORS at all; '*' = any origin (without credentials); else exact origins. */
  corsOrigins: '*' | string[] | null;
  /** TLS_CERT_FILE + TLS_KEY_FILE: serve HTTPS; `http2` offers HTTP/2 by ALPN too (HTTP2, default on). */
  tls?: { certFile: string; keyFile: string; http2: boolean };
  /** OpenTelemetry traces (OTEL_* variables); undefined: tracing is off and costs nothing. */
  tracing?: TracingConfig;
  upstream: { timeoutMs: number; connectTimeoutMs: number };
  credentialsRefreshMs: number;
  /** MCP_STDIO_ALLOWED, MCP_TIMEOUT_MS */
  mcp: { stdioAllowed: boolean; timeoutMs: number };
  /** Interval of the spend ledger's batched writes to Postgres. */
  spendFlushMs: number;
  clickhouse: {
    url?: string;
    username?: string;
    password?: string;
    database?: string;
    retentionDays: number;
    /** ANALYTICS_PROCESS */
    process: 'separate' | 'inline';
  };
  redisUrl?: string;
  webDistDir?: string;
  /** `api-version` query parameter for Azure OpenAI. */
  azureApiVersion?: string;
  /** SIGNUP_MODE, ADMIN_API_KEY, ENV_PROVIDERS, sessions and login throttling. */
  access: AccessConfig;
  /** TRUST_PROXY for Fastify: client addresses from X-Forwarded-For (false: the socket's). */
  trustProxy: boolean | number | string[];
  /** PUBLIC_URL: where people reach the dashboard, when set. */
  publicUrl?: string;
  /** OpenID Connect single sign-on, when configured. */
  oidc?: OidcConfig;
  /** Keyed by provider id, only providers with at least one variable set. */
  providers: Record<string, ProviderCredentials>;
}

/** Who may sign up, who may spend the environment's provider keys, the operator key, sessions, login throttle. */
export interface AccessConfig {
  signupMode: SignupMode;
  envProviders: EnvProvidersMode;
  /** ADMIN_API_KEY (secret). */
  adminApiKey?: string;
  /** A session expires this long after its last use. */
  sessionTtlMs: number;
  login: { failuresPerAccount: number; failuresPerAddress: number; windowS: number };
}

export class InvalidEnvironmentError extends Error {}

/** TRUST_PROXY as Fastify takes it: a boolean, a hop count, or the trusted proxies' addresses. */
export function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function describeValue(name: string, value: string | undefined): string {
  if (value === undefined) return `${name} (unset)`;
  return SECRET_VARIABLES.has(name) ? `${name}=<hidden>` : `${name}=${value}`;
}

/** Reads `<PREFIX>_API_KEY` / `<PREFIX>_BASE_URL` for every provider in the registry. */
export function readProviderCredentials(
  env: Record<string, string | undefined>,
): Record<string, ProviderCredentials> {
  const out: Record<string, ProviderCredentials> = {};
  for (const provider of listProviders()) {
    const apiKey = env[`${provider.envPrefix}_API_KEY`] || undefined;
    let baseUrl = env[`${provider.envPrefix}_BASE_URL`] || undefined;
    if (baseUrl !== undefined) {
      try {
        const parsed = new URL(baseUrl);
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
          throw new Error('protocol');
      } catch {
        throw new InvalidEnvironmentError(
          `Invalid environment: ${provider.envPrefix}_BASE_URL=${baseUrl} (must be an http(s) URL)`,
        );
      }
      baseUrl = baseUrl.replace(/\/+$/, '');
    }
    if (apiKey !== undefined || baseUrl !== undefined) out[provider.id] = { apiKey, baseUrl };
  }
  return out;
}

/** `*`, or the listed origins normalised (lower-case scheme and host, no trailing slash); none = null. */
export function parseCorsOrigins(value: string | undefined): '*' | string[] | null {
  if (value === undefined || value.trim() === '') return null;
  if (value.trim() === '*') return '*';
  const origins = value
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    .map((o) => new URL(o).origin);
  return origins.length > 0 ? [...new Set(origins)] : null;
}

/** Validates the environment once at boot; throws naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') cleaned[k] = v;
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    throw new InvalidEnvironmentError(
      `Invalid environment: ${describeValue(name, cleaned[name])} (${issue.message})`,
    );
  }
  const e = parsed.data;
  if ((e.TLS_CERT_FILE === undefined) !== (e.TLS_KEY_FILE === undefined)) {
    throw new InvalidEnvironmentError(
      `Invalid environment: ${e.TLS_CERT_FILE === undefined ? 'TLS_CERT_FILE' : 'TLS_KEY_FILE'} (unset) (TLS_CERT_FILE and TLS_KEY_FILE go together)`,
    );
  }
  let oidc: OidcConfig | undefined;
  try {
    oidc = readOidcConfig(e);
  } catch (err) {
    if (!(err instanceof OidcConfigProblem)) throw err;
    throw new InvalidEnvironmentError(
      `Invalid environment: ${describeValue(err.variable, cleaned[err.variable])} (${err.message})`,
    );
  }
  const deprecations: string[] = [];
  if (e.MASTER_KEY !== undefined) {
    if (
      e.ENCRYPTION_KEY !== undefined &&
      e.ENCRYPTION_KEY.toLowerCase() !== e.MASTER_KEY.toLowerCase()
    ) {
      throw new InvalidEnvironmentError(
        'Invalid environment: ENCRYPTION_KEY=<hidden> (MASTER_KEY, its deprecated alias, is set to a different key: keep only ENCRYPTION_KEY)',
      );
    }
    if (e.ENCRYPTION_KEY === undefined) {
      deprecations.push('MASTER_KEY is deprecated: rename it to ENCRYPTION_KEY (same value)');
    }
  }
  return {
    http: {
      port: e.PORT,
      host: e.HOST,
      bodyLimitBytes: Math.round(e.BODY_LIMIT_MB * 1024 * 1024),
      uploadLimitBytes: Math.round(e.UPLOAD_LIMIT_MB * 1024 * 1024),
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    },
    workers: e.WORKERS === 'auto' ? availableParallelism() : Number(e.WORKERS),
    dataDir: resolve(e.DATA_DIR),
    database: {
      url: e.DATABASE_URL,
      embeddedPort: e.EMBEDDED_POSTGRES_PORT,
      connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
    },
    masterKeyHex: e.ENCRYPTION_KEY ?? e.MASTER_KEY,
    deprecations,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    metrics: {
      token: e.METRICS_TOKEN,
      gatewayLabels: e.METRICS_GATEWAY_LABELS === 'true',
      maxModels: e.METRICS_MAX_MODELS,
    },
    corsOrigins: parseCorsOrigins(e.CORS_ORIGINS),
    tls:
      e.TLS_CERT_FILE && e.TLS_KEY_FILE
        ? {
            certFile: resolve(e.TLS_CERT_FILE),
            keyFile: resolve(e.TLS_KEY_FILE),
            http2: e.HTTP2 === 'true',
          }
        : undefined,
    tracing: readTracingConfig(e),
    upstream: { timeoutMs: e.UPSTREAM_TIMEOUT_MS, connectTimeoutMs: e.UPSTREAM_CONNECT_TIMEOUT_MS },
    credentialsRefreshMs: e.CREDENTIALS_REFRESH_MS,
    mcp: { stdioAllowed: e.MCP_STDIO_ALLOWED === 'true', timeoutMs: e.MCP_TIMEOUT_MS },
    spendFlushMs: e.SPEND_FLUSH_MS,
    clickhouse: {
      url: e.CLICKHOUSE_URL,
      username: e.CLICKHOUSE_USER,
      password: e.CLICKHOUSE_PASSWORD,
      database: e.CLICKHOUSE_DATABASE,
      retentionDays: e.ANALYTICS_RETENTION_DAYS,
      process: e.ANALYTICS_PROCESS,
    },
    redisUrl: e.REDIS_URL,
    webDistDir: e.WEB_DIST_DIR,
    azureApiVersion: e.AZURE_API_VERSION,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    oidc,
    access: {
      signupMode: e.SIGNUP_MODE,
      envProviders: e.ENV_PROVIDERS ?? (e.SIGNUP_MODE === 'open' ? 'all' : 'granted'),
      adminApiKey: e.ADMIN_API_KEY,
      sessionTtlMs: Math.round(e.SESSION_TTL_HOURS * 3_600_000),
      login: {
        failuresPerAccount: e.LOGIN_FAILURES_PER_ACCOUNT,
        failuresPerAddress: e.LOGIN_FAILURES_PER_ADDRESS,
        windowS: e.LOGIN_THROTTLE_WINDOW_S,
      },
    },
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    providers: readProviderCredentials(cleaned),
  };
}
