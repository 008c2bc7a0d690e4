import type { Started, SubgraphRuntime } from '../kit/subgraph';
import { PeerCandidateIndex } from './matching/candidate-index';
import { fetchAllCandidates } from './matching/match.service';
import { startPeerChangeListener } from './matching/peer-changes';

/** The peers subgraph has nothing for a runner to choose. */
export type PeersOptions = Record<never, never>;

/** What lives as long as the service: the matching candidates in memory, kept honest by a listener. */
export interface PeersServices {
  candidates: PeerCandidateIndex;
}

export async function startPeersServices(
  runtime: SubgraphRuntime,
): Promise<Started<PeersServices>> {
  const candidates = new PeerCandidateIndex(() => fetchAllCandidates(runtime.orm.em.fork()));
  const stop = await startPeerChangeListener(runtime, candidates);
  return { services: { candidates }, stop };
}
