import { z } from 'zod';
import { ConfigError, optionalUrl, parseEnv, type Env } from '../kit/config';
import { subgraphConfig, type SubgraphConfig } from '../kit/subgraph-config';

export const DEFAULT_RESOURCES_URL = 'http://localhost:4001/graphql';
export const DEFAULT_PEERS_URL = 'http://localhost:4003/graphql';

export interface ReferralsConfig extends SubgraphConfig {
  /** The resources subgraph, asked whether a resource exists and takes referrals. */
  readonly resourcesUrl: string;
  /** The peers subgraph, asked whether a peer exists before one is assigned. */
  readonly peersUrl: string;
}

export function referralsConfig(env: Env): ReferralsConfig {
  const base = subgraphConfig('referrals', 4002, env);
  const own = parseEnv(
    'referrals',
    z.object({ RESOURCES_URL: optionalUrl, PEERS_URL: optionalUrl }),
    env,
  );
  const missing: string[] = [];
  if (base.production && !own.RESOURCES_URL) {
    missing.push(
      'RESOURCES_URL: required in production (the resources subgraph, e.g. http://resources:4001/graphql)',
    );
  }
  if (base.production && !own.PEERS_URL) {
    missing.push(
      'PEERS_URL: required in production (the peers subgraph, e.g. http://peers:4003/graphql)',
    );
  }
  if (missing.length) throw new ConfigError('referrals', missing);
  return Object.freeze({
    ...base,
    resourcesUrl: own.RESOURCES_URL ?? DEFAULT_RESOURCES_URL,
    peersUrl: own.PEERS_URL ?? DEFAULT_PEERS_URL,
  });
}
