import 'reflect-metadata';
import { defineSubgraph } from '../kit/subgraph';
import { resourcesSchema } from './app';
import { resourcesContext, type ResourcesContext } from './context';
import { hsdsRouter } from './hsds/hsds-api';
import { HsdsStore } from './hsds/hsds-queries';
import { initResourcesOrm } from './orm';
import { startResourcesServices, type ResourcesOptions, type ResourcesServices } from './services';

export const resourcesSubgraph = defineSubgraph<
  ResourcesContext,
  ResourcesServices,
  ResourcesOptions
>({
  name: 'resources',
  defaultPort: 4001,
  schema: resourcesSchema,
  initOrm: initResourcesOrm,
  start: startResourcesServices,
  context: resourcesContext,
  // The HSDS 3.0 API (published listings only), which the gateway serves under /hsds.
  routes(router, runtime) {
    router.use('/hsds', hsdsRouter(new HsdsStore(runtime.orm.em.getConnection().getKnex())));
  },
});
