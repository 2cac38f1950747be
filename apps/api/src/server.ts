import 'reflect-metadata';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { ManagementExceptionFilter } from './common/management-exception.filter';
import { RequestContextInterceptor } from './common/request-context.interceptor';
import { createAppLogger } from './common/app-logger';
import { Cors } from './common/cors';
import { createHttpListener, type Handler, type HttpListener } from './common/http-listener';
import { IdleMemoryRelease } from './common/idle-memory';
import { loadMasterKey } from './common/master-key';
import { SecretBox } from './common/secret-box';
import type { AppConfig } from './config/app-config';
import { bootstrapNote, exposureWarning } from './config/exposure-warning';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';
import { waitForPostgres } from './database/wait-for-postgres';
import { MetricsService } from './modules/metrics/metrics.service';
import { ProxyRoutes } from './modules/proxy/proxy.routes';
import { defaultDashboardDir, registerDashboard } from './modules/web/dashboard-static';

export interface RunningServer {
  app: NestFastifyApplication;
  url: string;
  /** Stops accepting, lets in-flight requests (streams too) finish within the grace period, then stops. */
  close(): Promise<void>;
}

export { nestLogLevels } from './common/app-logger';

function pathOf(url: string | undefined): string {
  const u = url ?? '/';
  const q = u.indexOf('?');
  return q === -1 ? u : u.slice(0, q);
}

export async function startServer(config: AppConfig): Promise<RunningServer> {
  const logger = new Logger('Bootstrap');
  for (const note of config.deprecations) logger.warn(note);
  for (const warning of [exposureWarning(config), bootstrapNote(config)]) {
    if (warning) logger.warn(warning);
  }
  const masterKey = await loadMasterKey(config.dataDir, config.masterKeyHex);
  if (masterKey.generated) {
    logger.warn(
      `ENCRYPTION_KEY is unset: generated one into ${masterKey.path}. Back it up; stored secrets need it.`,
    );
  }
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.database.url;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir, config.database.embeddedPort);
    databaseUrl = embedded.url;
  }
  let app: NestFastifyApplication | undefined;
  let front: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;
  let metrics: MetricsService | undefined;
  let listener: HttpListener | undefined;
  const cors = config.corsOrigins ? new Cors(config.corsOrigins) : undefined;
  const idleMemory = new IdleMemoryRelease();
  try {
    // The embedded server is up once started; an external one may still be starting (docker compose).
    if (!embedded) await waitForPostgres(databaseUrl, config.database.connectTimeoutMs);
    const applied = await runMigrations(databaseUrl);
    if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`);
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(config, databaseUrl, new SecretBox(masterKey.key)),
      new FastifyAdapter({
        // The proxy endpoints are answered in front of Fastify (see ProxyRoutes); the rest goes on to it.
        // CORS and GET /metrics come first, for the proxy and Fastify alike.
        serverFactory: (fastifyHandler: Handler) => {
          listener = createHttpListener(config, (req, res) => {
            if (cors?.handle(req, res)) return;
            if (metrics && (req.method === 'GET' || req.method === 'HEAD')) {
              if (pathOf(req.url) === '/metrics') {
                void metrics.handle(req, res);
                return;
              }
            }
            if (!front?.(req, res)) fastifyHandler(req, res);
          });
          return listener.server as Server;
        },
        bodyLimit: config.http.bodyLimitBytes,
        // Client addresses (audit log, login throttle) from X-Forwarded-For only behind a trusted proxy.
        trustProxy: config.trustProxy,
        logger: false,
        return503OnClosing: true,
      }),
      { logger: createAppLogger(config.logLevel, config.logFormat), abortOnError: false },
    );
    app.useGlobalFilters(new ManagementExceptionFilter());
    app.useGlobalInterceptors(new RequestContextInterceptor());
    const fastify = app.getHttpAdapter().getInstance();
    const proxyRoutes = app.get(ProxyRoutes);
    // Only proxied requests count as traffic: health probes and scrapes every few seconds must not
    // keep a quiet gateway from giving its memory back.
    front = (req, res) => {
      const proxied = proxyRoutes.dispatch(req, res);
      if (proxied) idleMemory.noteRequest();
      return proxied;
    };
    metrics = app.get(MetricsService);
    const dashboardDir = config.webDistDir ?? defaultDashboardDir();
    if (!(await registerDashboard(fastify, dashboardDir))) {
      logger.warn(
        `No dashboard build in ${dashboardDir}: run \`npx nx run web:build\` (npm start does)`,
      );
    }
    await app.listen(config.http.port, config.http.host);
    idleMemory.start();
  } catch (err) {
    // A boot that fails after the app was created (a route declared twice, the port taken) must not
    // leave its pools, timers and analytics process holding the process open.
    idleMemory.stop();
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    throw err;
  }
  const server = app.getHttpServer() as Server;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const host =
    config.http.host === '0.0.0.0' || config.http.host === '::' ? '127.0.0.1' : config.http.host;
  let closing: Promise<void> | undefined;
  return {
    app,
    url: `${config.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      (closing ??= (async () => {
        // Keep-alive connections go as soon as they are idle, also those whose last response (a stream)
        // ends during the grace period; whatever is still running after it is cut.
        const open = listener!;
        idleMemory.stop();
        open.drain();
        const sweep = setInterval(() => open.drain(), 100);
        const force = setTimeout(() => open.closeAll(), config.http.shutdownGraceMs);
        try {
          await app.close();
        } finally {
          clearInterval(sweep);
          clearTimeout(force);
          await embedded?.stop();
        }
      })()),
  };
}
