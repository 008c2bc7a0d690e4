import DataLoader from 'dataloader';
import type { Logger } from '../../kit/logger';
import { serviceClient, serviceIdentity, type ServiceQuery } from '../../kit/service-client';
import type { ListingState, Listings } from './listings.port';

/** Who peers is when it asks the resources subgraph: a service, which resources answers for every listing. */
export const PEERS_SERVICE = serviceIdentity('peers');

const LOOKUP = `query PeersListingLookup($r: [_Any!]!) {
  _entities(representations: $r) { ... on Resource { id listed } }
}`;

/**
 * The resources subgraph asked over HTTP, signed as the peers service. Lookups made within a couple
 * of milliseconds (a saved list of forty listings, several requests at once) go out as one
 * `_entities` request; nothing is remembered, so a listing unpublished a moment ago shows so.
 */
export class HttpListings implements Listings {
  private readonly loader: DataLoader<string, ListingState | null>;
  private readonly query: ServiceQuery;

  constructor(url: () => string, secret: string, logger: Logger, batchWindowMs = 2) {
    this.query = serviceClient({
      url,
      audience: 'resources',
      identity: PEERS_SERVICE,
      secret,
      logger,
    });
    this.loader = new DataLoader((ids) => this.lookup(ids), {
      cache: false,
      maxBatchSize: 100,
      batchScheduleFn: (run) => setTimeout(run, batchWindowMs),
    });
  }

  state(id: string): Promise<ListingState | null> {
    return this.loader.load(id);
  }

  private async lookup(ids: readonly string[]): Promise<(ListingState | null)[]> {
    const data = await this.query<{ _entities: (ListingState | null)[] }>(LOOKUP, {
      r: ids.map((id) => ({ __typename: 'Resource', id })),
    });
    return data._entities.map((row) => (row ? { id: row.id, listed: row.listed } : null));
  }
}
