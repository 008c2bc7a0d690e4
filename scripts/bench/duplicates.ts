import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { generateScaleDirectory } from '../../seed/scale';
import { ensureDatabase } from '../../subgraphs/kit/postgres';
import {
  DUPLICATE_PAIRS_SQL,
  withNameThreshold,
} from '../../subgraphs/resources/duplicates/duplicate.service';
import { initResourcesOrm } from '../../subgraphs/resources/orm';
import { withScratchPostgres } from './stack';

/**
 * npm run bench:duplicates [-- --size 20000]
 * Generates a directory of `size` resource-locations (the search bench's generator) on a Postgres
 * of its own, then runs duplicateCandidates' first page under EXPLAIN (ANALYZE, BUFFERS), twice
 * (the second with a warm cache), and prints the plan and whether any table was read whole.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { size: { type: 'string', default: '20000' } } });
  const size = Number(values.size);
  if (!Number.isInteger(size) || size < 1) throw new Error('--size must be a positive integer');
  await withScratchPostgres('duplicates', async (server) => {
    const url = server.urlFor('duplicates');
    await ensureDatabase(url);
    const orm = await initResourcesOrm(url);
    try {
      const knex = orm.em.getConnection().getKnex();
      const t0 = performance.now();
      await generateScaleDirectory(knex, size);
      // As autovacuum would after a bulk load: statistics, and GIN pending lists merged into the index.
      await knex.raw('vacuum analyze');
      const counts = (
        await knex.raw<{ rows: Record<string, number>[] }>(
          `select (select count(*) from resource)::int as resources,
            (select count(*) from location)::int as locations,
            (select count(*) from resource_location)::int as resource_locations`,
        )
      ).rows[0];
      console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s:`, counts);
      const params = [null, null, null, null, null, 21];
      let plan = '';
      for (const run of ['cold', 'warm']) {
        const rows = await withNameThreshold(
          knex,
          async (trx) =>
            (
              await trx.raw<{ rows: { 'QUERY PLAN': string }[] }>(
                `explain (analyze, buffers) ${DUPLICATE_PAIRS_SQL}`,
                params,
              )
            ).rows,
        );
        plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        const time = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1];
        console.log(`${run}: execution ${time} ms`);
      }
      const seqScans = [...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]);
      console.log(plan);
      console.log(
        seqScans.length
          ? `tables read whole: ${[...new Set(seqScans)].join(', ')}`
          : 'no table is read whole',
      );
    } finally {
      await orm.close(true);
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
