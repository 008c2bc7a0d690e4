import type { Env } from '../kit/config';
import type { Started, SubgraphRuntime } from '../kit/subgraph';
import { DEFAULT_RESOURCES_URL, peersConfig } from './config';
import { HttpListings } from './listings/http-listings';
import type { Listings } from './listings/listings.port';
import { PeerCandidateIndex } from './matching/candidate-index';
import { fetchAllCandidates } from './matching/match.service';
import { startPeerChangeListener } from './matching/peer-changes';

/** What a runner may choose: where the resources subgraph is, or listings in its place (tests). */
export interface PeersOptions {
  /** The resources subgraph when the runner does not say (a container of its own: RESOURCES_URL). */
  resourcesUrl?: string;
  /** Replaces the HTTP client of the resources subgraph. */
  listings?: Listings;
}

/**
 * What lives as long as the service: the matching candidates in memory, kept honest by a listener,
 * and the client that asks resources about saved listings (batching across requests).
 */
export interface PeersServices {
  candidates: PeerCandidateIndex;
  listings: Listings;
}

export function peersOptionsFromEnv(env: Env): PeersOptions {
  return { resourcesUrl: peersConfig(env).resourcesUrl };
}

export async function startPeersServices(
  runtime: SubgraphRuntime,
  options: PeersOptions,
): Promise<Started<PeersServices>> {
  const candidates = new PeerCandidateIndex(() => fetchAllCandidates(runtime.orm.em.fork()));
  const listings =
    options.listings ??
    new HttpListings(
      // Read when needed: under npm start the resources subgraph's URL is known once it listens.
      () => runtime.subgraphUrls?.resources ?? options.resourcesUrl ?? DEFAULT_RESOURCES_URL,
      runtime.identitySecret,
      runtime.logger,
    );
  const stop = await startPeerChangeListener(runtime, candidates);
  return { services: { candidates, listings }, stop };
}
