import { ConfigError } from './config';
import { createLogger } from './logger';
import { ensureDatabase } from './postgres';
import { listen } from './server';
import type { SubgraphDefinition } from './subgraph';
import { subgraphConfig } from './subgraph-config';

/** A subgraph's process on its own (one container each); `npm start` runs them all in one. */
export function runSubgraph(definition: SubgraphDefinition): void {
  const run = async () => {
    const config = subgraphConfig(definition.name, definition.defaultPort, process.env);
    const logger = createLogger(definition.name, config.logLevel);
    if (!config.databaseUrl) {
      const key = `${definition.name.toUpperCase()}_DATABASE_URL`;
      throw new ConfigError(definition.name, [
        `${key} or DATABASE_URL: required (npm start runs an embedded Postgres for you)`,
      ]);
    }
    const options = definition.optionsFromEnv(process.env);
    await ensureDatabase(config.databaseUrl);
    const orm = await definition.initOrm(config.databaseUrl, logger);
    const runtime = {
      orm,
      logger,
      identitySecret: config.identitySecret,
      production: config.production,
    };
    const running = await definition.start(runtime, options);
    const server = await listen(running.app, config.port);
    logger.info({ url: server.url }, `${definition.name} subgraph ready`);
    const stop = async () => {
      await running.stop();
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
