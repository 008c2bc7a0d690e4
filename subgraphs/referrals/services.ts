import type { Env } from '../kit/config';
import type { Started, SubgraphRuntime } from '../kit/subgraph';
import { DEFAULT_PEERS_URL, DEFAULT_RESOURCES_URL, referralsConfig } from './config';
import { HttpPeerDirectory } from './directory/http-peer-directory';
import { HttpResourceDirectory } from './directory/http-resource-directory';
import type { PeerDirectory } from './directory/peer-directory.port';
import type { ResourceDirectory } from './directory/resource-directory.port';

/** What a runner may choose: where the resources subgraph is, or a directory in its place (tests). */
export interface ReferralsOptions {
  /** The resources subgraph when the runner does not say (a container of its own: RESOURCES_URL). */
  resourcesUrl?: string;
  /** Replaces the HTTP directory (tests of the project's own port). */
  directory?: ResourceDirectory;
  /** The peers subgraph when the runner does not say (a container of its own: PEERS_URL). */
  peersUrl?: string;
  /** Replaces the HTTP peer directory (tests of the project's own port). */
  peers?: PeerDirectory;
}

/** What lives as long as the service: one directory, shared by its requests, so lookups batch across them. */
export interface ReferralsServices {
  directory: ResourceDirectory;
  /** Whether a peer exists, asked before one is assigned. */
  peers: PeerDirectory;
}

export function referralsOptionsFromEnv(env: Env): ReferralsOptions {
  const config = referralsConfig(env);
  return { resourcesUrl: config.resourcesUrl, peersUrl: config.peersUrl };
}

export function startReferralsServices(
  runtime: SubgraphRuntime,
  options: ReferralsOptions,
): Promise<Started<ReferralsServices>> {
  const directory =
    options.directory ??
    new HttpResourceDirectory(
      // Read when needed: under npm start the resources subgraph's URL is known once it listens.
      () => runtime.subgraphUrls?.resources ?? options.resourcesUrl ?? DEFAULT_RESOURCES_URL,
      runtime.identitySecret,
      runtime.logger,
    );
  const peers =
    options.peers ??
    new HttpPeerDirectory(
      () => runtime.subgraphUrls?.peers ?? options.peersUrl ?? DEFAULT_PEERS_URL,
      runtime.identitySecret,
      runtime.logger,
    );
  return Promise.resolve({ services: { directory, peers } });
}
