import 'reflect-metadata';
import { ConfigError } from '../kit/config';
import { createLogger } from '../kit/logger';
import { ensureDatabase } from '../kit/postgres';
import { listen } from '../kit/server';
import { createResourcesApp } from './app';
import { resourcesConfig } from './config';
import { initResourcesOrm } from './orm';

/** Runs the resources subgraph on its own (containers); `npm start` runs everything in one process. */
async function main(): Promise<void> {
  const config = resourcesConfig(process.env);
  const logger = createLogger('resources', config.logLevel as never);
  if (!config.databaseUrl) {
    throw new ConfigError('resources', ['RESOURCES_DATABASE_URL or DATABASE_URL: required (npm start runs an embedded Postgres for you)']);
  }
  await ensureDatabase(config.databaseUrl);
  const orm = await initResourcesOrm(config.databaseUrl, logger);
  const { app } = await createResourcesApp({ orm, logger, identitySecret: config.identitySecret, production: config.production });
  const server = await listen(app, config.port);
  logger.info({ url: server.url }, 'resources subgraph ready');
  const stop = async () => {
    await server.close();
    await orm.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
