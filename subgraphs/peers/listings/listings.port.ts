/** What peers must know of a listing it holds by id: that it exists, and whether it is published. */
export interface ListingState {
  id: string;
  /** Published (the resources subgraph's rule): anyone may find and read it. */
  listed: boolean;
}

/**
 * The directory's listings, owned by the resources subgraph. Peers never reads its tables; it asks
 * through this port.
 */
export interface Listings {
  /** The listing with this id, or null when there is none. */
  state(id: string): Promise<ListingState | null>;
}
