import { ConfigError } from '../subgraphs/kit/config';
import { createLogger } from '../subgraphs/kit/logger';
import { listen } from '../subgraphs/kit/server';
import { createGatewayApp } from './app';
import { gatewayConfig } from './config';

/** Runs the gateway on its own (containers); `npm start` runs everything in one process. */
async function main(): Promise<void> {
  const config = gatewayConfig(process.env);
  const logger = createLogger('gateway', config.logLevel);
  const { app, apollo } = await createGatewayApp(config, logger);
  const server = await listen(app, config.port, config.host);
  logger.info({ url: server.url, subgraphs: config.subgraphUrls }, 'gateway ready');
  const stop = async () => {
    await apollo.stop();
    await server.close();
    process.exit(0);
  };
  const onSignal = () => {
    stop().catch((error: unknown) => {
      logger.error({ err: error }, 'gateway shutdown failed');
      process.exit(1);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
