import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../../subgraphs/kit/paths';
import { ensureDatabase, startEmbeddedPostgres } from '../../subgraphs/kit/postgres';
import { initResourcesOrm } from '../../subgraphs/resources/orm';
import { prepareDirectory } from './directory';
import { writeBenchmarkSection, writeBenchResults } from './report';
import { measureRelevance, relevanceReport, type RelevanceScore } from './relevance';
import { freePort } from './stack';

/**
 * npm run bench:relevance [-- --sizes 100000]: the relevance check alone, on the directories
 * `npm run bench:search` keeps under .data/bench (generated here when missing), for the Postgres
 * engine and, when MEILI_HOST is set, Meilisearch. Writes BENCHMARKS.md's relevance section.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sizes: { type: 'string', default: '100000' } },
  });
  const dataDir = resolve(projectRoot(), '.data', 'bench', 'postgres');
  mkdirSync(resolve(dataDir, '..'), { recursive: true });
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: true });
  const runs: RelevanceScore[] = [];
  try {
    for (const size of values.sizes.split(',').map(Number)) {
      const url = server.urlFor(`bench_${size}`);
      await ensureDatabase(url);
      const orm = await initResourcesOrm(url);
      try {
        await prepareDirectory(orm.em.getConnection().getKnex(), size);
        runs.push(...(await measureRelevance(orm, size)));
      } finally {
        await orm.close(true);
      }
    }
  } finally {
    await server.stop();
  }
  const at = new Date().toISOString();
  const file = writeBenchResults(`relevance-${at.replace(/[:.]/g, '-')}.json`, runs);
  writeBenchmarkSection('search-relevance', relevanceReport(runs, at));
  console.log(`${relevanceReport(runs, at)}\n\nwrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
