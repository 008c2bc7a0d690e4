import 'reflect-metadata';
import type { SubgraphDefinition } from '../kit/subgraph';
import { resourcesSchema } from './app';
import { processSearchConfig, type SearchConfig } from './config';
import { resourcesContext, type ResourcesContext } from './context';
import { hsdsRouter } from './hsds/hsds-api';
import { HsdsStore } from './hsds/hsds-queries';
import { initResourcesOrm } from './orm';
import { searchEngineFor } from './search/engine';
import { SearchIndexer, type IndexerOptions } from './search/indexer';
import { enqueueSearchReindex } from './search/outbox';

/**
 * The resources subgraph; `search` chooses the engine (the process environment's by default) and
 * `indexer` tunes the outbox indexer that runs beside it.
 */
export function defineResourcesSubgraph(
  options: { search?: () => SearchConfig; indexer?: IndexerOptions } = {},
): SubgraphDefinition<ResourcesContext> {
  const search = options.search ?? processSearchConfig;
  return {
    name: 'resources',
    defaultPort: 4001,
    schema: resourcesSchema,
    initOrm: initResourcesOrm,
    context: (base, runtime) => resourcesContext(base, searchEngineFor(runtime.orm, search())),
    // The HSDS 3.0 API (published listings only), which the gateway serves under /hsds.
    routes(router, runtime) {
      router.use('/hsds', hsdsRouter(new HsdsStore(runtime.orm.em.getConnection().getKnex())));
    },
    async startBackground(runtime) {
      const engine = await searchEngineFor(runtime.orm, search());
      const knex = runtime.orm.em.getConnection().getKnex();
      if (engine.engine === 'meilisearch') {
        // A new (or lost) Meilisearch index is built from the database through the outbox.
        const stats = await engine.stats().catch(() => null);
        if (!stats?.documents) await enqueueSearchReindex(runtime.orm.em.fork(), { all: true });
      }
      const indexer = new SearchIndexer(knex, engine, runtime.logger, {
        listenUrl: runtime.orm.config.get('clientUrl'),
        ...options.indexer,
      });
      await indexer.start();
      return () => indexer.stop();
    },
  };
}

export const resourcesSubgraph: SubgraphDefinition<ResourcesContext> = defineResourcesSubgraph();
