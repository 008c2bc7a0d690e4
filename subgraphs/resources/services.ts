import type { Started, SubgraphRuntime } from '../kit/subgraph';
import { TaxonomyTree } from './category/category.service';
import { processSearchConfig, type SearchConfig } from './config';
import { createSearchEngine } from './search/engine';
import { SearchIndexer, type IndexerOptions } from './search/indexer';
import { enqueueSearchReindex } from './search/outbox';
import type { ResourceSearch } from './search/search.port';

/** What a runner may choose: the search engine (the process environment's by default) and the indexer's tuning. */
export interface ResourcesOptions {
  search?: SearchConfig;
  indexer?: IndexerOptions;
}

/** What lives as long as the service: one search engine, shared by every request and the indexer, and the taxonomy's tree. */
export interface ResourcesServices {
  search: ResourceSearch;
  /** The taxonomy's tree, kept for a few seconds for search filters. */
  taxonomy: TaxonomyTree;
}

/** The search engine, and the outbox indexer that keeps it in step with the database until stop. */
export async function startResourcesServices(
  runtime: SubgraphRuntime,
  options: ResourcesOptions,
): Promise<Started<ResourcesServices>> {
  const { orm, logger } = runtime;
  const search = await createSearchEngine(orm, options.search ?? processSearchConfig());
  // A new (or lost) Meilisearch index, or documents indexed with other synonym groups, are built
  // anew from the database through the outbox.
  if (await search.needsRebuild()) await enqueueSearchReindex(orm.em.fork(), { all: true });
  const indexer = new SearchIndexer(orm.em.getConnection().getKnex(), search, logger, {
    listenUrl: orm.config.get('clientUrl'),
    ...options.indexer,
  });
  await indexer.start();
  const taxonomy = new TaxonomyTree(orm.em.getConnection().getKnex());
  return { services: { search, taxonomy }, stop: () => indexer.stop() };
}
