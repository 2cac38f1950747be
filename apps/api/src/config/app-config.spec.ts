import { InvalidEnvironmentError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults on an empty environment', () => {
    const c = loadConfig({});
    expect(c.http.port).toBe(3000);
    expect(c.http.bodyLimitBytes).toBe(20 * 1024 * 1024);
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.database.url).toBeUndefined();
    expect(c.providers).toEqual({});
  });

  it('stops with a message naming the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(InvalidEnvironmentError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^Invalid environment: PORT=eighty/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL=loud/);
    expect(() => loadConfig({ OPENAI_BASE_URL: 'not a url' })).toThrow(/OPENAI_BASE_URL/);
  });

  it('never prints a secret variable’s value', () => {
    expect(() => loadConfig({ MASTER_KEY: 'hunter2' })).toThrow(/MASTER_KEY=<hidden>/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:pw@db' })).not.toThrow(/pw@db/);
  });

  it('reads the operations settings: log format, metrics, CORS origins and TLS files', () => {
    const d = loadConfig({});
    expect(d).toMatchObject({
      logFormat: 'pretty',
      metrics: { token: undefined, gatewayLabels: false, maxModels: 100 },
      corsOrigins: null,
      tls: undefined,
    });
    const c = loadConfig({
      LOG_FORMAT: 'json',
      METRICS_GATEWAY_LABELS: 'true',
      CORS_ORIGINS: 'https://App.example.com/, http://localhost:5173,https://app.example.com',
      TLS_CERT_FILE: '/etc/tls/cert.pem',
      TLS_KEY_FILE: '/etc/tls/key.pem',
    });
    expect(c.logFormat).toBe('json');
    expect(c.metrics.gatewayLabels).toBe(true);
    expect(c.corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(c.tls).toEqual({
      certFile: '/etc/tls/cert.pem',
      keyFile: '/etc/tls/key.pem',
      http2: true,
    });
    expect(
      loadConfig({ TLS_CERT_FILE: '/c.pem', TLS_KEY_FILE: '/k.pem', HTTP2: 'false' }).tls?.http2,
    ).toBe(false);
    expect(loadConfig({ CORS_ORIGINS: ' * ' }).corsOrigins).toBe('*');
    expect(() => loadConfig({ CORS_ORIGINS: 'example.com' })).toThrow(/CORS_ORIGINS=example.com/);
    expect(() => loadConfig({ TLS_CERT_FILE: '/c.pem' })).toThrow(/TLS_KEY_FILE \(unset\)/);
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT=xml/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short-secret' })).toThrow(/METRICS_TOKEN=<hidden>/);
  });

  it('takes ENCRYPTION_KEY, and MASTER_KEY as its deprecated alias', () => {
    const k = 'ab'.repeat(32);
    expect(loadConfig({ ENCRYPTION_KEY: k })).toMatchObject({ masterKeyHex: k, deprecations: [] });
    const old = loadConfig({ MASTER_KEY: k });
    expect(old.masterKeyHex).toBe(k);
    expect(old.deprecations).toEqual([expect.stringMatching(/MASTER_KEY.*ENCRYPTION_KEY/)]);
    expect(loadConfig({ MASTER_KEY: k, ENCRYPTION_KEY: k }).deprecations).toEqual([]);
    expect(() => loadConfig({ MASTER_KEY: k, ENCRYPTION_KEY: 'cd'.repeat(32) })).toThrow(
      /ENCRYPTION_KEY=<hidden>.*different key/,
    );
    expect(() => loadConfig({ ENCRYPTION_KEY: 'hunter2' })).toThrow(/ENCRYPTION_KEY=<hidden>/);
  });

  it('reads provider credentials by the registry’s env prefix and trims trailing slashes', () => {
    const c = loadConfig({
      OPENAI_API_KEY: 'sk-1',
      OPENAI_BASE_URL: 'http://127.0.0.1:1234/v1/',
      GROQ_API_KEY: 'gsk',
    });
    expect(c.providers.openai).toEqual({ apiKey: 'sk-1', baseUrl: 'http://127.0.0.1:1234/v1' });
    expect(c.providers.groq).toEqual({ apiKey: 'gsk', baseUrl: undefined });
  });

  it('leaves tracing off without an OTLP endpoint, or when the SDK is disabled', () => {
    expect(loadConfig({}).tracing).toBeUndefined();
    expect(loadConfig({ OTEL_SERVICE_NAME: 'gw' }).tracing).toBeUndefined();
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(loadConfig({ ...endpoint, OTEL_SDK_DISABLED: 'true' }).tracing).toBeUndefined();
    expect(loadConfig({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }).tracing).toBeUndefined();
  });

  it('reads the OTLP trace exporter from the standard variables', () => {
    const base = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing;
    expect(base).toEqual({
      url: 'http://collector:4318/v1/traces',
      protocol: 'http/protobuf',
      headers: {},
      timeoutMs: undefined,
      serviceName: 'llm-gateway',
      resourceAttributes: {},
      sampler: 'parentbased_always_on',
      samplerRatio: 1,
      scheduleDelayMs: 5000,
      maxQueueSize: 2048,
    });
    const c = loadConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.com/otlp/v1/traces',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc, x-tenant=a',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-tenant=b',
      OTEL_SERVICE_NAME: 'gateway-eu',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
    }).tracing;
    expect(c).toMatchObject({
      url: 'https://traces.example.com/otlp/v1/traces',
      protocol: 'http/json',
      headers: { authorization: 'Bearer abc', 'x-tenant': 'b' },
      serviceName: 'gateway-eu',
      resourceAttributes: { 'deployment.environment.name': 'prod' },
      sampler: 'parentbased_traceidratio',
      samplerRatio: 0.25,
    });
  });

  it('refuses OTLP over gRPC and hides collector headers in errors', () => {
    expect(() =>
      loadConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      }),
    ).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL=grpc \(must be http\/protobuf or http\/json/);
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_HEADERS: 'secret-token' })).toThrow(
      /OTEL_EXPORTER_OTLP_HEADERS=<hidden>/,
    );
    expect(() => loadConfig({ OTEL_TRACES_SAMPLER: 'jaeger_remote' })).toThrow(
      /OTEL_TRACES_SAMPLER=jaeger_remote/,
    );
  });

  it('reads the access settings, ENV_PROVIDERS defaulting to all only in open mode', () => {
    const d = loadConfig({});
    expect(d.access).toEqual({
      signupMode: 'open',
      envProviders: 'all',
      adminApiKey: undefined,
      sessionTtlMs: 168 * 3_600_000,
      login: { failuresPerAccount: 10, failuresPerAddress: 50, windowS: 900 },
    });
    expect(d.trustProxy).toBe(false);
    expect(loadConfig({ SIGNUP_MODE: 'invite' }).access.envProviders).toBe('granted');
    expect(loadConfig({ SIGNUP_MODE: 'closed', ENV_PROVIDERS: 'all' }).access.envProviders).toBe(
      'all',
    );
    expect(loadConfig({ SESSION_TTL_HOURS: '0.5' }).access.sessionTtlMs).toBe(1_800_000);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(() => loadConfig({ SIGNUP_MODE: 'public' })).toThrow(/SIGNUP_MODE=public/);
    expect(() => loadConfig({ ENV_PROVIDERS: 'some' })).toThrow(/ENV_PROVIDERS=some/);
    expect(() => loadConfig({ ADMIN_API_KEY: 'short' })).toThrow(/ADMIN_API_KEY=<hidden>/);
    expect(() => loadConfig({ TRUST_PROXY: 'nginx' })).toThrow(/TRUST_PROXY=nginx/);
  });
});
