import 'reflect-metadata';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { ManagementExceptionFilter } from './common/management-exception.filter';
import { QuietLogger } from './common/quiet-logger';
import { loadMasterKey } from './common/master-key';
import { SecretBox } from './common/secret-box';
import type { AppConfig } from './config/app-config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';
import { waitForPostgres } from './database/wait-for-postgres';
import { ProxyRoutes } from './modules/proxy/proxy.routes';
import { defaultDashboardDir, registerDashboard } from './modules/web/dashboard-static';

export interface RunningServer {
  app: NestFastifyApplication;
  url: string;
  /** Stops accepting, lets in-flight requests (streams too) finish within the grace period, then stops. */
  close(): Promise<void>;
}

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function nestLogLevels(level: string): LogLevel[] | false {
  if (level === 'silent') return false;
  const mapped = level === 'info' ? 'log' : level === 'trace' ? 'verbose' : (level as LogLevel);
  return LEVELS.slice(0, LEVELS.indexOf(mapped) + 1);
}

function quietUnlessDebug(level: string): QuietLogger | false | LogLevel[] {
  const levels = nestLogLevels(level);
  if (levels === false || levels.includes('debug')) return levels;
  return new QuietLogger({ logLevels: levels });
}

export async function startServer(config: AppConfig): Promise<RunningServer> {
  const logger = new Logger('Bootstrap');
  for (const note of config.deprecations) logger.warn(note);
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
  let app: NestFastifyApplication;
  let front: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;
  try {
    // The embedded server is up once started; an external one may still be starting (docker compose).
    if (!embedded) await waitForPostgres(databaseUrl, config.database.connectTimeoutMs);
    const applied = await runMigrations(databaseUrl);
    if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`);
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(config, databaseUrl, new SecretBox(masterKey.key)),
      new FastifyAdapter({
        // The proxy endpoints are answered in front of Fastify (see ProxyRoutes); the rest goes on to it.
        serverFactory: (fastifyHandler: (req: IncomingMessage, res: ServerResponse) => void) =>
          createServer((req, res) => {
            if (!front?.(req, res)) fastifyHandler(req, res);
          }),
        bodyLimit: config.http.bodyLimitBytes,
        logger: false,
        return503OnClosing: true,
      }),
      { logger: quietUnlessDebug(config.logLevel), abortOnError: false },
    );
    app.useGlobalFilters(new ManagementExceptionFilter());
    const fastify = app.getHttpAdapter().getInstance();
    const proxyRoutes = app.get(ProxyRoutes);
    front = (req, res) => proxyRoutes.dispatch(req, res);
    const dashboardDir = config.webDistDir ?? defaultDashboardDir();
    if (!(await registerDashboard(fastify, dashboardDir))) {
      logger.warn(
        `No dashboard build in ${dashboardDir}: run \`npx nx run web:build\` (npm start does)`,
      );
    }
    await app.listen(config.http.port, config.http.host);
  } catch (err) {
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
    url: `http://${host}:${port}`,
    close: () =>
      (closing ??= (async () => {
        // Keep-alive connections go as soon as they are idle, also those whose last response (a stream)
        // ends during the grace period; whatever is still running after it is cut.
        server.closeIdleConnections();
        const sweep = setInterval(() => server.closeIdleConnections(), 100);
        const force = setTimeout(() => server.closeAllConnections(), config.http.shutdownGraceMs);
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
