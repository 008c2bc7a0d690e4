import type { MikroORM } from '../subgraphs/kit/orm';
import type { SubgraphDefinition } from '../subgraphs/kit/subgraph';
import { resourcesSubgraph } from '../subgraphs/resources/subgraph';
import { importSampleIfEmpty } from '../seed/import-sample';
import { loadSamplePeersIfEmpty } from '../seed/load-peers';
import { peersSubgraph } from '../subgraphs/peers/subgraph';
import { referralsStartOptions } from '../subgraphs/referrals/services';
import { referralsSubgraph } from '../subgraphs/referrals/subgraph';
import { accountsSubgraph } from '../subgraphs/accounts/subgraph';
import { seedDemoAccountsIfEmpty } from '../seed/demo-accounts';
import { accountsOptionsFromEnv } from '../subgraphs/accounts/services';
import type { Env } from '../subgraphs/kit/config';
import { loadSampleReferralsIfEmpty, type RunOperation } from '../seed/sample-referrals';

export interface SubgraphEntry {
  definition: SubgraphDefinition;
  /** Loads sample data into an empty database for `npm start`; says what it loaded, or null. */
  seedIfEmpty?: (orm: MikroORM, context: { production: boolean }) => Promise<string | null>;
  /**
   * Loads sample data through the running subgraph's own operations (after it and the subgraphs
   * before it have started), for data that must pass its checks; says what it loaded, or null.
   */
  seedAfterStart?: (
    orm: MikroORM,
    run: RunOperation,
    context: { production: boolean },
  ) => Promise<string | null>;
  /** Its own settings from the environment, for `npm start` (lifetimes, mail...). */
  startOptions?: (env: Env) => object;
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
  {
    definition: accountsSubgraph,
    startOptions: accountsOptionsFromEnv,
    async seedIfEmpty(orm, { production }) {
      // Demo accounts share a published password: never in production.
      if (production) return null;
      const created = await seedDemoAccountsIfEmpty(orm);
      return created ? `${created} demo accounts` : null;
    },
  },
  // Last: referrals' background work calls every other subgraph (mail asks accounts for addresses;
  // a referral asks resources whether a resource takes referrals), so they listen before it starts.
  {
    definition: referralsSubgraph,
    startOptions: referralsStartOptions,
    async seedAfterStart(orm, run, { production }) {
      // Made by the demo accounts, which production never has.
      if (production) return null;
      const loaded = await loadSampleReferralsIfEmpty(orm, run);
      return loaded === null ? null : `${loaded} referrals`;
    },
  },
];

export const subgraphUrl = (definition: SubgraphDefinition) =>
  `http://localhost:${definition.defaultPort}/graphql`;
