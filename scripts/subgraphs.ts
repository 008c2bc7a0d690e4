import type { MikroORM } from '../subgraphs/kit/orm';
import type { SubgraphDefinition } from '../subgraphs/kit/subgraph';
import { resourcesSubgraph } from '../subgraphs/resources/subgraph';
import { importSampleIfEmpty } from '../seed/import-sample';
import { loadSamplePeersIfEmpty } from '../seed/load-peers';
import { peersSubgraph } from '../subgraphs/peers/subgraph';
import { referralsSubgraph } from '../subgraphs/referrals/subgraph';

export interface SubgraphEntry {
  definition: SubgraphDefinition;
  /** Loads sample data into an empty database for `npm start`; says what it loaded, or null. */
  seedIfEmpty?: (orm: MikroORM) => Promise<string | null>;
}

/** Every subgraph of the supergraph, in composition order. Add a subgraph here and it is started,
 * composed, served by the gateway and tested end to end. */
export const SUBGRAPHS: SubgraphEntry[] = [
  {
    definition: resourcesSubgraph,
    async seedIfEmpty(orm) {
      const loaded = await importSampleIfEmpty(orm);
      return loaded
        ? `${loaded.organizations} organizations, ${loaded.resources} resources, ${loaded.locations} locations`
        : null;
    },
  },
  {
    definition: peersSubgraph,
    async seedIfEmpty(orm) {
      const loaded = await loadSamplePeersIfEmpty(orm);
      return loaded === null ? null : `${loaded} peer profiles`;
    },
  },
  // After resources: referrals asks the resources subgraph whether a resource takes referrals.
  { definition: referralsSubgraph },
];

export const subgraphUrl = (definition: SubgraphDefinition) =>
  `http://localhost:${definition.defaultPort}/graphql`;
