import type { Env } from '../kit/config';
import { subgraphConfig, type SubgraphConfig } from '../kit/subgraph-config';

export type ResourcesConfig = SubgraphConfig;

export function resourcesConfig(env: Env): ResourcesConfig {
  return subgraphConfig('resources', 4001, env);
}
