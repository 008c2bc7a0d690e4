/** What referrals must know of a peer to assign them: that they exist, and where they work. */
export interface KnownPeer {
  id: string;
  /** The organization the peer works for, when they have one (a consent may name it). */
  organizationId: string | null;
}

/**
 * The peers, owned by the peers subgraph. Referrals never reads its tables; it asks through this
 * port whether a peer exists before assigning them.
 */
export interface PeerDirectory {
  /** The peer with this id, or null when there is none. */
  peer(id: string): Promise<KnownPeer | null>;
}
