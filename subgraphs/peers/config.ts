import { z } from 'zod';
import { ConfigError, optionalUrl, parseEnv, type Env } from '../kit/config';
import { subgraphConfig, type SubgraphConfig } from '../kit/subgraph-config';

export const DEFAULT_RESOURCES_URL = 'http://localhost:4001/graphql';

export interface PeersConfig extends SubgraphConfig {
  /** The resources subgraph, asked whether a saved listing exists and is still published. */
  readonly resourcesUrl: string;
}

export function peersConfig(env: Env): PeersConfig {
  const base = subgraphConfig('peers', 4003, env);
  const own = parseEnv('peers', z.object({ RESOURCES_URL: optionalUrl }), env);
  if (base.production && !own.RESOURCES_URL) {
    throw new ConfigError('peers', [
      'RESOURCES_URL: required in production (the resources subgraph, e.g. http://resources:4001/graphql)',
    ]);
  }
  return Object.freeze({ ...base, resourcesUrl: own.RESOURCES_URL ?? DEFAULT_RESOURCES_URL });
}
