import 'reflect-metadata';
import type { SubgraphDefinition } from '../kit/subgraph';
import { resourcesSchema } from './app';
import { resourcesContext, type ResourcesContext } from './context';
import { initResourcesOrm } from './orm';

export const resourcesSubgraph: SubgraphDefinition<ResourcesContext> = {
  name: 'resources',
  defaultPort: 4001,
  schema: resourcesSchema,
  initOrm: initResourcesOrm,
  context: (base) => resourcesContext(base),
};
