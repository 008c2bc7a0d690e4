import 'reflect-metadata';
import { resolve } from 'node:path';
import { ConfigError } from '../subgraphs/kit/config';
import { createLogger } from '../subgraphs/kit/logger';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedServer,
} from '../subgraphs/kit/postgres';
import { subgraphConfig } from '../subgraphs/kit/subgraph-config';
import { processSearchConfig } from '../subgraphs/resources/config';
import { initResourcesOrm } from '../subgraphs/resources/orm';
import { createSearchEngine } from '../subgraphs/resources/search/engine';
import { startConfig } from './start-config';

/**
 * npm run reindex: rebuilds the search index from the resources database. Postgres: a new document
 * table, swapped in within one transaction. Meilisearch: a new index, swapped in atomically.
 * Uses RESOURCES_DATABASE_URL / DATABASE_URL, or else the embedded Postgres of `npm start`.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const env = process.env;
  const config = subgraphConfig('resources', 4001, env);
  const logger = createLogger('reindex', config.logLevel);
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    const start = startConfig(env);
    url = `postgres://postgres:postgres@127.0.0.1:${start.embeddedPostgresPort}/resources`;
    try {
      await ensureDatabase(url);
    } catch {
      // npm start is not running: start its embedded Postgres ourselves for the rebuild.
      embedded = await startEmbeddedPostgres({
        dataDir: resolve(start.dataDir, 'postgres'),
        port: start.embeddedPostgresPort,
        logger,
      });
      url = embedded.urlFor('resources');
      await ensureDatabase(url);
    }
  }
  const orm = await initResourcesOrm(url, logger);
  try {
    const engine = await createSearchEngine(orm, processSearchConfig());
    console.log(`Rebuilding the ${engine.engine} search index...`);
    await engine.rebuild();
    const knex = orm.em.getConnection().getKnex();
    await knex.raw(
      `insert into search_index_status (engine, last_indexed_at) values (?, now())
       on conflict (engine) do update set last_indexed_at = now()`,
      [engine.engine],
    );
    const { documents } = await engine.stats();
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${documents} documents.`);
  } finally {
    await orm.close(true);
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
