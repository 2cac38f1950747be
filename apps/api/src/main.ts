import { Logger } from '@nestjs/common';
import { InvalidEnvironmentError, loadConfig } from './config/app-config';
import { startServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = new Logger('Gateway');
  const server = await startServer(config);
  logger.log(`Gateway listening on ${server.url} (dashboard at ${server.url}/)`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
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
  if (err instanceof InvalidEnvironmentError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
