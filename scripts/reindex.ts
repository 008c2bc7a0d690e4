import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError } from '../subgraphs/kit/config';
import { processSearchConfig } from '../subgraphs/resources/config';
import { createSearchEngine } from '../subgraphs/resources/search/engine';
import { connectResources, refuseEmptyDirectory } from './local-database';

/**
 * npm run reindex: rebuilds the search index from the resources database. Postgres: a new document
 * table, swapped in within one transaction. Meilisearch: a new index, swapped in atomically.
 * Uses the database `npm start` uses (see `openLocalDatabase`), and says which; refuses one that
 * holds no listing unless --allow-empty.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'allow-empty': { type: 'boolean', default: false } },
  });
  const started = Date.now();
  const db = await connectResources();
  try {
    console.log(`Using ${db.where}`);
    await refuseEmptyDirectory(db.knex, db.where, values['allow-empty']);
    const engine = await createSearchEngine(db.orm, processSearchConfig());
    console.log(`Rebuilding the ${engine.engine} search index...`);
    await engine.rebuild();
    await db.knex.raw(
      `insert into search_index_status (engine, last_indexed_at) values (?, now())
       on conflict (engine) do update set last_indexed_at = now()`,
      [engine.engine],
    );
    const { documents } = await engine.stats();
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${documents} documents.`);
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
