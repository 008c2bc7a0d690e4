import { z } from 'zod';
import { ConfigError, optionalUrl, parseEnv, type Env } from '../kit/config';
import { subgraphConfig, type SubgraphConfig } from '../kit/subgraph-config';

export const DEFAULT_RESOURCES_URL = 'http://localhost:4001/graphql';

export interface ReferralsConfig extends SubgraphConfig {
  /** The resources subgraph, asked whether a resource exists and takes referrals. */
  readonly resourcesUrl: string;
}

export function referralsConfig(env: Env): ReferralsConfig {
  const base = subgraphConfig('referrals', 4002, env);
  const own = parseEnv('referrals', z.object({ RESOURCES_URL: optionalUrl }), env);
  if (base.production && !own.RESOURCES_URL) {
    throw new ConfigError('referrals', [
      'RESOURCES_URL: required in production (the resources subgraph, e.g. http://resources:4001/graphql)',
    ]);
  }
  return Object.freeze({ ...base, resourcesUrl: own.RESOURCES_URL ?? DEFAULT_RESOURCES_URL });
}
