import type { SubgraphContext } from '../kit/context';
import { createLoaders, type PeerLoaders } from './loaders';
import { PeerMatchService } from './matching/match.service';
import { PeerService } from './peer/peer.service';
import { PeerVisibilityService } from './peer/peer-visibility.service';
import { SavedResourceService } from './saved/saved-resource.service';
import type { PeersServices } from './services';

export interface PeersContext extends SubgraphContext {
  peers: PeerService;
  visibility: PeerVisibilityService;
  matching: PeerMatchService;
  saved: SavedResourceService;
  loaders: PeerLoaders;
}

/**
 * The services of one request, sharing its entity manager (one unit of work per request), and the
 * subgraph's long-lived ones (the matching candidates in memory).
 */
export function peersContext(base: SubgraphContext, services: PeersServices): PeersContext {
  const { em, identity } = base;
  const loaders = createLoaders(em);
  return {
    ...base,
    peers: new PeerService(em, identity),
    visibility: new PeerVisibilityService(em, identity),
    matching: new PeerMatchService(em, identity, loaders, services.candidates),
    saved: new SavedResourceService(em, identity, services.listings),
    loaders,
  };
}
