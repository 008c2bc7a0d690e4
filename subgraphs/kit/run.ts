import { ConfigError } from './config';
import { createLogger } from './logger';
import { ensureDatabase } from './postgres';
import { listen } from './server';
import { createDefinedApp, type SubgraphDefinition } from './subgraph';
import { subgraphConfig } from './subgraph-config';

/** A subgraph's process on its own (one container each); `npm start` runs them all in one. */
export function runSubgraph(definition: SubgraphDefinition): void {
  const run = async () => {
    const config = subgraphConfig(definition.name, definition.defaultPort, process.env);
    const logger = createLogger(definition.name, config.logLevel as never);
    if (!config.databaseUrl) {
      const key = `${definition.name.toUpperCase()}_DATABASE_URL`;
      throw new ConfigError(definition.name, [`${key} or DATABASE_URL: required (npm start runs an embedded Postgres for you)`]);
    }
    await ensureDatabase(config.databaseUrl);
    const orm = await definition.initOrm(config.databaseUrl, logger);
    const runtime = { orm, logger, identitySecret: config.identitySecret, production: config.production };
    const { app, apollo } = await createDefinedApp(definition, runtime);
    const stopBackground = (await definition.startBackground?.(runtime)) ?? (async () => {});
    const server = await listen(app, config.port);
    logger.info({ url: server.url }, `${definition.name} subgraph ready`);
    const stop = async () => {
      await stopBackground();
      await apollo.stop();
      await server.close();
      await orm.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  };
  run().catch((error) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}
