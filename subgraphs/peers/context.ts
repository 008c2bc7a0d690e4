import type { SubgraphContext } from '../kit/context';
import type { SubgraphRuntime } from '../kit/subgraph';
import { createLoaders, type PeerLoaders } from './loaders';
import { PeerMatchService } from './matching/match.service';
import { candidateIndexFor } from './matching/peer-changes';
import { PeerService } from './peer/peer.service';
import { SavedResourceService } from './saved/saved-resource.service';

export interface PeersContext extends SubgraphContext {
  peers: PeerService;
  matching: PeerMatchService;
  saved: SavedResourceService;
  loaders: PeerLoaders;
}

/** The services of one request, sharing its entity manager (one unit of work per request). */
export function peersContext(base: SubgraphContext, runtime: SubgraphRuntime): PeersContext {
  const { em, identity } = base;
  const loaders = createLoaders(em);
  return {
    ...base,
    peers: new PeerService(em, identity),
    matching: new PeerMatchService(em, identity, loaders, candidateIndexFor(runtime.orm)),
    saved: new SavedResourceService(em, identity),
    loaders,
  };
}
