import { Logger } from '@nestjs/common';
import { StartupError, describeError } from './common/startup-error';
import { InvalidEnvironmentError, loadConfig } from './config/app-config';
import { withDotEnv } from './config/dotenv';
import { createAppLogger } from './common/app-logger';
import { runClusterPrimary } from './cluster/cluster-primary';
import { isClusterWorker } from './cluster/cluster-worker';
import { startServer } from './server';

async function main(): Promise<void> {
  // `.env` in the working directory, when present, under the real environment (npm start reads it).
  const config = loadConfig(withDotEnv(process.env));
  // Boot messages (embedded Postgres, migrations) follow LOG_LEVEL too, not only the app's.
  Logger.overrideLogger(createAppLogger(config.logLevel, config.logFormat));
  const logger = new Logger('Gateway');
  if (config.workers > 1 && !isClusterWorker()) {
    await runClusterPrimary(config);
    return;
  }
  const server = await startServer(config);
  logger.log(`Gateway listening on ${server.url} (dashboard at ${server.url}/)`);
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      // A cluster worker gets Ctrl-C's SIGINT and its primary's SIGTERM: one shutdown.
      if (closing) return;
      closing = true;
      logger.log(
        `${signal} received: finishing in-flight requests (up to ${config.http.shutdownGraceMs} ms)`,
      );
      server.close().then(
        () => process.exit(0),
        (err: Error) => {
          logger.error(`Shutdown failed: ${err.message}`);
          process.exit(1);
        },
      );
    });
  }
}

main().catch((err: unknown) => {
  if (err instanceof InvalidEnvironmentError || err instanceof StartupError) {
    console.error(err.message);
  } else {
    // Unexpected: the reason on one line first, then where it came from.
    console.error(`Gateway failed to start: ${describeError(err)}`);
    if (err instanceof Error && err.stack) console.error(err.stack);
  }
  process.exit(1);
});
