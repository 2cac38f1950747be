import { ENV_PROVIDERS_MODES, SIGNUP_MODES } from '@gateway/contracts';
import { z } from 'zod';

const httpUrl = z
  .string()
  .url('must be an http(s) URL')
  .regex(/^https?:\/\//i, 'must be an http(s) URL');

// An email domain: labels of letters, digits and hyphens, at least one dot (example.com).
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/i;
/** OTLP over HTTP: grpc needs a package this build does not ship. */
const OtlpProtocol = z.enum(['http/protobuf', 'http/json'], {
  error:
    "must be http/protobuf or http/json (grpc is not supported: use the collector's HTTP port, 4318)",
});
/** `key1=value1,key2=value2`, values URL-encoded (W3C Baggage octets), as the OTel SDKs read it. */
const OtlpHeaders = z
  .string()
  .refine(
    (v) => v.split(',').every((pair) => pair.trim() === '' || /^\s*[^=\s]+\s*=/.test(pair)),
    'must be a comma-separated list of key=value pairs',
  );

// Every variable the API reads. Provider variables (<PROVIDER>_API_KEY / _BASE_URL) are read separately
// because their names come from the provider registry.
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Request processes sharing the port (node cluster): a number, or `auto` for one per CPU core. */
  WORKERS: z
    .string()
    .regex(/^(auto|[1-9][0-9]{0,2})$/, 'must be auto or a number from 1 to 999')
    .default('1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30000),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
    .optional(),
  /** Deprecated alias of ENCRYPTION_KEY (renamed so nobody mistakes it for an admin key). */
  MASTER_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** json: one JSON object per line (for log shippers); pretty: Nest's human-readable lines. */
  LOG_FORMAT: z.enum(['json', 'pretty']).default('pretty'),
  /** Bearer token required by GET /metrics when set. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Adds gateway_id to the per-request metrics (one series per gateway: mind the cardinality). */
  METRICS_GATEWAY_LABELS: z.enum(['true', 'false']).default('false'),
  /** Distinct model label values kept per metric; later models are counted as model="other". */
  METRICS_MAX_MODELS: z.coerce.number().int().min(1).max(10000).default(100),
  /** Browser origins allowed to call the API: a comma-separated list of origins, or `*`. */
  CORS_ORIGINS: z
    .string()
    .refine(
      (v) =>
        v.trim() === '*' ||
        v.split(',').every((o) => o.trim() === '' || /^https?:\/\/[^/\s]+\/?$/i.test(o.trim())),
      'must be * or a comma-separated list of origins like https://app.example.com',
    )
    .optional(),
  /** Both set: the server speaks HTTPS with this PEM certificate (chain) and private key. */
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  /** With TLS: offer HTTP/2 by ALPN next to HTTP/1.1 (false: HTTP/1.1 only). */
  HTTP2: z.enum(['true', 'false']).default('true'),
  // OpenTelemetry traces: the SDK's standard variables (config/tracing-config.ts). Tracing is on when an
  // OTLP endpoint is set, unless OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none.
  OTEL_SDK_DISABLED: z.enum(['true', 'false']).default('false'),
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'none']).default('otlp'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: OtlpProtocol.optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: OtlpProtocol.optional(),
  OTEL_EXPORTER_OTLP_HEADERS: OtlpHeaders.optional(),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: OtlpHeaders.optional(),
  OTEL_EXPORTER_OTLP_TIMEOUT: z.coerce.number().int().positive().optional(),
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: z.coerce.number().int().positive().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_RESOURCE_ATTRIBUTES: OtlpHeaders.optional(),
  OTEL_TRACES_SAMPLER: z
    .enum([
      'always_on',
      'always_off',
      'traceidratio',
      'parentbased_always_on',
      'parentbased_always_off',
      'parentbased_traceidratio',
    ])
    .default('parentbased_always_on'),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
  /** How long finished spans wait before a batch is exported (the SDK's default: 5 s). */
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(0).default(5000),
  /** Finished spans kept while the collector is slow; more are dropped (the SDK's default: 2048). */
  OTEL_BSP_MAX_QUEUE_SIZE: z.coerce.number().int().positive().default(2048),
  BODY_LIMIT_MB: z.coerce.number().positive().max(1024).default(20),
  UPLOAD_LIMIT_MB: z.coerce.number().positive().max(1024).default(25),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10000),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(600000),
  UPSTREAM_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(10000),
  CREDENTIALS_REFRESH_MS: z.coerce.number().int().min(0).default(5000),
  /** Lets gateways register `stdio` MCP servers (local commands run by the gateway process). */
  MCP_STDIO_ALLOWED: z.enum(['true', 'false']).default('false'),
  /** Default timeout of one MCP tool call (a server's own `timeout_ms` wins). */
  MCP_TIMEOUT_MS: z.coerce.number().int().min(100).max(600000).default(60000),
  /** How often settled token quotas and budgets are written to Postgres (and at shutdown). */
  SPEND_FLUSH_MS: z.coerce.number().int().min(50).max(60000).default(1000),
  CLICKHOUSE_URL: z.string().url().optional(),
  CLICKHOUSE_USER: z.string().optional(),
  CLICKHOUSE_PASSWORD: z.string().optional(),
  CLICKHOUSE_DATABASE: z.string().optional(),
  ANALYTICS_RETENTION_DAYS: z.coerce.number().int().positive().default(90),
  /** separate: the store, journal and spool run in their own process (default); inline: in this one. */
  ANALYTICS_PROCESS: z.enum(['separate', 'inline']).default('separate'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  WEB_DIST_DIR: z.string().optional(),
  /** Who may create accounts: open (anyone, anonymous too), invite (with a token from an admin), closed. */
  SIGNUP_MODE: z.enum(SIGNUP_MODES).default('open'),
  /** Which gateways may use the environment's provider credentials; default: all when open, else granted. */
  ENV_PROVIDERS: z.enum(ENV_PROVIDERS_MODES).optional(),
  /** The operator's key: `Authorization: Bearer` on the management API and /admin/*. */
  ADMIN_API_KEY: z.string().min(24, 'must be at least 24 characters').optional(),
  /** A session ends this long after its last use (fractions allowed). */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(168),
  /** Failed logins per account, and per client address, within LOGIN_THROTTLE_WINDOW_S before 429. */
  LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(10),
  LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100000).default(50),
  LOGIN_THROTTLE_WINDOW_S: z.coerce.number().int().min(1).max(86400).default(900),
  /** Client addresses from X-Forwarded-For: true, a hop count, or trusted proxy addresses/CIDRs. */
  TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/,
      'must be true, false, a hop count, or a comma-separated list of addresses/CIDRs',
    )
    .optional(),
  /** The address people reach the dashboard at; the OIDC callback is derived from it. */
  PUBLIC_URL: httpUrl.optional(),
  /** OpenID Connect single sign-on: all three or none. */
  OIDC_ISSUER_URL: httpUrl.optional(),
  OIDC_CLIENT_ID: z.string().max(512).optional(),
  OIDC_CLIENT_SECRET: z.string().max(4096).optional(),
  /** Default: <PUBLIC_URL>/auth/oidc/callback. Registered at the identity provider. */
  OIDC_REDIRECT_URL: httpUrl.optional(),
  OIDC_SCOPES: z
    .string()
    .refine((v) => v.split(/\s+/).includes('openid'), 'must include openid')
    .default('openid email profile'),
  /** Comma list of email domains allowed to sign in with SSO; unset: any. */
  OIDC_ALLOWED_DOMAINS: z
    .string()
    .refine(
      (v) => v.split(',').every((d) => d.trim() === '' || DOMAIN.test(d.trim())),
      'must be a comma-separated list of email domains like example.com',
    )
    .optional(),
  /** false accepts ID tokens without email_verified=true (IdPs that never send the claim). */
  OIDC_REQUIRE_EMAIL_VERIFIED: z.enum(['true', 'false']).default('true'),
  /** Shown on the sign-in button: "Sign in with <name>". */
  OIDC_DISPLAY_NAME: z.string().max(64).optional(),
  /** The team new SSO users join, and their role in it (applied once teams exist). */
  OIDC_DEFAULT_TEAM: z.string().max(200).optional(),
  OIDC_DEFAULT_ROLE: z.enum(['admin', 'member', 'viewer']).default('member'),
  AZURE_API_VERSION: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, 'must look like 2024-10-21')
    .optional(),
});

export type Env = z.infer<typeof EnvSchema>;

// Variables whose values must never be printed, even in validation errors.
export const SECRET_VARIABLES = new Set([
  'DATABASE_URL',
  'ENCRYPTION_KEY',
  'MASTER_KEY',
  'CLICKHOUSE_PASSWORD',
  'REDIS_URL',
  'METRICS_TOKEN',
  'OIDC_CLIENT_SECRET',
  // Collector credentials (e.g. `authorization=Bearer …`).
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
  'ADMIN_API_KEY',
]);
