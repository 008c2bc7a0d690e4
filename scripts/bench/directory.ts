import { performance } from 'node:perf_hooks';
import type { Knex } from '@mikro-orm/postgresql';
import { generateScaleDirectory } from '../../seed/scale';
import { PostgresSearch } from '../../subgraphs/resources/search/postgres-search';

/**
 * A bench directory of `size` resource-locations on `knex`'s database: generated when it is empty,
 * and its search index built when it has none or was indexed by older code (the subgraph's start
 * would rebuild it; the benches read the database directly). The seconds each step took.
 */
export async function prepareDirectory(
  knex: Knex,
  size: number,
): Promise<{ generateSeconds?: number; reindexSeconds?: number }> {
  const seconds = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;
  const setup: { generateSeconds?: number; reindexSeconds?: number } = {};
  const [{ n }] = (
    await knex.raw<{ rows: { n: number }[] }>('select count(*)::int as n from resource_location')
  ).rows;
  if (n === 0) {
    const t0 = performance.now();
    console.log(`generating ${size} resource-locations...`);
    await generateScaleDirectory(knex, size);
    setup.generateSeconds = seconds(t0);
  }
  const engine = new PostgresSearch(knex);
  if (n === 0 || (await engine.needsRebuild())) {
    const t0 = performance.now();
    console.log('building the search index (npm run reindex does the same)...');
    await engine.rebuild();
    setup.reindexSeconds = seconds(t0);
  }
  return setup;
}
