import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createGatewayApp } from '../gateway/app';
import { gatewayConfig } from '../gateway/config';
import { webAppDir } from '../gateway/web-app';
import { ConfigError } from '../subgraphs/kit/config';
import { createLogger } from '../subgraphs/kit/logger';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedServer,
} from '../subgraphs/kit/postgres';
import type { MikroORM } from '../subgraphs/kit/orm';
import { listen } from '../subgraphs/kit/server';
import { subgraphConfig } from '../subgraphs/kit/subgraph-config';
import { Organization } from '../subgraphs/resources/organization/organization.entity';
import { OrganizationKind } from '../subgraphs/resources/organization/organization.enums';
import { startConfig } from './start-config';
import { SUBGRAPHS } from './subgraphs';
import { demoAccountLines } from './demo-accounts-lines';

type Stop = () => Promise<void>;
/**
 * What stopAll undoes, phase by phase: no request comes in, then no subgraph's background work runs
 * (it may call another subgraph), then no subgraph answers, then the databases close. Within a
 * phase, the last started stops first.
 */
const stops = {
  requests: [] as Stop[],
  services: [] as Stop[],
  answering: [] as Stop[],
  databases: [] as Stop[],
};
const CARE_SETTINGS = [OrganizationKind.HOSPITAL, OrganizationKind.JAIL, OrganizationKind.PRISON];
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const phase of Object.values(stops))
      for (const fn of phase.reverse())
        await fn().catch((e) => console.error('while stopping:', e));
  }
  process.exit(code);
}

/**
 * npm start: the whole system in one process on one machine: an embedded Postgres (unless a
 * DATABASE_URL is given), migrations, sample data when empty, every subgraph, and the gateway.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const env = process.env;
  const config = startConfig(env);
  const gateway = gatewayConfig(env);
  const logger = createLogger('start', gateway.logLevel);
  // Kept for a second signal (not `once`), which stops at once.
  const onSignal = () => {
    if (stopping) {
      console.log('Stopping at once.');
      process.exit(130);
    }
    console.log('\nStopping... (Ctrl-C again to stop at once)');
    void stopAll(0);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);

  const configs = SUBGRAPHS.map(({ definition }) =>
    subgraphConfig(definition.name, definition.defaultPort, env),
  );
  let embedded: EmbeddedServer | undefined;
  if (configs.some((c) => !c.databaseUrl)) {
    embedded = await startEmbeddedPostgres({
      dataDir: resolve(config.dataDir, 'postgres'),
      port: config.embeddedPostgresPort,
      logger,
    });
    stops.databases.push(() => embedded!.stop());
    // The package stops its servers on a signal by itself, and exits once they have stopped: that
    // raced the ordered stop above, cutting the subgraphs off their database mid-round. Ours stops
    // it last. (Ctrl-C at a terminal still reaches Postgres directly, as it shares the terminal.)
    for (const signal of SIGNALS)
      for (const listener of process.listeners(signal))
        if (listener !== onSignal) process.removeListener(signal, listener);
    console.log(
      `Embedded Postgres on port ${config.embeddedPostgresPort}, data in ${resolve(config.dataDir, 'postgres')}`,
    );
  }

  const urls: Record<string, string> = {};
  const orms: Record<string, MikroORM> = {};
  const lines: string[] = [];
  const afterStart: (() => Promise<void>)[] = [];
  for (const [
    i,
    { definition, seedIfEmpty, seedAfterStart, startOptions },
  ] of SUBGRAPHS.entries()) {
    const subgraph = configs[i];
    const databaseUrl = subgraph.databaseUrl ?? embedded!.urlFor(definition.name);
    await ensureDatabase(databaseUrl);
    const serviceLogger = createLogger(definition.name, subgraph.logLevel);
    const orm = await definition.initOrm(databaseUrl, serviceLogger);
    stops.databases.push(() => orm.close());
    orms[definition.name] = orm;
    if (config.seed && seedIfEmpty) {
      const loaded = await seedIfEmpty(orm, { production: config.production });
      if (loaded) console.log(`Loaded sample ${definition.name}: ${loaded}.`);
    }
    // `urls` fills in as subgraphs start; a subgraph that calls another reads it when it needs it.
    const runtime = {
      orm,
      logger: serviceLogger,
      identitySecret: subgraph.identitySecret,
      production: subgraph.production,
      subgraphUrls: urls,
    };
    const running = await definition.start(runtime, startOptions?.(env));
    const server = await listen(running.app, subgraph.port, subgraph.host);
    stops.services.push(() => running.stopServices());
    stops.answering.push(async () => {
      await running.stop();
      await server.close();
    });
    urls[definition.name] = server.url;
    if (config.seed && seedAfterStart)
      // Run once every subgraph listens: what it sets off (mail to the people a sample referral
      // concerns, asked of the accounts subgraph) then finds everyone there.
      afterStart.push(async () => {
        // Sample data made through the running services is a demo nicety: a refusal is reported,
        // and the system starts without it.
        const loaded = await seedAfterStart(
          orm,
          async (query, variables, identity) => {
            const response = await running.execute(
              { query, variables },
              {
                identity,
                em: orm.em.fork(),
                requestId: `sample-${randomUUID()}`,
                logger: serviceLogger,
              },
            );
            if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
            return response.body.singleResult;
          },
          { production: config.production },
        ).catch((error: unknown) => {
          console.warn(`Sample ${definition.name} not loaded: ${String(error)}`);
          return null;
        });
        if (loaded) console.log(`Loaded sample ${definition.name}: ${loaded}.`);
      });
    lines.push(`  ${definition.name} subgraph (signed requests only): ${server.url}`);
  }
  for (const seed of afterStart) await seed();

  const gatewayApp = await createGatewayApp(
    { ...gateway, subgraphUrls: { ...urls, ...gateway.subgraphUrls } },
    createLogger('gateway', gateway.logLevel),
  );
  const gatewayServer = await listen(gatewayApp.app, gateway.port, gateway.host);
  stops.requests.push(async () => {
    await gatewayApp.apollo.stop();
    await gatewayServer.close();
  });

  const [example] = await orms.resources.em.fork().find(
    Organization,
    // A partner offers services: not a hospital, jail or prison where planners work.
    { $or: [{ kind: null }, { kind: { $nin: CARE_SETTINGS } }] },
    { orderBy: { name: 'asc' }, limit: 1 },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const webApp = existsSync(join(webAppDir(), 'index.html'))
    ? `  Web app (Find help, English and Spanish): http://localhost:${gatewayServer.port}/`
    : '  Web app: not built (npm run build:web)';
  console.log(`
Ready in ${seconds} s.

${webApp}
  Gateway (point your client here): ${gatewayServer.url}
${lines.join('\n')}
  Health: http://localhost:${gatewayServer.port}/healthz   Ready: http://localhost:${gatewayServer.port}/readyz

Try:
  curl -s ${gatewayServer.url} -H 'content-type: application/json' \\
    -d '{"query":"{ resources(first: 3, filter: { categories: [\\"housing\\"] }) { totalCount nodes { name capacity { unit available } locations { name openNow nextOpenAt } } } }"}'

${config.production ? '' : await demoAccountLines(orms.accounts, gatewayServer.port)}A partner token for ${example?.name ?? 'an organization'}:
  npm run token -- --role partner --org ${example?.id ?? '<organization id>'}

Ctrl-C stops everything.`);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  void stopAll(1);
});
