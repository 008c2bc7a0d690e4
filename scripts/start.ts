import 'reflect-metadata';
import { resolve } from 'node:path';
import { gatewayConfig } from '../gateway/config';
import { createGatewayApp } from '../gateway/app';
import { ConfigError } from '../subgraphs/kit/config';
import { createLogger } from '../subgraphs/kit/logger';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from '../subgraphs/kit/postgres';
import { listen, type RunningServer } from '../subgraphs/kit/server';
import { createResourcesApp } from '../subgraphs/resources/app';
import { resourcesConfig } from '../subgraphs/resources/config';
import { initResourcesOrm } from '../subgraphs/resources/orm';
import { Organization } from '../subgraphs/resources/organization/organization.entity';
import { loadSampleIfEmpty } from '../seed/load-sample';
import { startConfig } from './start-config';

/**
 * npm start: the whole system in one process on one machine: an embedded Postgres (unless a
 * DATABASE_URL is given), migrations, sample data when empty, every subgraph, and the gateway.
 */
const stops: (() => Promise<void>)[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const fn of stops.reverse()) await fn().catch((e) => console.error('while stopping:', e));
  }
  process.exit(code);
}

async function main(): Promise<void> {
  const started = Date.now();
  const env = process.env;
  const config = startConfig(env);
  const resources = resourcesConfig(env);
  const gateway = gatewayConfig(env);
  const logger = createLogger('start', resources.logLevel as never);
  const onSignal = () => {
    console.log('\nStopping...');
    void stopAll(0);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let databaseUrl = config.resourcesDatabaseUrl;
  if (!databaseUrl) {
    const pg: EmbeddedServer = await startEmbeddedPostgres({
      dataDir: resolve(config.dataDir, 'postgres'),
      port: config.embeddedPostgresPort,
      logger,
    });
    stops.push(() => pg.stop());
    databaseUrl = pg.urlFor('resources');
    console.log(`Embedded Postgres on port ${config.embeddedPostgresPort}, data in ${resolve(config.dataDir, 'postgres')}`);
  }
  await ensureDatabase(databaseUrl);
  const orm = await initResourcesOrm(databaseUrl, logger);
  stops.push(() => orm.close());
  if (config.seed) {
    const loaded = await loadSampleIfEmpty(orm);
    if (loaded) {
      console.log(`Loaded the sample directory: ${loaded.organizations} organizations, ${loaded.resources} resources, ${loaded.locations} locations.`);
    }
  }

  const resourcesApp = await createResourcesApp({
    orm,
    identitySecret: resources.identitySecret,
    logger: createLogger('resources', resources.logLevel as never),
    production: resources.production,
  });
  const resourcesServer: RunningServer = await listen(resourcesApp.app, resources.port);
  stops.push(() => resourcesServer.close());

  const gatewayApp = await createGatewayApp(
    { ...gateway, subgraphUrls: { resources: resourcesServer.url, ...gateway.subgraphUrls } },
    createLogger('gateway', gateway.logLevel as never),
  );
  const gatewayServer = await listen(gatewayApp.app, gateway.port);
  stops.push(async () => {
    await gatewayApp.apollo.stop();
    await gatewayServer.close();
  });

  const [someOrganization] = await orm.em.fork().find(Organization, {}, { orderBy: { name: 'asc' }, limit: 1 });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
Ready in ${seconds} s.

  Gateway (point your client here):  ${gatewayServer.url}
  Resources subgraph (signed requests only): ${resourcesServer.url}
  Health: http://localhost:${gatewayServer.port}/healthz   Ready: http://localhost:${gatewayServer.port}/readyz

Try:
  curl -s ${gatewayServer.url} -H 'content-type: application/json' \\
    -d '{"query":"{ resources(first: 3, filter: { categories: [\\"housing\\"] }) { totalCount nodes { name capacity { unit available } locations { name openNow nextOpenAt } } } }"}'

A partner token for ${someOrganization?.name ?? 'an organization'}:
  npm run token -- --role partner --org ${someOrganization?.id ?? '<organization id>'}

Ctrl-C stops everything.`);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  void stopAll(1);
});
