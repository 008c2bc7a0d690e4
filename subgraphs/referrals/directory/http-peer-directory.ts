import type { Logger } from '../../kit/logger';
import type { KnownPeer, PeerDirectory } from './peer-directory.port';
import { serviceClient, type ServiceQuery } from '../../kit/service-client';
import { REFERRALS_SERVICE } from './http-resource-directory';

const LOOKUP = `query ReferralsPeerLookup($r: [_Any!]!) {
  _entities(representations: $r) { ... on Peer { id organization { id } } }
}`;

type EntityRow = { id: string; organization: { id: string } | null } | null;

/**
 * The peers subgraph, asked over HTTP with referrals' own service identity: a federation entity
 * reference (`_entities` on Peer), which the peers subgraph resolves to null for an id that names no
 * peer. Assignments are rare, so nothing is batched or kept.
 */
export class HttpPeerDirectory implements PeerDirectory {
  private readonly query: ServiceQuery;

  constructor(url: () => string, secret: string, logger: Logger, timeoutMs?: number) {
    this.query = serviceClient({
      audience: 'peers',
      identity: REFERRALS_SERVICE,
      url,
      secret,
      logger,
      timeoutMs,
      describe: 'The peer directory',
    });
  }

  async peer(id: string): Promise<KnownPeer | null> {
    const data = await this.query<{ _entities: EntityRow[] }>(LOOKUP, {
      r: [{ __typename: 'Peer', id }],
    });
    const row = data._entities[0];
    return row ? { id: row.id, organizationId: row.organization?.id ?? null } : null;
  }
}
