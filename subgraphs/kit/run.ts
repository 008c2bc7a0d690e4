import { ConfigError, type Env } from './config';
import { createLogger } from './logger';
import { ensureDatabase } from './postgres';
import { listen, type RunningServer } from './server';
import type { SubgraphDefinition } from './subgraph';
import { subgraphConfig } from './subgraph-config';

/** One subgraph started as its container starts it, listening on `HOST` (127.0.0.1 by default). */
export async function startSubgraphProcess(
  definition: SubgraphDefinition,
  env: Env,
): Promise<{ server: RunningServer; stop(): Promise<void> }> {
  const config = subgraphConfig(definition.name, definition.defaultPort, env);
  const logger = createLogger(definition.name, config.logLevel);
  if (!config.databaseUrl) {
    const key = `${definition.name.toUpperCase()}_DATABASE_URL`;
    throw new ConfigError(definition.name, [
      `${key} or DATABASE_URL: required (npm start runs an embedded Postgres for you)`,
    ]);
  }
  const options = definition.optionsFromEnv(env);
  await ensureDatabase(config.databaseUrl);
  const orm = await definition.initOrm(config.databaseUrl, logger);
  const runtime = {
    orm,
    logger,
    identitySecret: config.identitySecret,
    production: config.production,
  };
  const running = await definition.start(runtime, options);
  const server = await listen(running.app, config.port, config.host);
  logger.info({ url: server.url }, `${definition.name} subgraph ready`);
  return {
    server,
    async stop() {
      await running.stop();
      await server.close();
      await orm.close();
    },
  };
}

/** A subgraph's process on its own (one container each); `npm start` runs them all in one. */
export function runSubgraph(definition: SubgraphDefinition): void {
  startSubgraphProcess(definition, process.env)
    .then((started) => {
      const onSignal = () => void started.stop().then(() => process.exit(0));
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
    })
    .catch((error) => {
      console.error(error instanceof ConfigError ? error.message : error);
      process.exit(1);
    });
}
